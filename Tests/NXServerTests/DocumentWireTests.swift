import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// The wire format of documents (server-behaviour §2–§4), through the router without sockets.
@Suite struct DocumentWireTests {
    @Test func documentFieldsAreWrittenInNuxeoOrder() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin([("properties", "*")]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; nuxeo-entity=document")
            #expect(topLevelKeys(response.text) == [
                "entity-type", "repository", "uid", "path", "type", "state", "parentRef", "isCheckedOut", "isRecord", "retainUntil",
                "hasLegalHold", "isUnderRetentionOrLegalHold", "isVersion", "isProxy", "changeToken", "isTrashed", "title",
                "lastModified", "properties", "facets", "schemas",
            ])
            let json = response.json
            #expect(json.objectValue?["properties"]?.objectValue?["dc:title"] == "Domain")
            #expect(json.objectValue?["properties"]?.objectValue?["dc:subjects"] == [])
            #expect(json.objectValue?["properties"]?.objectValue?["dc:publisher"] == .null)
        }
    }

    @Test func propertiesOnlyWithASelector() async throws {
        try await testApplication().test(.router) { client in
            let plain = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin())
            #expect(plain.json.objectValue?["properties"] == nil)
            let legacy = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get,
                                                  headers: .admin([("X-NXDocumentProperties", "dublincore")]))
            let properties = try #require(legacy.json.objectValue?["properties"]?.objectValue)
            #expect(properties["dc:title"] == "Domain" && properties["common:icon"] == nil)
            let query = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain?properties=domain,common", method: .get, headers: .admin())
            #expect(query.text.contains(
                #""properties":{"common:icon":null,"common:icon-expanded":null,"domain:display_type":null,"domain:content_roots":[]}"#))
        }
    }

    @Test func rootAndSiteBasePath() async throws {
        try await testApplication().test(.router) { client in
            let root = try await client.execute(uri: "/nuxeo/site/api/v1/path/", method: .get, headers: .admin())
            #expect(root.status == .ok)
            #expect(root.json.objectValue?["path"] == "/" && root.json.objectValue?["parentRef"] == .null && root.json.objectValue?["title"] == "")
            let rootNoSlash = try await client.execute(uri: "/nuxeo/api/v1/path", method: .get, headers: .admin())
            #expect(rootNoSlash.json.objectValue?["type"] == "Root")
        }
    }

    @Test func errorsAreExceptionEntities() async throws {
        try await testApplication().test(.router) { client in
            let unknownType = try await client.execute(uri: "/nuxeo/api/v1/foo/bar", method: .get, headers: .admin())
            #expect(unknownType.status == .notFound)
            #expect(unknownType.headers[.contentType] == "application/json")
            #expect(unknownType.json == ["entity-type": "exception", "status": 404, "message": "Type not found: foo"])
            let malformed = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .post, headers: .admin(),
                                                     body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest && malformed.json.objectValue?["entity-type"] == "exception")
            let wrongEntity = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .post, headers: .admin(),
                                                       body: ByteBuffer(string: #"{"entity-type":"user","type":"File","name":"x"}"#))
            #expect(wrongEntity.status == .badRequest)
            #expect(wrongEntity.json.objectValue?["message"] == "Json object entity-type is wrong. Expected document but was user")
            let badVersioning = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .put,
                                                         headers: .admin([("X-Versioning-Option", "SIDEWAYS")]),
                                                         body: ByteBuffer(string: #"{"entity-type":"document","properties":{}}"#))
            #expect(badVersioning.status == .badRequest)
            let badPageSize = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/@children?pageSize=x", method: .get, headers: .admin())
            #expect(badPageSize.status == .badRequest)
            let badSort = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/@children?sortBy=dc:nope", method: .get, headers: .admin())
            #expect(badSort.status == .badRequest)
            let method = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/@children", method: .delete, headers: .admin())
            #expect(method.status == .methodNotAllowed && method.json.objectValue?["entity-type"] == "exception")
            #expect(method.headers[.allow] == "GET")
            let document = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .patch, headers: .admin())
            #expect(document.status == .methodNotAllowed && document.headers[.allow] == "DELETE, GET, POST, PUT")
            // As JAX-RS: the literal resource /user/search answers GET only; PUT is not an update of a user named "search".
            let search = try await client.execute(uri: "/nuxeo/api/v1/user/search", method: .put, headers: .admin(),
                                                  body: ByteBuffer(string: #"{"entity-type":"user"}"#))
            #expect(search.status == .methodNotAllowed && search.headers[.allow] == "GET")
            // A single-valued parameter is read from its first value, and no value of it may be malformed.
            let repeated = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/@children?pageSize=x&pageSize=", method: .get,
                                                    headers: .admin())
            #expect(repeated.status == .badRequest)
        }
    }

    @Test func authentication() async throws {
        try await testApplication().test(.router) { client in
            let status = try await client.execute(uri: "/nuxeo/runningstatus", method: .get)
            #expect(status.status == .ok)
            #expect(status.json == ["runtimeStatus": "ok", "repositoryStatus": "ok"])
            let anonymous = try await client.execute(uri: "/nuxeo/api/v1/path/", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Basic realm=\"Nuxeo Automation\"")
            let quiet = try await client.execute(uri: "/nuxeo/api/v1/path/", method: .get, headers: [HTTPField.Name("X-No-Basic-Header")!: "true"])
            #expect(quiet.status == .unauthorized && quiet.headers[.wwwAuthenticate] == nil)
            let wrong = try await client.execute(uri: "/nuxeo/api/v1/path/", method: .get,
                                                 headers: [.authorization: "Basic " + Data("Administrator:nope".utf8).base64EncodedString()])
            #expect(wrong.status == .unauthorized && wrong.json.objectValue?["status"] == 401)
            let garbage = try await client.execute(uri: "/nuxeo/api/v1/path/", method: .get, headers: [.authorization: "Basic ???"])
            #expect(garbage.status == .unauthorized)
        }
    }

    @Test func repositorySelection() async throws {
        try await testApplication().test(.router) { client in
            let header = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin([("X-NXRepository", "other")]))
            #expect(header.status == .notFound)
            let query = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain?nxrepository=default", method: .get, headers: .admin())
            #expect(query.status == .ok)
            let prefix = try await client.execute(uri: "/nuxeo/api/v1/repo/default/path/default-domain/@children", method: .get, headers: .admin())
            #expect(prefix.status == .ok && prefix.json.objectValue?["resultsCount"] == 3)
        }
    }
}
