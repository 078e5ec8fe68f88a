/// The route table, indexed for dispatch: routes of the same shape grouped (a resource, one route per method), and the
/// groups a path can match listed by the path's first segment, in the dispatcher's order (most specific first). A
/// request tries the groups of its first segment only, and no route is copied until one is chosen.
struct RouteTable: Sendable {
    /// Every route, most specific first.
    let routes: [APIRoute]
    /// Indices of `routes` with the same shape, each group in route order; groups ordered by their first route.
    let groups: [[Int]]
    /// For a first path segment some pattern begins with (a literal, `id` or `path`): the groups that can match it.
    private let byFirstSegment: [String: [Int]]
    /// The groups that can match any other first segment (patterns starting with a parameter or an xpath, or empty).
    private let anyFirstSegment: [Int]

    init(sorted routes: [APIRoute]) {
        self.routes = routes
        var groups: [[Int]] = []
        for (index, route) in routes.enumerated() {
            if let group = groups.firstIndex(where: { APIDispatcher.sameShape(routes[$0[0]].segments, route.segments) }) {
                groups[group].append(index)
            } else {
                groups.append([index])
            }
        }
        self.groups = groups
        var keys: Set<String> = ["id", "path"]
        for route in routes { if case .literal(let literal)? = route.segments.first { keys.insert(literal) } }
        func canStart(_ group: [Int], with first: String) -> Bool {
            guard let segment = routes[group[0]].segments.first else { return true }
            return APIDispatcher.starts(segment, with: first)
        }
        var byFirstSegment: [String: [Int]] = [:]
        for key in keys { byFirstSegment[key] = groups.indices.filter { canStart(groups[$0], with: key) } }
        self.byFirstSegment = byFirstSegment
        anyFirstSegment = groups.indices.filter { group in
            guard let segment = routes[groups[group][0]].segments.first else { return true }
            switch segment {
            case .literal, .docRef: return false
            case .param, .xpath: return true
            }
        }
    }

    /// The groups a path whose first segment is `first` can match, in order.
    func candidates(_ first: String?) -> [Int] {
        guard let first else { return anyFirstSegment }
        return byFirstSegment[first] ?? anyFirstSegment
    }

    /// The first group whose pattern matches `segments` (the resource), as indices of `routes`.
    func resource(matching segments: ArraySlice<String>) -> [Int]? {
        for group in candidates(segments.first) where RouteMatcher.match(segments, routes[groups[group][0]].segments[...]) != nil {
            return groups[group]
        }
        return nil
    }
}
