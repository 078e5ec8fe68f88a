import NXRuntime

/// A saved search is stored as its page provider's search document (`DefaultSearch` for `default_search`), as Nuxeo's
/// SavedSearchService does: request parameters that name a field of that document's own schemas become its properties
/// (lists stay lists), the others are kept as named parameters (strings).
extension SchemaRegistry {
    /// The schemas `typeName` has of its own, not through one of its facets: a search document's parameters
    /// (Nuxeo's SavedSearchWriter writes them, unprefixed, into `params`).
    public func ownSchemas(of typeName: String) -> [Schema] {
        guard let type = type(typeName) else { return [] }
        let facetSchemas = Set(type.facets.flatMap { facets[$0]?.schemas ?? [] })
        return type.schemas.filter { !facetSchemas.contains($0.name) }
    }

    /// The document type of a saved search of `provider`: the provider's search document type when it is a saved search
    /// (has the `SavedSearch` facet), else `SavedSearch`.
    public func savedSearchType(provider: String?) -> String {
        if let provider, let type = pageProviders[provider]?.searchDocumentType,
           self.type(type)?.facets.contains(Repository.savedSearchType) == true {
            return type
        }
        return Repository.savedSearchType
    }

    /// The own-schema field `key` names on `typeName`: `prefix:name`, `schema:name`, or an unprefixed name looked up in
    /// the own schemas in order (as Nuxeo resolves an xpath without prefix); nil when it names none.
    public func searchField(_ key: String, of typeName: String) -> (key: String, type: FieldType)? {
        for schema in ownSchemas(of: typeName) {
            for field in schema.fields where key == field.name || key == "\(schema.prefix):\(field.name)" || key == "\(schema.name):\(field.name)" {
                return ("\(schema.prefix):\(field.name)", field.type)
            }
        }
        return nil
    }
}

extension SavedSearch {
    /// Splits request `params` for a search document of `typeName`: fields of its own schemas become typed properties
    /// (a JSON array, or comma-separated text, for a list field; as Nuxeo's DocumentHelper.setProperty), the rest stay
    /// named parameters. A value that does not fit its field is a 400.
    static func split(_ params: [(String, String)], typeName: String, registry: SchemaRegistry) throws -> (properties: JSONObject, named: [(String, String)]) {
        var properties = JSONObject()
        var named: [(String, String)] = []
        for (key, text) in params {
            guard let field = registry.searchField(key, of: typeName) else {
                named.append((key, text))
                continue
            }
            properties[field.key] = try PropertyCoercion.coerce(Self.value(text, for: field.type), to: field.type, key: field.key)
        }
        return (properties, named)
    }

    /// The JSON value a parameter's text stands for, given its field type.
    static func value(_ text: String, for type: FieldType) -> JSONValue {
        if text.isEmpty { return .null }
        switch type {
        case .list, .complexList, .complex:
            switch try? NXJSON.parse(Array(text.utf8)) {
            case .array(let items)?: return .array(items)
            case .object(let object)?: return .object(object)
            default: break
            }
            if case .list = type { return .array(text.split(separator: ",").map { .string(String($0).trimmingWhitespace) }) }
            return .string(text)
        default:
            return .string(text)
        }
    }

    /// The search-document parameters as named values for the page provider: each set own-schema field under its
    /// unprefixed name (the provider's predicate fields), lists as JSON arrays.
    public func searchDocumentNamedValues(registry: SchemaRegistry) -> [(String, String)] {
        guard let type else { return [] }
        var values: [(String, String)] = []
        for schema in registry.ownSchemas(of: type) {
            for field in schema.fields {
                guard let value = searchProperties["\(schema.prefix):\(field.name)"], !value.isNull else { continue }
                switch value {
                case .string(let s): values.append((field.name, s))
                case .array(let items) where items.isEmpty: continue
                default: values.append((field.name, String(decoding: value.jsonBytes(), as: UTF8.self)))
                }
            }
        }
        return values
    }
}
