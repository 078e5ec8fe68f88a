import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Deeply nested client input (NXQL in a URL or a body, JSON bodies) is a 400 with Nuxeo's exception entity, and the
/// server keeps answering: nothing a client sends may exhaust the stack. Over a socket a URL is bounded by the HTTP
/// parser (about 80 KB of request head), so the deepest queries also go through the router directly and in a body.
@Suite struct DeepInputWireTests {
    static let search = "/nuxeo/api/v1/search/lang/NXQL/execute?query="
    static let head = "SELECT+*+FROM+Document+WHERE+"
    static let leaf = "dc:title+%3D+%27x%27"

    static func parentheses(_ count: Int) -> String {
        head + String(repeating: "(", count: count) + leaf + String(repeating: ")", count: count)
    }

    static func nots(_ count: Int) -> String { head + String(repeating: "NOT+", count: count) + leaf }

    func expectQueryError(_ response: TestResponse, prefix: String = "Failed to execute query: SELECT * FROM Document WHERE ",
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .badRequest, sourceLocation: sourceLocation)
        let entity = response.json.objectValue
        #expect(entity?["entity-type"] == "exception", sourceLocation: sourceLocation)
        #expect(entity?["status"] == 400, sourceLocation: sourceLocation)
        let message = entity?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix(prefix), sourceLocation: sourceLocation)
        #expect(message.contains("Syntax Error: query nested too deeply, the limit is 32 levels"), sourceLocation: sourceLocation)
    }

    func expectAlive(_ client: some TestClientProtocol, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await client.execute(uri: Self.search + "SELECT+*+FROM+Domain", method: .get, headers: .admin())
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        #expect(response.json.objectValue?["resultsCount"] == 1, sourceLocation: sourceLocation)
    }

    @Test func deepQueriesInTheURLAreRejectedAndTheServerAnswersAfterwards() async throws {
        try await testApplication().test(.live) { client in
            expectQueryError(try await client.execute(uri: Self.search + Self.parentheses(30_000), method: .get, headers: .admin()))
            try await expectAlive(client)
            expectQueryError(try await client.execute(uri: Self.search + Self.nots(15_000), method: .get, headers: .admin()))
            try await expectAlive(client)
        }
    }

    @Test func seventyThousandParenthesesAndHundredThousandNotsAreRejected() async throws {
        try await testApplication().test(.router) { client in
            expectQueryError(try await client.execute(uri: Self.search + Self.parentheses(70_000), method: .get, headers: .admin()))
            expectQueryError(try await client.execute(uri: Self.search + Self.nots(100_000), method: .get, headers: .admin()))
            try await expectAlive(client)
        }
    }

    @Test func deepQueriesInAnAutomationBodyAreRejected() async throws {
        try await testApplication().test(.live) { client in
            let query = "SELECT * FROM Document WHERE " + String(repeating: "NOT ", count: 100_000) + "dc:title = 'x'"
            let response = try await client.execute(
                uri: "/nuxeo/api/v1/automation/Repository.Query", method: .post, headers: .admin([("Content-Type", "application/json+nxrequest")]),
                body: ByteBuffer(string: #"{"params":{"query":""# + query + #""}}"#))
            expectQueryError(response, prefix: "Failed to invoke operation: Repository.Query, ")
            try await expectAlive(client)
        }
    }

    @Test func deepJSONBodiesAreRejected() async throws {
        try await testApplication().test(.live) { client in
            let deep = #"{"entity-type":"document","type":"File","name":"deep","properties":{"dc:title":"#
                + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}}"
            let response = try await client.execute(
                uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: deep))
            #expect(response.status == .badRequest)
            #expect(response.json.objectValue?["entity-type"] == "exception")
            #expect(response.json.objectValue?["message"]?.stringValue?.contains("JSON nested too deeply, the limit is 512 levels") == true)
            try await expectAlive(client)
        }
    }

    /// The deepest body the parser accepts also goes through entity decoding and property checks without trouble.
    @Test func deepestAcceptedJSONBodyIsAnOrdinaryBadRequest() async throws {
        try await testApplication().test(.live) { client in
            let deep = #"{"entity-type":"document","type":"File","name":"deep","properties":{"dc:title":"#
                + String(repeating: "[", count: 505) + String(repeating: "]", count: 505) + "}}"
            let response = try await client.execute(
                uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: deep))
            #expect(response.status == .badRequest)
            #expect(response.json.objectValue?["entity-type"] == "exception")
            try await expectAlive(client)
        }
    }
}
