import HTTPTypes
import Hummingbird
import NXAPIRuntime
import Synchronization

/// The server's JSON stack display (`JsonStack.ToggleDisplay`): whether its exception entities carry a `stacktrace`.
final class StackDisplay: Sendable {
    let enabled = Atomic<Bool>(false)

    var isOn: Bool { enabled.load(ordering: .relaxed) }

    /// Sets the display to `value`, or toggles it when nil; returns the new setting.
    func set(_ value: Bool?) -> Bool {
        let next = value ?? !isOn
        enabled.store(next, ordering: .relaxed)
        return next
    }
}

/// The outermost middleware: every failure from any layer below becomes Nuxeo's JSON exception entity (Hummingbird's
/// own 404 for an unknown URL included), and every response carries the global headers Nuxeo's
/// `NuxeoRequestControllerFilter` adds unless already set (server-behaviour-2 §0).
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The server's stack display, bound for the layers below.
    var stackDisplay = StackDisplay()

    /// Nuxeo's global response headers, in its order (built once: a generic type has no stored static).
    static var globalHeaders: [(HTTPField.Name, String)] { nuxeoGlobalHeaders }
}

private let nuxeoGlobalHeaders: [(HTTPField.Name, String)] = [
    (HTTPField.Name("X-UA-Compatible")!, "IE=10; IE=11"),
    (.cacheControl, "no-cache"),
    (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    (HTTPField.Name("X-XSS-Protection")!, "1; mode=block"),
    (HTTPField.Name("X-Frame-Options")!, "SAMEORIGIN"),
    (HTTPField.Name("Referrer-Policy")!, "strict-origin-when-cross-origin"),
    (HTTPField.Name("Content-Security-Policy")!,
     "img-src data: blob: *; default-src blob: *; script-src 'unsafe-inline' 'unsafe-eval' data: *; style-src 'unsafe-inline' *; font-src data: *"),
]

extension ResponseHeadersMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await ErrorResponder.$showsStack.withValue(stackDisplay.isOn) { try await next(request, context) }
        } catch {
            response = ErrorResponder.$showsStack.withValue(stackDisplay.isOn) { ErrorResponder.response(for: error, logger: context.logger) }
        }
        Self.addGlobalHeaders(to: &response.headers)
        return response
    }

    /// Adds each global header not already present.
    static func addGlobalHeaders(to headers: inout HTTPFields) {
        for (name, value) in globalHeaders where headers[name] == nil { headers[name] = value }
    }
}
