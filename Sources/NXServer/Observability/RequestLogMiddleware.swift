import Hummingbird
import Logging
import NXAPIRuntime

/// Logs one line per request (method, path, query, status) with secrets redacted: the token of `/token/{token}`, and
/// the values of query parameters that carry credentials. Replaces Hummingbird's `LogRequestsMiddleware`, which logs
/// the raw URI.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "nx.request.method": .string(request.method.rawValue),
            "nx.request.path": .string(LogRedaction.path(request.uri.path)),
            "nx.request.query": .string(LogRedaction.truncated(LogRedaction.query(request.uri.query))),
        ])
        return try await next(request, context)
    }
}

/// What request logs may show of a URI.
enum LogRedaction {
    static let redacted = "<redacted>"
    /// Query parameter names (lower-cased, substring match) whose values are secrets.
    static let secretNames = ["token", "password", "passwd", "secret", "key", "jwt", "authorization", "credential"]

    /// Longest query text logged.
    static let maxLoggedQuery = 1024

    /// `text`, cut to `maxLoggedQuery` characters with the original length noted.
    static func truncated(_ text: String) -> String {
        text.utf8.count <= maxLoggedQuery ? text : String(text.prefix(maxLoggedQuery)) + "… (\(text.utf8.count) bytes)"
    }

    /// `/nuxeo/api/v1/token/abc` → `/nuxeo/api/v1/token/<redacted>`: every segment after a `token` segment is hidden.
    static func path(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = segments.firstIndex(where: { $0 == "token" }), index + 1 < segments.count else { return path }
        return (segments[...index].map(String.init) + segments[(index + 1)...].map { $0.isEmpty ? "" : redacted }).joined(separator: "/")
    }

    /// `a=1&token=x` → `a=1&token=<redacted>`.
    static func query(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            let name = APIDispatcher.parseQuery(String(part[..<eq])).first?.0.lowercased() ?? ""
            return secretNames.contains(where: name.contains) ? String(part[..<eq]) + "=" + redacted : String(part)
        }.joined(separator: "&")
    }
}
