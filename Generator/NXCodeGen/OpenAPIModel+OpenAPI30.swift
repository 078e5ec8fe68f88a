import NXSpec

extension OpenAPIDocument.Schema {
    /// The schema written as `json`, a schema fragment of the spec in OpenAPI 3.0's dialect, in OpenAPI 3.1's:
    /// `nullable: true` becomes `null` in `type` (see `orNull()`); the keywords nxgen models are read (subschemas
    /// translated too); any other keyword is kept as written. A fragment that is not a mapping reads as `{}`
    /// (the spec parser only accepts mappings).
    init(openAPI30 json: SpecJSON) {
        self.init()
        guard case .object(let pairs) = json else { return }
        var nullable = false
        for pair in pairs where !read(pair.key, pair.value, nullable: &nullable) {
            other[pair.key] = pair.value
        }
        if nullable { self = orNull() }
    }

    /// Reads keyword `key` into this schema; false when it is not one nxgen models (or not of the modelled shape).
    private mutating func read(_ key: String, _ value: SpecJSON, nullable: inout Bool) -> Bool {
        switch (key, value) {
        case ("nullable", .bool(let flag)): nullable = flag
        case ("$ref", .string(let text)): ref = text
        case ("type", .string(let name)):
            guard let type = JSONType(rawValue: name) else { return false }
            types = [type]
        case ("description", .string(let text)): description = text
        case ("format", .string(let text)): format = text
        case ("pattern", .string(let text)): pattern = text
        case ("enum", .array(let values)): enumValues = values
        case ("minLength", .int(let n)): minLength = n
        case ("maxLength", .int(let n)): maxLength = n
        case ("minimum", .int(let n)): minimum = n
        case ("maximum", .int(let n)): maximum = n
        case ("multipleOf", .int(let n)): multipleOf = n
        case ("required", .array(let names)):
            let strings = names.compactMap { name -> String? in if case .string(let s) = name { return s } else { return nil } }
            guard strings.count == names.count else { return false }
            required = strings
        case ("items", .object): items = Self(openAPI30: value)
        case ("properties", .object(let pairs)):
            properties = OpenAPIDocument.OrderedMap(pairs.map { (key: $0.key, value: Self(openAPI30: $0.value)) })
        case ("allOf", .array(let schemas)): allOf = schemas.map(Self.init(openAPI30:))
        case ("anyOf", .array(let schemas)): anyOf = schemas.map(Self.init(openAPI30:))
        case ("oneOf", .array(let schemas)): oneOf = schemas.map(Self.init(openAPI30:))
        default: return false
        }
        return true
    }
}
