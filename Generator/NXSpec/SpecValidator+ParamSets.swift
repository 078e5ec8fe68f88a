extension SpecValidator {
    /// Appends the parameters and headers of every included set to its endpoint; unknown sets and name clashes are errors.
    static func resolveParamSets(_ raw: inout RawSpec, _ d: inout Diagnostics) {
        checkUnique(raw.paramSets.map { ($0.name, $0.origin.location) }, "parameter set", &d)
        let sets = Dictionary(raw.paramSets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let byEndpoint = Dictionary(grouping: raw.paramSetRefs, by: \.0)
        for index in raw.endpoints.indices {
            guard let refs = byEndpoint[raw.endpoints[index].id] else { continue }
            for (_, name, location) in refs {
                guard let set = sets[name] else {
                    d.unknown(.unknownParamSet, kind: "parameter set", name: name, candidates: sets.keys.sorted(), at: location)
                    continue
                }
                let endpoint = raw.endpoints[index]
                if endpoint.paramSets.contains(name) {
                    d.error(.duplicate, "parameter set '\(name)' is included twice", at: location)
                    continue
                }
                for param in set.params where endpoint.params.contains(where: { $0.name == param.name }) {
                    d.error(.duplicate, "parameter '\(param.name)' of set '\(name)' is also declared by endpoint '\(endpoint.id)'", at: location)
                }
                for header in set.headers where endpoint.headers.contains(header) {
                    d.error(.duplicate, "header '\(header)' of set '\(name)' is also listed by endpoint '\(endpoint.id)'", at: location)
                }
                raw.endpoints[index].paramSets.append(name)
                raw.endpoints[index].params += set.params
                raw.endpoints[index].headers += set.headers
            }
        }
    }
}
