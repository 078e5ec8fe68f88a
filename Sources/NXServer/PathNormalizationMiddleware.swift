import Hummingbird

/// Collapses repeated slashes in the request path before anything matches it, as Tomcat's URI normalisation does, so
/// `/nuxeo//api/v1//path/x` reaches the same resource as `/nuxeo/api/v1/path/x` (authentication included).
struct PathNormalizationMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let target = request.head.path, let normalized = Self.normalize(target) else { return try await next(request, context) }
        var head = request.head
        head.path = normalized
        return try await next(Request(head: head, body: request.body), context)
    }

    /// The request target with `//` runs in its path collapsed; nil when there are none.
    static func normalize(_ target: String) -> String? {
        // A byte scan first: most targets have no `//`, and `StringProtocol.contains` goes through Foundation.
        var previous: UInt8 = 0
        var doubled = false
        for byte in target.utf8 {
            if byte == UInt8(ascii: "?") { break }
            if byte == UInt8(ascii: "/") && previous == byte { doubled = true; break }
            previous = byte
        }
        guard doubled else { return nil }
        let queryStart = target.firstIndex(of: "?") ?? target.endIndex
        let path = target[..<queryStart]
        var collapsed = ""
        collapsed.reserveCapacity(path.count)
        for character in path where !(character == "/" && collapsed.last == "/") { collapsed.append(character) }
        return collapsed + target[queryStart...]
    }
}
