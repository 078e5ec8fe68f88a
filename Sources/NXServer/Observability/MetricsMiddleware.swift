import Hummingbird
import NXAPIRuntime

/// Counts each request and times it to its response head, labelled by method, route (the endpoint id the dispatcher
/// matched, or the servlet path) and status (of the exception entity when a layer below threw).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(method: request.method, route: context.endpointPath, status: Int(response.status.code), duration: .now - start)
            return response
        } catch {
            metrics.request(method: request.method, route: context.endpointPath, status: ErrorResponder.describe(error).status,
                            duration: .now - start)
            throw error
        }
    }
}
