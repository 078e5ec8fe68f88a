import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NXConformance
import NXConformanceKit
import NXHTTP
import NXRuntime
import NXServer
import Testing

/// Opens a server state on a fresh data directory (cheap bcrypt cost for tests).
func freshState() async throws -> ServerState {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-conformance-\(UUID().uuidString)").path
    return try await ServerState.open(ServerConfiguration(dataDirectory: directory, bcryptCost: 4))
}

/// Runs `body` with the port of a fresh in-process server listening on loopback.
func withLiveServer(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    let state = try await freshState()
    let app = ServerApplication.application(state, configuration: ServerConfiguration(port: 0), logger: Logger(label: "test"))
    try await app.test(.live) { client in try await body(try #require(client.port)) }
}

/// A conformance runner as Administrator against the server on `port`.
func runner(port: Int) -> ConformanceRunner {
    ConformanceRunner(transport: HTTPClientTransport(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1"),
                      credentials: NXCredentials(user: "Administrator", password: "Administrator"))
}

/// Every scenario of `Spec/conformance/`, compiled to code by nxgen, against an in-process server over real HTTP.
@Suite struct ConformanceTests {
    @Test(arguments: ConformanceSuite.all.map(\.id))
    func scenario(_ id: String) async throws {
        let scenario = try #require(ConformanceSuite.all.first { $0.id == id })
        try await withLiveServer { port in
            let result = await runner(port: port).run(scenario)
            #expect(result.passed, "\(result.failures.joined(separator: "\n"))")
        }
    }

    @Test func suiteIsNotEmpty() {
        #expect(ConformanceSuite.all.count >= 15)
    }

    /// The runner must be able to fail: wrong status, wrong body value, forbidden field present, missing header.
    @Test func runnerReportsMismatches() async throws {
        try await withLiveServer { port in
            let runner = runner(port: port)
            let wrong: [ConformanceStep] = [
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 404, location: "t"),
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 200, expectBody: ["title": "Nope"], location: "t"),
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 200, forbidFields: ["$.uid"], location: "t"),
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 200, requireHeaders: [("X-Missing", "")], location: "t"),
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 200, expectBody: ["facets": ["Folderish"]], location: "t"),
            ]
            for step in wrong {
                let result = await runner.run(ConformanceScenario(id: "wrong", description: "", origin: "test", steps: [step]))
                #expect(!result.passed)
            }
            let right = ConformanceScenario(id: "right", description: "", origin: "test", steps: [
                ConformanceStep(method: "GET", path: "/path/default-domain", status: 200, expectBody: ["title": "Domain", "path": "/default-domain"],
                                forbidFields: ["$.properties"], requireHeaders: [("Content-Type", "application/json")], captures: [("id", "$.uid")],
                                location: "t"),
                ConformanceStep(method: "GET", path: "/id/{{id}}", status: 200, expectBody: ["uid": "{{id}}"], location: "t"),
            ])
            #expect(await runner.run(right).passed)
        }
    }
}

/// JSON matching and paths used by the runner.
@Suite struct JSONMatchTests {
    @Test func subsetMatching() {
        let actual: JSONValue = ["a": 1, "b": ["x", "y"], "c": ["d": nil]]
        #expect(JSONMatch.mismatches(expected: ["a": 1], actual: actual).isEmpty)
        #expect(JSONMatch.mismatches(expected: ["c": ["d": nil]], actual: actual).isEmpty)
        #expect(JSONMatch.mismatches(expected: ["a": 2], actual: actual) == ["$.a: expected 2, found 1"])
        #expect(JSONMatch.mismatches(expected: ["b": ["x"]], actual: actual) == ["$.b: expected 1 items, found 2"])
        #expect(JSONMatch.mismatches(expected: ["z": nil], actual: actual) == ["$.z: missing, expected null"])
        #expect(JSONMatch.mismatches(expected: ["a": 1.0], actual: actual).isEmpty)
    }

    @Test func paths() {
        let value: JSONValue = ["entries": [["uid": "u0"], ["uid": "u1"]], "properties": ["dc:title": "T"]]
        #expect(JSONMatch.value(at: "$.entries[1].uid", in: value) == "u1")
        #expect(JSONMatch.value(at: "$.properties.dc:title", in: value) == "T")
        #expect(JSONMatch.value(at: "$.entries[5].uid", in: value) == nil)
        #expect(JSONMatch.value(at: "$", in: value) == value)
    }
}
