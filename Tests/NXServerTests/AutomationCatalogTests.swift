import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Helpers of the catalog wire tests: operation calls, documents and users made through the API.
enum Catalog {
    static let api = "/nuxeo/api/v1"

    /// `POST /automation/{id}` with a JSON body (`{"input":…,"params":…}` as text).
    static func run(_ client: some TestClientProtocol, _ id: String, _ body: String = "{}", headers: HTTPFields = .admin()) async throws
        -> TestResponse
    {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await client.execute(uri: api + "/automation/" + id, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    /// A document created in `parent` (`properties` a JSON object text); returns its uid.
    static func create(_ client: some TestClientProtocol, _ type: String, _ name: String, in parent: String = "/default-domain/workspaces",
                       properties: String = "{}") async throws -> String {
        let body = #"{"entity-type":"document","type":"\#(type)","name":"\#(name)","properties":\#(properties)}"#
        let response = try await client.execute(uri: api + "/path" + parent, method: .post, headers: .admin([("Content-Type", "application/json")]),
                                                body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.json.objectValue?["uid"]?.stringValue)
    }

    /// A user `name` (password `secret-1`) in `groups`; returns its Basic credentials.
    static func user(_ client: some TestClientProtocol, _ name: String, groups: [String] = ["members"]) async throws -> HTTPFields {
        let list = groups.map { "\"\($0)\"" }.joined(separator: ",")
        let body = #"{"entity-type":"user","id":"\#(name)","properties":{"username":"\#(name)","password":"secret-1","groups":[\#(list)]}}"#
        let response = try await client.execute(uri: api + "/user", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                                body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(response.text)")
        return [.authorization: "Basic " + Data("\(name):secret-1".utf8).base64EncodedString()]
    }

    static func message(_ response: TestResponse) -> String { response.json.objectValue?["message"]?.stringValue ?? "" }
}

/// The registry entries of the catalog carry Nuxeo's exact strings and shapes.
@Suite struct AutomationCatalogRegistryTests {
    @Test func entriesCarryNuxeosStrings() async throws {
        try await testApplication().test(.router) { client in
            let vocabulary = try await client.execute(uri: Catalog.api + "/automation/Directory.CreateVocabularyEntry", method: .get, headers: .admin())
            #expect(vocabulary.json.objectValue?["description"]?.stringValue?.contains("(an existing entry isnot updated)") == true)
            #expect(vocabulary.json.objectValue?["label"] == "Vocabulary: Add Entry")
            let list = try await client.execute(uri: Catalog.api + "/automation/Document.AddItemToListProperty", method: .get, headers: .admin())
            #expect(list.json.objectValue?["aliases"] == .array(["Document.AddItemToListProperty"]))
            let remove = try await client.execute(uri: Catalog.api + "/automation/RemoveEntryOfMultivaluedProperty", method: .get, headers: .admin())
            let names = remove.json.objectValue?["params"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue }
            #expect(names == ["value", "xpath", "is Remove All", "save"])
            let suggest = try await client.execute(uri: Catalog.api + "/automation/Directory.SuggestEntries", method: .get, headers: .admin())
            let limit = suggest.json.objectValue?["params"]?.arrayValue?.first { $0.objectValue?["name"] == "limit" }
            #expect(limit?.objectValue?["type"] == "int")
            let entries = try await client.execute(uri: Catalog.api + "/automation/Directory.Entries", method: .get, headers: .admin())
            #expect(entries.json.objectValue?["signature"] == .array(["void", "blob", "document", "blob"]))
        }
    }
}

/// User.CreateOrUpdate, Group.CreateOrUpdate and User.Query.
@Suite struct AutomationUserOperationTests {
    @Test func createOrUpdateUserFollowsItsMode() async throws {
        try await testApplication().test(.router) { client in
            let created = try await Catalog.run(client, "User.CreateOrUpdate",
                                                #"{"params":{"username":"jdoe","password":"pw-1","firstName":"John","email":"j@x.org","mode":"create","groups":["members"]}}"#)
            #expect(created.status == .noContent)
            let again = try await Catalog.run(client, "Services.CreateUser", #"{"params":{"username":"jdoe","mode":"create"}}"#)
            #expect(again.status == .conflict)
            #expect(Catalog.message(again) == "Failed to invoke operation: User.CreateOrUpdate, Failed to invoke operation User.CreateOrUpdate with "
                + "aliases [Services.CreateUser], Cannot create already-existing user: jdoe")
            let missing = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{"username":"nobody","mode":"update"}}"#)
            #expect(missing.status == .notFound && Catalog.message(missing).hasSuffix("Cannot update non-existent user: nobody"))
            let updated = try await Catalog.run(client, "User.CreateOrUpdate",
                                                #"{"params":{"username":"jdoe","lastName":"Doe","properties":{"user:company":"ACME"}}}"#)
            #expect(updated.status == .noContent)
            let user = try await client.execute(uri: Catalog.api + "/user/jdoe", method: .get, headers: .admin()).json.objectValue?["properties"]?.objectValue
            #expect(user?["firstName"] == "John" && user?["lastName"] == "Doe" && user?["company"] == "ACME" && user?["email"] == "j@x.org")
            let jdoe: HTTPFields = [.authorization: "Basic " + Data("jdoe:pw-1".utf8).base64EncodedString()]
            let refused = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{"username":"other"}}"#, headers: jdoe)
            #expect(refused.status == .notFound && refused.body.readableBytes == 0)
            let badMode = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{"username":"jdoe","mode":"upsert"}}"#)
            #expect(badMode.status == .badRequest && Catalog.message(badMode).contains("'mode'"))
            let noName = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{}}"#)
            #expect(noName.status == .badRequest && Catalog.message(noName).contains("'username'"))
        }
    }

    @Test func createOrUpdateGroupSetsMembers() async throws {
        try await testApplication().test(.router) { client in
            let created = try await Catalog.run(client, "Group.CreateOrUpdate",
                                                #"{"params":{"groupname":"editors","grouplabel":"Editors","members":["Administrator"]}}"#)
            #expect(created.status == .noContent)
            let group = try await client.execute(uri: Catalog.api + "/group/editors?fetch.group=memberUsers", method: .get, headers: .admin()).json.objectValue
            #expect(group?["grouplabel"] == "Editors" && group?["memberUsers"] == .array(["Administrator"]))
            let tenant = try await Catalog.run(client, "Group.CreateOrUpdate", #"{"params":{"groupname":"staff","tenantId":"t1"}}"#)
            #expect(tenant.status == .noContent)
            #expect(try await client.execute(uri: Catalog.api + "/group/tenant_t1_staff", method: .get, headers: .admin()).status == .ok)
            let again = try await Catalog.run(client, "Group.CreateOrUpdate", #"{"params":{"groupname":"editors","mode":"create"}}"#)
            #expect(again.status == .conflict && Catalog.message(again).hasSuffix("Cannot create already-existing group: editors"))
            let missing = try await Catalog.run(client, "Group.CreateOrUpdate", #"{"params":{"grouplabel":"x"}}"#)
            #expect(missing.status == .badRequest && Catalog.message(missing).contains("'groupname'"))
        }
    }

    @Test func queryUsersAnswersAJSONBlob() async throws {
        try await testApplication().test(.router) { client in
            _ = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{"username":"alice","firstName":"Alice","lastName":"Martin"}}"#)
            _ = try await Catalog.run(client, "User.CreateOrUpdate", #"{"params":{"username":"bob","firstName":"Bob","lastName":"Marley"}}"#)
            let byPattern = try await Catalog.run(client, "User.Query", #"{"params":{"pattern":"mar"}}"#)
            #expect(byPattern.status == .ok && byPattern.headers[.contentType]?.hasPrefix("application/json") == true)
            let names = byPattern.json.objectValue?["users"]?.arrayValue?.compactMap { $0.objectValue?["username"]?.stringValue }
            #expect(Set(names ?? []) == ["alice", "bob"])
            let byFields = try await Catalog.run(client, "Services.QueryUsers", #"{"params":{"firstName":"ali"}}"#)
            #expect(byFields.json == .object(["users": .array([.object(["username": "alice", "firstName": "Alice", "lastName": "Martin"])])]))
            let bad = try await Catalog.run(client, "User.Query", #"{"params":{"pattern":{"a":1}}}"#)
            #expect(bad.status == .badRequest && Catalog.message(bad).contains("'pattern'"))
        }
    }
}

/// Audit.LogEvent writes an entry per document.
@Suite struct AutomationAuditOperationTests {
    @Test func logEventIsReadInTheAuditLog() async throws {
        try await testApplication().test(.router) { client in
            let uid = try await Catalog.create(client, "File", "audited")
            let logged = try await Catalog.run(client, "Audit.Log", #"{"input":"doc:\#(uid)","params":{"event":"reviewed","comment":"ok"}}"#)
            #expect(logged.status == .ok && logged.json.objectValue?["uid"]?.stringValue == uid)
            let log = try await client.execute(uri: Catalog.api + "/id/\(uid)/@audit", method: .get, headers: .admin())
            let first = log.json.objectValue?["entries"]?.arrayValue?.first?.objectValue
            #expect(first?["eventId"] == "reviewed" && first?["category"] == "Automation" && first?["comment"] == "ok")
            #expect(first?["principalName"] == "Administrator")
            let missing = try await Catalog.run(client, "Audit.LogEvent", #"{"input":"doc:\#(uid)","params":{}}"#)
            #expect(missing.status == .badRequest && Catalog.message(missing).contains("'event'"))
        }
    }
}
