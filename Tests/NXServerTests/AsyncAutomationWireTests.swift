import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// `@async` automation on the wire (server-behaviour-2.md §5.7): 202 and the status URL, "RUNNING" or 303 to the result,
/// a result read once, errors kept with their status, executions private to the user who started them.
@Suite struct AsyncAutomationWireTests {
    static let json: [(String, String)] = [("Content-Type", "application/json")]

    /// Polls the status URL until it redirects (at most ~5 s); returns the redirect target.
    static func waitForResult(_ client: some TestClientProtocol, statusPath: String) async throws -> String? {
        for _ in 0..<500 {
            let status = try await client.execute(uri: statusPath, method: .get, headers: .admin())
            if status.status == .seeOther { return status.headers[.location] }
            #expect(status.status == .ok && status.text == #""RUNNING""#)
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    static func path(_ location: String?) -> String {
        guard let location, let range = location.range(of: "/nuxeo/") else { return "" }
        return String(location[range.lowerBound...])
    }

    @Test func anExecutionRunsInTheBackgroundAndItsResultIsReadOnce() async throws {
        try await testApplication().test(.router) { client in
            let body = ByteBuffer(string: #"{"input":"/default-domain","params":{"type":"Folder","name":"async-one"}}"#)
            let started = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Create/@async", method: .post,
                                                   headers: .admin(Self.json), body: body)
            #expect(started.status == .accepted)
            #expect(started.body.readableBytes == 0)
            let location = try #require(started.headers[.location])
            #expect(location.contains("/nuxeo/site/automation/Document.Create/@async/") && location.hasSuffix("/status"))
            let result = Self.path(try await Self.waitForResult(client, statusPath: Self.path(location)))
            #expect(!result.isEmpty && !result.hasSuffix("/status"))
            let read = try await client.execute(uri: result, method: .get, headers: .admin())
            #expect(read.status == .ok)
            #expect(read.json.objectValue?["path"] == "/default-domain/async-one")
            let again = try await client.execute(uri: result, method: .get, headers: .admin())
            #expect(again.status == .notFound)
        }
    }

    @Test func aFailedExecutionKeepsItsStatus() async throws {
        try await testApplication().test(.router) { client in
            let body = ByteBuffer(string: #"{"input":"/default-domain","params":{}}"#)
            let started = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.Create/@async", method: .post,
                                                   headers: .admin(Self.json), body: body)
            #expect(started.status == .accepted)
            let result = Self.path(try await Self.waitForResult(client, statusPath: Self.path(started.headers[.location])))
            let read = try await client.execute(uri: result, method: .get, headers: .admin())
            #expect(read.status == .badRequest)
            #expect(read.json.objectValue?["message"]?.stringValue?.contains("Failed to inject parameter 'type'") == true)
        }
    }

    @Test func executionsArePrivateToTheirUser() async throws {
        try await testApplication().test(.router) { client in
            let user = #"{"entity-type":"user","id":"ann","properties":{"username":"ann","password":"ann-secret"}}"#
            #expect(try await client.execute(uri: "/nuxeo/api/v1/user", method: .post, headers: .admin(Self.json),
                                             body: ByteBuffer(string: user)).status == .created)
            let started = try await client.execute(uri: "/nuxeo/api/v1/automation/Repository.GetDocument/@async", method: .post,
                                                   headers: .admin(Self.json), body: ByteBuffer(string: #"{"params":{"value":"/"}}"#))
            let status = Self.path(started.headers[.location])
            let ann: HTTPFields = [.authorization: "Basic " + Data("ann:ann-secret".utf8).base64EncodedString()]
            #expect(try await client.execute(uri: status, method: .get, headers: ann).status == .notFound)
            _ = try await Self.waitForResult(client, statusPath: status)
        }
    }
}

/// The automation engine on the wire: chains by id and alias forms, the registry listing chains, nested-call bounds.
@Suite struct AutomationEngineWireTests {
    @Test func theRegistryListsChainsAmongOperationsSortedByLabel() async throws {
        try await testApplication().test(.router) { client in
            let registry = try await client.execute(uri: "/nuxeo/api/v1/automation", method: .get, headers: .admin())
            let operations = registry.json.objectValue?["operations"]?.arrayValue ?? []
            let labels = operations.compactMap { $0.objectValue?["label"]?.stringValue }
            #expect(labels == labels.sorted())
            let chain = operations.first { $0.objectValue?["id"] == "AttachFiles" }?.objectValue
            #expect(chain?["category"] == "Chain" && chain?["url"] == "AttachFiles" && chain?["description"] == .null)
            let chains = registry.json.objectValue?["chains"]?.arrayValue ?? []
            let urls: [String] = chains.compactMap { $0.objectValue?["url"]?.stringValue }
            #expect(urls.contains("Chain.AttachFiles"))
        }
    }

    @Test func sinceIsWrittenAfterTheDescriptionWhenTheAnnotationHasOne() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/Directory.Projection", method: .get, headers: .admin())
            #expect(topLevelKeys(response.text) == ["id", "label", "category", "requires", "description", "since", "url", "signature", "params"])
            #expect(response.json.objectValue?["since"] == "5.7.2")
        }
    }

    @Test func operationsNestedTooDeeplyAreRefused() async throws {
        try await testApplication().test(.router) { client in
            // RunOperation running RunOperation … 40 levels deep: the bound (32) answers 400 instead of exhausting the stack.
            var parameters = #"{"id":"Log","parameters":{"level":"info","message":"deep"}}"#
            for _ in 0..<40 { parameters = #"{"id":"RunOperation","parameters":\#(parameters)}"# }
            let body = ByteBuffer(string: #"{"params":\#(parameters)}"#)
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/RunOperation", method: .post,
                                                    headers: .admin([("Content-Type", "application/json")]), body: body)
            #expect(response.status == .badRequest)
            #expect(response.json.objectValue?["message"]?.stringValue?.contains("nested deeper than 32") == true)
        }
    }
}

/// Administrators-only operations stay so behind RunOperation and friends; one call runs a bounded number of operations.
@Suite struct NestedOperationBoundsWireTests {
    @Test func aNonAdministratorCannotReachAdminOnlyOperationsIndirectly() async throws {
        try await testApplication().test(.router) { client in
            let user = #"{"entity-type":"user","id":"eve","properties":{"username":"eve","password":"eve-secret","groups":["members"]}}"#
            #expect(try await client.execute(uri: "/nuxeo/api/v1/user", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                             body: ByteBuffer(string: user)).status == .created)
            let eve: HTTPFields = [.authorization: "Basic " + Data("eve:eve-secret".utf8).base64EncodedString(), .contentType: "application/json"]
            for (id, parameters) in [("Blob.CreateFromURL", #"{"file":"http://127.0.0.1:1/x"}"#),
                                     ("Blob.Create", #"{"file":"http://127.0.0.1:1/x"}"#),
                                     ("User.CreateOrUpdate", #"{"username":"mallory","password":"x"}"#)] {
                let body = #"{"params":{"id":"\#(id)","parameters":\#(parameters)}}"#
                let response = try await client.execute(uri: "/nuxeo/api/v1/automation/RunOperation", method: .post, headers: eve,
                                                        body: ByteBuffer(string: body))
                #expect(response.status == .forbidden, "\(id)")
            }
            #expect(try await client.execute(uri: "/nuxeo/api/v1/user/mallory", method: .get, headers: .admin()).status == .notFound)
        }
    }

    @Test func nestedListsRunABoundedNumberOfOperations() async throws {
        try await testApplication().test(.router) { client in
            let items = (0..<200).map(String.init).joined(separator: ",")
            // 200 × 200 × 200 runs of Context.SetVar if nothing stopped it.
            let inner = #"{"id":"Context.SetVar","list":"l","parameters":{"name":"x","value":"1"}}"#
            let middle = #"{"id":"RunOperationOnList","list":"l","parameters":\#(inner)}"#
            let body = #"{"context":{"l":"\#(items)"},"params":{"id":"RunOperationOnList","list":"l","parameters":\#(middle)}}"#
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/RunOperationOnList", method: .post,
                                                    headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.json.objectValue?["message"]?.stringValue?.contains("Too many operations in one call") == true)
        }
    }
}
