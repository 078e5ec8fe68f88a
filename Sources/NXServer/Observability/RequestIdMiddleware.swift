import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id, on every log line of it (`hb.request.id`) and on its response (`X-Request-Id`): the
/// client's `X-Request-Id` when it is a plausible id (1 to 128 letters, digits and `-_.:`), else the one Hummingbird
/// generated. The outermost middleware, so that error responses carry it too.
struct RequestIdMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let incoming = request.headers[Self.header], Self.isAcceptable(incoming) {
            context.logger[metadataKey: "hb.request.id"] = .string(incoming)
        }
        let id = context.id
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// Whether a client's id may be logged and echoed as it is (no control characters, no log injection, bounded).
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...128).contains(utf8.count) && utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }
    }
}
