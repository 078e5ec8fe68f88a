import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NXAPIRuntime
import NXRuntime
@testable import NXServer
import Testing

/// `/nuxeo/runningstatus` answers as Nuxeo's StatusServlet: health checks, one probe, `started`, `summary` behind the
/// `server.status.key`, `reload`, and an empty 200 for anything else.
@Suite struct RunningStatusTests {
    /// A server whose status key is `key` (nil: none configured).
    func application(key: String?) async throws -> some ApplicationProtocol {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-status-\(UUID().uuidString)").path
        let state = try await ServerState.open(ServerConfiguration(dataDirectory: directory, bcryptCost: 4))
        let router = Router(context: NXRequestContext.self)
        RunningStatus(state: state, statusKey: key).register(on: router)
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
    }

    @Test func healthChecksAndProbes() async throws {
        try await application(key: "s3cret").test(.router) { client in
            let health = try await client.execute(uri: "/nuxeo/runningstatus", method: .get)
            #expect(health.status == .ok)
            #expect(health.headers[.contentType] == "application/json")
            #expect(health.json == ["runtimeStatus": "ok", "repositoryStatus": "ok"])

            let probe = try await client.execute(uri: "/nuxeo/runningstatus?info=probe&key=repositoryStatus", method: .get)
            #expect(probe.status == .ok && probe.json == ["repositoryStatus": "ok"])
            let administrative = try await client.execute(uri: "/nuxeo/runningstatus?info=probe&key=administrativeStatus", method: .get)
            #expect(administrative.status == .ok && administrative.json == ["administrativeStatus": "ok"])
            let allProbes = try await client.execute(uri: "/nuxeo/runningstatus?info=probe", method: .get)
            #expect(allProbes.json == ["runtimeStatus": "ok", "repositoryStatus": "ok"])
            let unknown = try await client.execute(uri: "/nuxeo/runningstatus?info=probe&key=noSuchProbe", method: .get)
            #expect(unknown.status == .notFound && unknown.text.isEmpty)

            let started = try await client.execute(uri: "/nuxeo/runningstatus?info=started", method: .get)
            #expect(started.status == .ok && started.text == "true")
            let reload = try await client.execute(uri: "/nuxeo/runningstatus?info=reload", method: .get)
            #expect(reload.status == .ok && reload.text == "reload();")
            let other = try await client.execute(uri: "/nuxeo/runningstatus?info=whatever", method: .get)
            #expect(other.status == .ok && other.text.isEmpty)
        }
    }

    @Test func summaryNeedsTheStatusKey() async throws {
        try await application(key: "s3cret").test(.router) { client in
            let summary = try await client.execute(uri: "/nuxeo/runningstatus?info=summary&key=s3cret", method: .get)
            #expect(summary.status == .ok)
            #expect(summary.text.hasPrefix("true\n"))
            #expect(summary.text.contains("repositoryStatus: ok"))
            let wrong = try await client.execute(uri: "/nuxeo/runningstatus?info=summary&key=guess", method: .get)
            #expect(wrong.status == .forbidden && wrong.text.isEmpty)
            let missing = try await client.execute(uri: "/nuxeo/runningstatus?info=summary", method: .get)
            #expect(missing.status == .forbidden)
        }
        // Without a configured key nobody knows the key: every summary is refused.
        try await application(key: nil).test(.router) { client in
            let empty = try await client.execute(uri: "/nuxeo/runningstatus?info=summary&key=", method: .get)
            #expect(empty.status == .forbidden)
        }
    }
}
