import Foundation

extension SpecParser {
    static let operationKeys = ["id", "category", "label", "description", "since", "aliases", "signature", "params"]
    static let operationParamKeys = ["type", "required", "order", "default", "values", "aliases", "description", "widget"]

    /// `operations:` — a sequence of operations; see `OperationDef`.
    static func parseOperations(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "operations must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("an operation", allowed: operationKeys, required: ["id", "category", "label", "signature"], d: &d),
                  let idNode = f["id"], let id = idNode.string("id", &d)
            else { continue }
            checkName(id, "operation id", at: idNode.location, &d)
            let aliases = f["aliases"]?.strings("aliases", &d) ?? []
            for (alias, location) in aliases { checkName(alias, "operation alias", at: location, &d) }
            raw.operations.append(OperationDef(
                id: id, category: f["category"]?.string("category", &d) ?? "", label: f["label"]?.string("label", &d) ?? "",
                description: f["description"]?.string("description", &d) ?? "", aliases: aliases.map(\.0),
                signature: f["signature"].map { parseSignature($0, &d) } ?? [],
                params: f["params"].map { parseOperationParams($0, operation: id, &d) } ?? [],
                since: f["since"]?.string("since", &d),
                origin: origin(node.file, id, idNode.location)))
            // Nuxeo lets an operation list its own id as an alias (`Document.AddFacet`); that is no second name.
            raw.operationNameLocations += [(id, idNode.location)] + aliases.filter { $0.0 != id }
        }
    }

    /// `signature: [document: document, documents: documents]` — single-pair mappings, input → output.
    static func parseSignature(_ node: SpecNode, _ d: inout Diagnostics) -> [OperationSignatureDef] {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "signature must be a sequence of 'input: output' pairs, found \(node.kindName)", at: node.location)
            return []
        }
        if items.isEmpty { d.error(.missingKey, "signature needs at least one 'input: output' pair", at: node.location) }
        var result: [OperationSignatureDef] = []
        for item in items {
            guard let pairs = item.pairs, pairs.count == 1 else {
                d.error(.wrongNodeKind, "a signature item must be one 'input: output' pair, found \(item.kindName)", at: item.location)
                continue
            }
            let (key, value) = pairs[0]
            guard let input = key.string("a signature input", &d), let output = value.string("a signature output", &d) else { continue }
            for (type, location) in [(input, key.location), (output, value.location)] where !OperationIOType.all.contains(type) {
                d.unknown(.unknownSignatureType, kind: "signature type", name: type, candidates: OperationIOType.all, at: location)
            }
            result.append(OperationSignatureDef(input: input, output: output))
        }
        return result
    }

    static func parseOperationParams(_ node: SpecNode, operation: String, _ d: inout Diagnostics) -> [OperationParamDef] {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "params must be a mapping, found \(node.kindName)", at: node.location)
            return []
        }
        var result: [OperationParamDef] = []
        for (key, value) in pairs {
            guard let name = key.string("a parameter name", &d),
                  let f = value.fields("parameter '\(name)' of operation \(operation)", allowed: operationParamKeys, required: ["type"], d: &d)
            else { continue }
            // Nuxeo names some parameters with spaces ("Strict User Resolution", "task name"): allowed inside a name.
            checkName(name.replacingOccurrences(of: " ", with: "_"), "parameter name", at: key.location, &d)
            if name.hasPrefix(" ") || name.hasSuffix(" ") || name.contains("  ") {
                d.error(.invalidValue, "invalid parameter name '\(name)'", at: key.location)
            }
            var type = OperationParamType.string
            if let t = f["type"], let text = t.string("type", &d) {
                if let known = OperationParamType(rawValue: text) { type = known } else {
                    d.unknown(.unknownParamType, kind: "parameter type", name: text,
                              candidates: OperationParamType.allCases.map(\.rawValue), at: t.location)
                }
            }
            let values = f["values"]?.strings("values", &d) ?? []
            let defaultValue = f["default"]?.string("default", &d)
            if let defaultValue, let location = f["default"]?.location {
                checkDefault(defaultValue, name: name, type: type, values: values.map(\.0), at: location, &d)
            }
            let aliases = f["aliases"]?.strings("aliases", &d) ?? []
            result.append(OperationParamDef(
                name: name, type: type, required: f["required"]?.bool("required", &d) ?? false,
                order: f["order"]?.int("order", &d) ?? 0, defaultValue: defaultValue, values: values.map(\.0),
                aliases: aliases.map(\.0), description: f["description"]?.string("description", &d) ?? "",
                widget: f["widget"]?.string("widget", &d), location: key.location))
        }
        var seen: [String: SourceLocation] = [:]
        for param in result {
            for name in [param.name] + param.aliases {
                if let first = seen[name] {
                    d.error(.duplicate, "parameter name or alias '\(name)' of operation \(operation) is already used (first at \(first))",
                            at: param.location)
                } else {
                    seen[name] = param.location
                }
            }
        }
        return result
    }

    /// A default must parse as its type and, when values are listed, be one of them.
    static func checkDefault(_ text: String, name: String, type: OperationParamType, values: [String], at location: SourceLocation,
                             _ d: inout Diagnostics) {
        let ok: Bool
        switch type {
        case .boolean: ok = ["true", "false"].contains(text.lowercased())
        case .integer, .long, .int: ok = Int(text) != nil
        case .double: ok = Double(text) != nil
        case .date: ok = text.wholeMatch(of: /\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/) != nil
        case .object, .serializable, .blob: ok = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
        case .string, .properties, .stringlist, .document, .documents, .resource: ok = true
        }
        if !ok {
            d.error(.invalidDefault, "default '\(text)' of parameter '\(name)' is not a valid \(type.rawValue)", at: location)
            return
        }
        if !values.isEmpty, !values.contains(text) {
            var message = "default '\(text)' of parameter '\(name)' is not one of its values: \(values.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: text, in: values) { message += " (did you mean '\(suggestion)'?)" }
            d.error(.defaultNotInValues, message, at: location)
        }
    }

    /// `enrichers:` — a sequence of `{ name, entity, description }`.
    static func parseEnrichers(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "enrichers must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("an enricher", allowed: ["name", "entity", "description"], required: ["name", "entity"], d: &d),
                  let nameNode = f["name"], let name = nameNode.string("name", &d),
                  let entityNode = f["entity"], let entity = entityNode.string("entity", &d)
            else { continue }
            checkName(name, "enricher name", at: nameNode.location, &d)
            raw.entityRefs.append((entity, entityNode.location))
            raw.enrichers.append(EnricherDef(name: name, entity: entity, description: f["description"]?.string("description", &d) ?? "",
                                             origin: origin(node.file, name, nameNode.location)))
        }
    }
}
