import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NXAPI
import NXAPIRuntime
import NXModel
import NXRuntime
@testable import NXServer
import Testing

/// `/directory` handlers: the write guard for non-administrators (no second user can be created over REST yet, so the
/// handlers are called with a non-admin principal), and the entry JSON through the router.
@Suite struct DirectoryHandlerTests {
    static func handlers() async throws -> APIHandlers {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-dirs-\(UUID().uuidString)").path
        let state = try await ServerState.open(ServerConfiguration(dataDirectory: directory, bcryptCost: 4))
        return APIHandlers(state)
    }

    static func context(admin: Bool, groups: [String] = ["members"]) -> NXCallContext {
        NXCallContext(principal: NXPrincipal(name: admin ? "Administrator" : "bob", isAdministrator: admin, groups: groups),
                      baseURL: "http://localhost/nuxeo/", logger: Logger(label: "test"))
    }

    @Test func nonAdministratorsCannotWrite() async throws {
        let handlers = try await Self.handlers()
        let bob = Self.context(admin: false)
        let body = DirectoryEntryEntity(directoryName: "nature", properties: ["id": "bob-nature"])
        await #expect(throws: NXError.forbidden("Not allowed to edit directory")) {
            _ = try await handlers.createDirectoryEntry(repository: "default", dir: "nature", translateDirectoryEntry: [], acceptLanguage: nil, body: body, context: bob)
        }
        await #expect(throws: NXError.forbidden("Not allowed to edit directory")) {
            _ = try await handlers.updateDirectoryEntry(repository: "default", dir: "nature", entryId: "article", translateDirectoryEntry: [], acceptLanguage: nil, body: body, context: bob)
        }
        await #expect(throws: NXError.forbidden("Not allowed to edit directory")) {
            _ = try await handlers.deleteDirectoryEntry(repository: "default", dir: "nature", entryId: "article", context: bob)
        }
        // Reads are open to everyone; a missing entry is a 404 before the guard.
        _ = try await handlers.getDirectoryEntry(repository: "default", dir: "nature", entryId: "article", translateDirectoryEntry: [], acceptLanguage: nil, context: bob)
        await #expect(throws: NXError.notFound("Entry not found")) {
            _ = try await handlers.deleteDirectoryEntry(repository: "default", dir: "nature", entryId: "nope", context: bob)
        }
        // powerusers may write, as in Nuxeo.
        let power = Self.context(admin: false, groups: ["powerusers"])
        _ = try await handlers.createDirectoryEntry(repository: "default", dir: "nature", translateDirectoryEntry: [], acceptLanguage: nil, body: body, context: power)
        _ = try await handlers.deleteDirectoryEntry(repository: "default", dir: "nature", entryId: "bob-nature", context: power)
    }

    @Test func entryJSONThroughTheRouter() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/api/v1/directory/continent/oceania", method: .get, headers: .admin())
            #expect(response.status == .ok)
            #expect(response.text == #"{"entity-type":"directoryEntry","directoryName":"continent","id":"oceania","properties":"#
                + #"{"id":"oceania","label":"label.directories.continent.oceania","obsolete":0,"ordering":10000000}}"#)
            let list = try await client.execute(uri: "/nuxeo/api/v1/directory", method: .get, headers: .admin())
            let entries = list.json.objectValue?["entries"]?.arrayValue ?? []
            #expect(entries.contains(["entity-type": "directory", "name": "country", "schema": "xvocabulary", "idField": "id",
                                      "readOnly": false, "parent": "continent"]))
            #expect(entries.contains { $0.objectValue?["name"] == "continent" && $0.objectValue?["parent"] == .null })
            let encoded = try await client.execute(uri: "/nuxeo/api/v1/directory/l10nsubjects/art%2Fcinema", method: .get, headers: .admin())
            #expect(encoded.json.objectValue?["id"] == "art/cinema")
        }
    }
}
