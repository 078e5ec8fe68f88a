import HTTPTypes
import HummingbirdTesting
import NXRuntime
import Testing

/// On a fresh server, a management probe counts its runs: never run before the first, then one more per POST; the
/// conformance scenario checks only their shape, as it runs against servers other clients have used.
@Suite struct ProbeCountsTests {
    @Test func probesCountTheirRuns() async throws {
        try await testApplication().test(.router) { client in
            let runtime = try await client.execute(uri: "/nuxeo/api/v1/management/probes/runtimeStatus", method: .get, headers: .admin())
            #expect(Self.at(runtime.json, "status", "neverExecuted") == true && Self.at(runtime.json, "history", "lastRun") == .null)
            #expect(Self.at(runtime.json, "counts") == ["run": 0, "success": 0, "failure": 0])
            for run in 1...2 {
                let probe = try await client.execute(uri: "/nuxeo/api/v1/management/probes/repositoryStatus", method: .post, headers: .admin())
                #expect(probe.status == .ok && Self.at(probe.json, "status", "neverExecuted") == false)
                #expect(Self.at(probe.json, "counts") == ["run": .int(Int64(run)), "success": .int(Int64(run)), "failure": 0])
            }
            let all = try await client.execute(uri: "/nuxeo/api/v1/management/probes", method: .get, headers: .admin())
            let repository = Self.at(all.json, "entries")?.arrayValue?.first { Self.at($0, "name") == "repositoryStatus" }
            #expect(repository.flatMap { Self.at($0, "counts", "run") } == 2)
        }
    }

    /// The value at a path of object keys.
    static func at(_ value: JSONValue, _ keys: String...) -> JSONValue? {
        keys.reduce(value as JSONValue?) { current, key in current?.objectValue?[key] }
    }
}
