import Hummingbird
import NXAPIRuntime
import NXRuntime

/// `GET /metrics`: the Prometheus text exposition of the server's metrics. Guarded as the management API (an
/// administrator, the technical user — a JWT bearer suits a Prometheus scrape config — or a management group; only on
/// the management port when one is configured).
struct MetricsEndpoint {
    static let path = "/metrics"
    let state: ServerState

    func register(on router: Router<NXRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context -> Response in
            guard let principal = context.principal else { throw NXError.unauthenticated("Authentication required") }
            let call = NXCallContext(principal: principal, baseURL: "", logger: context.logger, localPort: context.localPort)
            try state.management.access.check(call)
            let body = await state.metrics.scrape(state)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
