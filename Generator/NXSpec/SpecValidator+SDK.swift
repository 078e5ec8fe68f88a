extension SpecValidator {
    /// Every endpoint is one method of one SDK resource when the spec declares resources: a method names a known
    /// endpoint, labels name the endpoint's parameters, a sequence needs a paged endpoint with a page index, names are
    /// unique within their resource.
    static func checkSDK(_ raw: RawSpec, _ d: inout Diagnostics) {
        guard !raw.sdkResources.isEmpty else { return }
        checkUnique(raw.sdkResources.map { ($0.name, $0.origin.location) }, "SDK resource", &d)
        let endpoints = Dictionary(raw.endpoints.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var mapped: [(String, SourceLocation)] = []
        for resource in raw.sdkResources {
            var names = resource.methods.map { ($0.name, $0.location) }
            names += resource.methods.compactMap { method in method.sequence.map { ($0, method.location) } }
            checkUnique(names, "method of SDK resource '\(resource.name)'", &d)
            for method in resource.methods {
                guard let endpoint = endpoints[method.endpoint] else {
                    d.unknown(.unknownEndpoint, kind: "endpoint", name: method.endpoint, candidates: endpoints.keys.sorted(), at: method.location)
                    continue
                }
                mapped.append((method.endpoint, method.location))
                var known: Set<String> = ["repository", "body"]
                known.formUnion(endpoint.params.map(\.name))
                known.formUnion(endpoint.paramSets)
                known.formUnion(endpoint.headers)
                for param in method.labels.keys.sorted() where !known.contains(param) {
                    d.unknown(.unknownEndpoint, kind: "parameter of endpoint '\(endpoint.id)'", name: param, candidates: known.sorted(), at: method.location)
                }
                if method.sequence != nil, !endpoint.isPagedByIndex {
                    d.error(.invalidValue, "'\(resource.name).\(method.name)' has a sequence, but endpoint '\(endpoint.id)' is not paged by "
                            + "currentPageIndex", at: method.location)
                }
            }
        }
        if let (name, location) = raw.sdkOperations, !raw.sdkResources.contains(where: { $0.name == name }) {
            d.unknown(.unknownEndpoint, kind: "SDK resource", name: name, candidates: raw.sdkResources.map(\.name), at: location)
        }
        checkUnique(mapped, "SDK method of endpoint", &d)
        let covered = Set(mapped.map(\.0))
        for endpoint in raw.endpoints.sorted(by: { $0.id < $1.id }) where !covered.contains(endpoint.id) {
            d.error(.unknownEndpoint, "endpoint '\(endpoint.id)' is no method of an SDK resource (Spec/sdk.yaml)", at: endpoint.origin.location)
        }
    }
}
