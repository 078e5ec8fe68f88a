extension SpecParser {
    static let chainKeys = ["id", "description", "params", "operations"]

    /// `chains:` — a sequence of `{ id, description, params, operations: [{ OperationId: { param: value } }] }`.
    static func parseChains(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "chains must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("a chain", allowed: chainKeys, required: ["id", "operations"], d: &d),
                  let idNode = f["id"], let id = idNode.string("id", &d)
            else { continue }
            checkName(id, "chain id", at: idNode.location, &d)
            var steps: [ChainStepDef] = []
            if let operations = f["operations"] {
                if let list = operations.items {
                    if list.isEmpty { d.error(.missingKey, "chain '\(id)' needs at least one operation", at: operations.location) }
                    for step in list { if let parsed = parseChainStep(step, chain: id, &d) { steps.append(parsed) } }
                } else {
                    d.error(.wrongNodeKind, "operations of chain '\(id)' must be a sequence, found \(operations.kindName)", at: operations.location)
                }
            }
            raw.chains.append(ChainDef(
                id: id, description: f["description"]?.string("description", &d),
                params: f["params"].map { parseOperationParams($0, operation: id, &d) } ?? [], steps: steps,
                origin: origin(node.file, id, idNode.location)))
            raw.operationNameLocations.append((id, idNode.location))
        }
    }

    /// A step: `- Document.Create` (no params) or `- Document.Create: { type: File, name: "expr:…" }`.
    static func parseChainStep(_ node: SpecNode, chain: String, _ d: inout Diagnostics) -> ChainStepDef? {
        if let name = node.scalar { return ChainStepDef(operation: name, params: [], location: node.location) }
        guard let pairs = node.pairs, pairs.count == 1, let (key, value) = pairs.first, let name = key.string("an operation id", &d) else {
            d.error(.wrongNodeKind, "a step of chain '\(chain)' must be an operation id or one 'OperationId: { params }' pair",
                    at: node.location)
            return nil
        }
        var params: [(name: String, value: String, location: SourceLocation)] = []
        if !value.isNull {
            guard let fields = value.pairs else {
                d.error(.wrongNodeKind, "parameters of '\(name)' in chain '\(chain)' must be a mapping, found \(value.kindName)", at: value.location)
                return nil
            }
            for (paramKey, paramValue) in fields {
                guard let paramName = paramKey.string("a parameter name", &d) else { continue }
                if let text = paramValue.scalar {
                    var location = paramValue.location
                    if paramValue.isQuoted { location.column += 1 }
                    params.append((paramName, text, location))
                } else if let list = paramValue.items {
                    let texts = list.compactMap { $0.string("a list item", &d) }
                    params.append((paramName, texts.joined(separator: ","), paramValue.location))
                } else if let object = paramValue.pairs {
                    let lines = object.compactMap { pair -> String? in
                        guard let k = pair.key.string("a property name", &d), let v = pair.value.string("a property value", &d) else { return nil }
                        return "\(k)=\(v)"
                    }
                    params.append((paramName, lines.joined(separator: "\n"), paramValue.location))
                }
            }
        }
        return ChainStepDef(operation: name, params: params, location: key.location)
    }
}
