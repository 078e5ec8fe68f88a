import HTTPTypes
import Hummingbird
import Logging
import NXRuntime

/// How requests reach the route table: base paths and repository selection.
public struct APIConfiguration: Sendable {
    /// Base paths (`/nuxeo/api/v1`, …).
    public var basePaths: [String]
    /// Header selecting a repository.
    public var repositoryHeader: String
    /// Query parameter selecting a repository.
    public var repositoryQuery: String
    /// Default repository.
    public var defaultRepository: String
    /// Repositories that exist.
    public var repositories: Set<String>
    /// Other prefixes answered as paths under a base path (`/nuxeo/site/automation` → `/nuxeo/site/api/v1/automation`).
    public var pathAliases: [(from: String, to: String)]

    public init(basePaths: [String], repositoryHeader: String, repositoryQuery: String, defaultRepository: String, repositories: Set<String>,
                pathAliases: [(from: String, to: String)] = []) {
        self.basePaths = basePaths
        self.pathAliases = pathAliases
        self.repositoryHeader = repositoryHeader
        self.repositoryQuery = repositoryQuery
        self.defaultRepository = defaultRepository
        self.repositories = repositories
    }
}

/// Middleware that answers every request under a base path from the route table; others pass through.
/// Matching is separate, tested code (`RouteMatcher`); routes are data (`APIRoute`).
public struct APIDispatcher: RouterMiddleware {
    public typealias Context = NXRequestContext
    let table: RouteTable
    let configuration: APIConfiguration

    /// Routes are tried most specific first: at the first segment where two patterns differ, a literal beats a parameter.
    public init(routes: [APIRoute], configuration: APIConfiguration) {
        table = RouteTable(sorted: routes.enumerated().sorted { a, b in
            let order = Self.specificity(a.element.segments, b.element.segments)
            return order == 0 ? a.offset < b.offset : order < 0
        }.map(\.element))
        self.configuration = configuration
    }

    /// Negative when `a` is more specific than `b`: at the first position where one has a literal and the other a
    /// parameter, the literal wins; otherwise the longer pattern. A total order (patterns with different literals
    /// cannot match the same path, so ordering them by their later segments is harmless), as sorting requires.
    static func specificity(_ a: [RouteSegment], _ b: [RouteSegment]) -> Int {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.literal, .param), (.literal, .docRef), (.literal, .xpath): return -1
            case (.param, .literal), (.docRef, .literal), (.xpath, .literal): return 1
            default: continue
            }
        }
        return b.count - a.count
    }

    public func handle(_ request: Request, context: NXRequestContext, next: (Request, NXRequestContext) async throws -> Response) async throws -> Response {
        var path = request.uri.path
        if let alias = configuration.pathAliases.first(where: { path == $0.from || path.hasPrefix($0.from + "/") }) {
            path = alias.to + path.dropFirst(alias.from.count)
        }
        guard let base = configuration.basePaths.first(where: { path == $0 || path.hasPrefix($0 + "/") }) else {
            return try await next(request, context)
        }
        do {
            return try await dispatch(request, context: context, relativePath: path.dropFirst(base.count), base: base)
        } catch {
            return ErrorResponder.response(for: error, logger: context.logger)
        }
    }

    func dispatch(_ request: Request, context: NXRequestContext, relativePath: Substring, base: String) async throws -> Response {
        var segments = RouteMatcher.segments(relativePath)[...]
        // A trailing slash after a web adapter (`…/@preview/`, as Nuxeo's preview URLs end) names the adapter itself, as
        // JAX-RS matches the adapter's root resource.
        if segments.count >= 2, segments.last == "", segments[segments.endIndex - 2].hasPrefix("@") { segments = segments.dropLast() }
        let query = Self.parseQuery(request.uri.query)
        // As Tomcat, a NUL in the decoded path is refused (400); query values and bodies get the same rule, so no
        // text that the store would truncate at the NUL reaches it.
        for segment in segments { try APIRequest.rejectNUL(segment, in: "path") }
        for (name, value) in query {
            try APIRequest.rejectNUL(name, in: "query parameter name")
            try APIRequest.rejectNUL(value, in: "query parameter '\(name)'")
        }
        var repository = configuration.defaultRepository
        if let name = request.headers[HTTPField.Name(configuration.repositoryHeader)!] ?? query.last(where: { $0.0 == configuration.repositoryQuery })?.1,
           !name.isEmpty {
            repository = name
        }
        if segments.first == "repo", segments.count >= 2 {
            repository = segments[segments.startIndex + 1]
            segments = segments.dropFirst(2)
        }
        guard configuration.repositories.contains(repository) else {
            throw NXError.notFound("Repository \(repository) does not exist")
        }
        // As JAX-RS: the most specific pattern that matches the path is the resource; its routes answer by method,
        // and a method it lacks is 405 (never a less specific pattern's route, so PUT /user/search is not a user).
        if let resource = table.resource(matching: segments) {
            let routes = table.routes
            // HEAD is GET without the body (JAX-RS), unless a resource answers HEAD itself.
            let head = request.method == .head && !resource.contains { routes[$0].method == .head }
            let method = head ? HTTPRequest.Method.get : request.method
            guard let index = resource.first(where: { routes[$0].method == method }),
                  let bindings = RouteMatcher.match(segments, routes[index].segments[...])
            else { return Self.methodNotAllowed(request, allowed: resource.map { routes[$0].method }) }
            let route = routes[index]
            // The endpoint id names the route in metrics and traces (Hummingbird's endpoint path).
            context.coreContext.endpointPath.value = route.id
            guard let principal = context.principal else { throw NXError.unauthenticated("Authentication required") }
            var request = request
            let streams = route.streamsBody && request.method != .get && request.method != .delete
            let body = request.method == .get || request.method == .delete || streams
                ? [] : Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            let call = NXCallContext(principal: principal, baseURL: Self.baseURL(request, base: base), logger: context.logger, queryParameters: query,
                                    localPort: context.localPort)
            var apiRequest = APIRequest(bindings: bindings, repository: repository, query: query, headers: request.headers, body: body, call: call)
            if streams { apiRequest.bodyStream = NXRequestStream(request.body, headers: request.headers) }
            let response = try await route.handler(apiRequest)
            return head ? Response(status: response.status, headers: response.headers) : response
        }
        if let first = segments.first, !first.isEmpty, !table.routes.contains(where: { $0.segments.first.map { Self.starts($0, with: first) } ?? false }) {
            throw NXError.notFound("Type not found: \(first)")
        }
        throw NXError.notFound("null for uri: \(request.uri.path)")
    }

    /// Whether two patterns match the same paths (parameter names aside).
    static func sameShape(_ a: [RouteSegment], _ b: [RouteSegment]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (.literal(let l), .literal(let r)): return l == r
            case (.param, .param), (.docRef, .docRef), (.xpath, .xpath): return true
            default: return false
            }
        }
    }

    /// 405 with the `Allow` header listing the methods the matched path answers (RFC 9110 §15.5.6).
    static func methodNotAllowed(_ request: Request, allowed: [HTTPRequest.Method]) -> Response {
        let methods = Set(allowed.map(\.rawValue)).sorted().joined(separator: ", ")
        return ErrorResponder.response(status: 405, message: "Method \(request.method) is not allowed on \(request.uri.path)",
                                       headers: [.allow: methods])
    }

    static func starts(_ segment: RouteSegment, with first: String) -> Bool {
        switch segment {
        case .literal(let literal): return literal == first
        case .param, .xpath: return true
        case .docRef: return first == "id" || first == "path"
        }
    }

    /// `a=1&b=x%20y` → `[("a","1"),("b","x y")]`, names and values decoded (`+` as space).
    public static func parseQuery(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { part in
            if let eq = part.firstIndex(of: "=") {
                return (PercentEncoding.decode(part[..<eq], plusAsSpace: true), PercentEncoding.decode(part[part.index(after: eq)...], plusAsSpace: true))
            }
            return (PercentEncoding.decode(part, plusAsSpace: true), "")
        }
    }

    /// `http://host/nuxeo/` from the Host header and the base path.
    static func baseURL(_ request: Request, base: String) -> String {
        let host = request.head.authority ?? "localhost"
        let prefix = base.hasPrefix("/nuxeo") ? "/nuxeo/" : "/"
        return "http://\(host)\(prefix)"
    }
}
