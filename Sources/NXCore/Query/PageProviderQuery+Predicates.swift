import NXRuntime

extension PageProviderQuery {
    /// The type of a search-document field (`np:title`), when known, for value rendering.
    func fieldType(_ key: String) -> FieldType? {
        if let type = definition.searchDocumentType {
            if let field = registry.type(type)?.fieldsByKey[key] { return field.field.type }
            // An unprefixed name (`ecm_trashed`) designates a field of the search document's own schemas.
            if let field = registry.searchField(key, of: type) { return field.type }
        }
        let parts = key.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let schema = registry.schemas.values.first(where: { $0.prefix == parts[0] }) else { return nil }
        return schema.fields.first { $0.name == parts[1] }?.type
    }

    /// A predicate element, or nil when its value is absent or empty (the predicate is then skipped).
    func predicate(_ predicate: PredicateDefinition, _ named: [String: String]) throws -> String? {
        let op = predicate.operator.uppercased()
        let parameter = predicate.parameter
        let values = predicate.fields.map { field -> String? in
            guard let value = named[field.key], !value.isEmpty else { return nil }
            return value
        }
        let type = predicate.fields.first.flatMap { fieldType($0.key) }
        func literal(_ value: String, _ type: FieldType?) throws -> String {
            switch type {
            case .long?, .integer?, .double?:
                guard Self.isDecimal(value) else { throw NXError.invalid("Invalid number '\(value)' for \(parameter)") }
                return value
            case .boolean?: return value == "true" || value == "1" ? "1" : "0"
            case .date?:
                if let ms = NXDate.parse(value) { return "TIMESTAMP '\(NXDate.format(millis: ms))'" }
                return Self.escape(value)
            default: return Self.escape(value)
            }
        }
        func list(_ value: String) -> [String] { Self.jsonList(value) ?? value.split(separator: ",").map { String($0).trimmingWhitespace } }
        let elementType: FieldType? = { if case .list(let e)? = type { return e } else { return type } }()
        switch op {
        case "=", "!=", "<>", "<", ">", "<=", ">=", "LIKE", "ILIKE", "NOT LIKE", "NOT ILIKE":
            guard let value = values.first ?? nil else { return nil }
            return "\(parameter) \(op) \(try literal(value, type))"
        case "BETWEEN":
            let low = values.first ?? nil, high = values.count > 1 ? values[1] : nil
            switch (low, high) {
            case (let l?, let h?): return "\(parameter) BETWEEN \(try literal(l, type)) AND \(try literal(h, type))"
            case (nil, let h?): return "\(parameter) <= \(try literal(h, type))"
            case (let l?, nil): return "\(parameter) >= \(try literal(l, type))"
            default: return nil
            }
        case "IN", "NOT IN":
            guard let value = values.first ?? nil else { return nil }
            let items = list(value).filter { !$0.isEmpty }
            if items.isEmpty { return nil }
            if items.count == 1 { return "\(parameter) \(op == "IN" ? "=" : "!=") \(try literal(items[0], elementType))" }
            return "\(parameter) \(op) (" + (try items.map { try literal($0, elementType) }).joined(separator: ", ") + ")"
        case "STARTSWITH":
            guard let value = values.first ?? nil else { return nil }
            let items = Self.jsonList(value) ?? [value]
            if items.isEmpty { return nil }
            if items.count == 1 { return "\(parameter) STARTSWITH \(Self.escape(items[0]))" }
            return "(" + items.map { "\(parameter) STARTSWITH \(Self.escape($0))" }.joined(separator: " OR ") + ")"
        case "FULLTEXT", "FULLTEXT ALL":
            guard let value = values.first ?? nil else { return nil }
            let sanitized = Self.sanitizeFulltext(value)
            if sanitized.isEmpty { return nil }
            let target = parameter == "ecm:fulltext" || parameter.hasPrefix("ecm:fulltext") ? parameter : "ecm:fulltext.\(parameter)"
            return "\(target) = \(Self.escape(sanitized))"
        case "IS NULL":
            guard let value = values.first ?? nil else { return nil }
            return "\(parameter) \(value == "true" || value == "1" ? "IS NULL" : "IS NOT NULL")"
        case "EMPTY", "ISEMPTY":
            guard values.first ?? nil != nil else { return nil }
            return "\(parameter) = ''"
        case "SUBCLAUSE":
            guard let value = values.first ?? nil else { return nil }
            return "(\(value))"
        default:
            throw NXError.invalid("Unsupported predicate operator: \(predicate.operator)")
        }
    }

    /// Nuxeo's fulltext sanitising: special characters become spaces; lone `-` and `*` tokens are dropped.
    static func sanitizeFulltext(_ text: String) -> String {
        let special = Set("!#$%&'()+,./\\:-@{|}`^~")
        var cleaned = ""
        var previous: Character = " "
        for c in text {
            // Keep a leading `-` (exclusion) and a trailing `*` (prefix) on words.
            if c == "-" && previous == " " { cleaned.append(c) } else if special.contains(c) { cleaned.append(" ") } else { cleaned.append(c) }
            previous = c
        }
        return cleaned.split(separator: " ").filter { $0 != "-" && $0 != "*" }.joined(separator: " ")
    }
}
