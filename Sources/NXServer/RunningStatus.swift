import Foundation
import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// `GET /nuxeo/runningstatus`: Nuxeo's StatusServlet (health checks for load balancers and monitoring), outside `/api`.
///
/// - no `info`: runs the health-check probes (`runtimeStatus`, `repositoryStatus`): 200 when all are ok, else 500,
///   with `{"runtimeStatus":"ok","repositoryStatus":"ok"}` (`ok` | `failed`);
/// - `info=probe&key=<probe>`: that one probe the same way (any registered probe, also `administrativeStatus`); an
///   unknown probe is 404, a missing key runs the health checks;
/// - `info=started`: `true` once the server runs;
/// - `info=summary&key=<server.status.key>`: `true`, a newline and the status message; a wrong or missing key is 403
///   (the key comes from the `server.status.key` property; without one a random key nobody knows is used, as
///   nuxeoctl generates one into nuxeo.conf);
/// - `info=reload`: `reload();`;
/// - any other `info`: 200 with an empty body, as the servlet answers.
struct RunningStatus {
    static let path = "/nuxeo/runningstatus"
    /// The nuxeo.conf property holding the summary key.
    static let statusKeyProperty = "server.status.key"
    /// Probes run when no probe is named.
    static let healthChecks = ProbeRegistry.healthChecks
    /// Every probe that can be named (those of `GET /management/probes`).
    static let probes = ProbeRegistry.names

    let state: ServerState
    /// The key `info=summary` requires.
    let statusKey: String

    /// `statusKey` nil or blank: a random key nobody knows.
    init(state: ServerState, statusKey: String?) {
        self.state = state
        self.statusKey = statusKey.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? UUID().uuidString
    }

    func register(on router: Router<NXRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ -> Response in
            let query = request.uri.queryParameters
            return try await respond(info: query.get("info"), key: query.get("key"))
        }
    }

    /// The answer to one request.
    func respond(info: String?, key: String?) async throws -> Response {
        guard let info else { return try await health(Self.healthChecks) }
        switch info {
        case "started": return Self.json(200, "true")
        case "summary":
            guard key == statusKey else { return Self.json(403, "") }
            let results = try await run(Self.probes)
            let healthy = results.allSatisfy(\.ok)
            let lines = results.map { "= \($0.name): \($0.ok ? "ok" : "failed")" }
            return Self.json(200, "\(healthy)\n" + (["= nx status"] + lines).joined(separator: "\n"))
        case "reload": return Self.json(200, "reload();")
        case "probe":
            guard let key, !key.isEmpty else { return try await health(Self.healthChecks) }
            guard Self.probes.contains(key) else { return Self.json(404, "") }
            return try await health([key])
        default: return Self.json(200, "")
        }
    }

    /// 200 when every probe is ok, else 500; the body maps each probe to `ok` or `failed`.
    func health(_ names: [String]) async throws -> Response {
        let results = try await run(names)
        let body = JSONValue.object(JSONObject(results.map { ($0.name, JSONValue.string($0.ok ? "ok" : "failed")) }))
        return Self.json(results.allSatisfy(\.ok) ? 200 : 500, String(decoding: body.jsonBytes(), as: UTF8.self))
    }

    /// Runs the named probes, in order.
    func run(_ names: [String]) async throws -> [(name: String, ok: Bool)] {
        var results: [(name: String, ok: Bool)] = []
        for name in names { results.append((name, await probe(name))) }
        return results
    }

    /// One probe, run through the management API's registry (so its history counts this run too).
    func probe(_ name: String) async -> Bool {
        await state.management.probes.run(name, in: state)?.status?.success ?? false
    }

    static func json(_ status: Int, _ body: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
