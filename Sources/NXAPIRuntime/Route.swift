import HTTPTypes
import Hummingbird
import NXRuntime

/// A segment of a route pattern.
public enum RouteSegment: Sendable, Equatable {
    /// A fixed segment (`@children`, `user`).
    case literal(String)
    /// One segment bound to a parameter.
    case param(String)
    /// A document reference: `id/{docId}` or `path/…` (up to the next `@adapter` segment or the end).
    case docRef(String)
    /// A property xpath: one or more segments up to the next `@adapter` segment or the end, bound joined by `/`.
    case xpath(String)
}

/// A route: data (id, method, pattern) plus the generated closure that decodes input and calls the handler.
public struct APIRoute: Sendable {
    /// The endpoint id.
    public var id: String
    /// HTTP method.
    public var method: HTTPRequest.Method
    /// Pattern, relative to the base path and repository prefix.
    public var segments: [RouteSegment]
    /// Whether the handler reads the request body as a stream (`body: { binary: true }`) instead of collected bytes.
    public var streamsBody: Bool
    /// Decodes, calls the handler, encodes.
    public var handler: @Sendable (APIRequest) async throws -> Response

    public init(id: String, method: HTTPRequest.Method, segments: [RouteSegment], streamsBody: Bool = false,
                handler: @escaping @Sendable (APIRequest) async throws -> Response) {
        self.id = id
        self.method = method
        self.segments = segments
        self.streamsBody = streamsBody
        self.handler = handler
    }
}

/// The values a successful match binds.
public struct RouteBindings: Sendable, Equatable {
    /// Single-segment parameters (percent-decoded).
    public var params: [String: String] = [:]
    /// Document references.
    public var docRefs: [String: DocumentRef] = [:]

    public init(params: [String: String] = [:], docRefs: [String: DocumentRef] = [:]) {
        self.params = params
        self.docRefs = docRefs
    }
}

/// Matches decoded path segments against route patterns.
public enum RouteMatcher {
    /// Bindings if `segments` match `pattern` entirely.
    public static func match(_ segments: ArraySlice<String>, _ pattern: ArraySlice<RouteSegment>) -> RouteBindings? {
        guard let first = pattern.first else { return segments.isEmpty ? RouteBindings() : nil }
        let rest = pattern.dropFirst()
        switch first {
        case .literal(let literal):
            guard segments.first == literal else { return nil }
            return match(segments.dropFirst(), rest)
        case .param(let name):
            guard let value = segments.first, !value.isEmpty else { return nil }
            guard var bindings = match(segments.dropFirst(), rest) else { return nil }
            bindings.params[name] = value
            return bindings
        case .docRef(let name):
            guard let kind = segments.first else { return nil }
            if kind == "id" {
                let tail = segments.dropFirst()
                guard let id = tail.first, !id.isEmpty, var bindings = match(tail.dropFirst(), rest) else { return nil }
                bindings.docRefs[name] = .id(id)
                return bindings
            }
            guard kind == "path" else { return nil }
            let tail = segments.dropFirst()
            let end = tail.firstIndex { $0.hasPrefix("@") } ?? tail.endIndex
            guard var bindings = match(tail[end...], rest) else { return nil }
            let parts = tail[tail.startIndex..<end].filter { !$0.isEmpty }
            bindings.docRefs[name] = .path("/" + parts.joined(separator: "/"))
            return bindings
        case .xpath(let name):
            guard let first = segments.first, !first.isEmpty, !first.hasPrefix("@") else { return nil }
            let end = segments.dropFirst().firstIndex { $0.hasPrefix("@") } ?? segments.endIndex
            guard var bindings = match(segments[end...], rest) else { return nil }
            bindings.params[name] = segments[segments.startIndex..<end].joined(separator: "/")
            return bindings
        }
    }

    /// Splits a raw URL path into percent-decoded segments (`/a/b%20c/` → `["a", "b c", ""]`).
    public static func segments(_ rawPath: Substring) -> [String] {
        var path = rawPath
        if path.hasPrefix("/") { path = path.dropFirst() }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.decode($0) }
    }
}
