extension SpecParser {
    static let paramSetKeys = ["description", "params", "headers"]

    /// `paramSets:` — a mapping of set name to `{ description, params, headers }`.
    static func parseParamSets(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "paramSets must be a mapping, found \(node.kindName)", at: node.location)
            return
        }
        for (key, value) in pairs {
            guard let name = key.string("a parameter set name", &d),
                  let f = value.fields("parameter set '\(name)'", allowed: paramSetKeys, d: &d)
            else { continue }
            checkName(name, "parameter set name", at: key.location, &d)
            var params = f["params"].map { parseParams($0, into: &raw, &d) } ?? []
            for index in params.indices {
                params[index].paramSet = name
                if params[index].location != .query {
                    d.error(.invalidValue, "parameter set '\(name)' holds query parameters only; '\(params[index].name)' is a "
                            + "\(params[index].location.rawValue) parameter", at: params[index].sourceLocation)
                }
            }
            let headers = f["headers"]?.strings("headers", &d) ?? []
            raw.headerRefs += headers
            if params.isEmpty && headers.isEmpty {
                d.error(.missingKey, "parameter set '\(name)' needs 'params' or 'headers'", at: value.location)
            }
            raw.paramSets.append(ParamSetDef(
                name: name, description: f["description"]?.string("description", &d) ?? "", params: params, headers: headers.map(\.0),
                origin: origin(node.file, name, key.location)))
        }
    }
}
