import NXSpec

/// JSON schemas of the OpenAPI document: spec types, entities, objects and enums.
struct OpenAPISchemas {
    let model: SpecModel

    /// Every entity, object and enum, by name.
    func components() -> [(String, YAMLTree)] {
        let types = TypeMapping(model: model)
        var result: [(String, YAMLTree)] = []
        for entity in model.entities {
            let entityType = YAMLTree.map([("type", .string("string")), ("enum", .list([.string(entity.name)]))])
            result.append((entity.name, object(types.effectiveFields(entity), leading: [("entity-type", entityType)], description: entity.description)))
            for object in entity.objects { result.append((object.name, self.object(object.fields, description: object.description))) }
        }
        for name in inputTypes().sorted() { result.append((name + "Input", inputObject(name))) }
        for e in model.enums { result.append((e.name, enumSchema(e))) }
        result.append(("documentTypeName", .map([
            ("type", .string("string")),
            ("description", .string("A type documents can be created with: every type of Spec/repository but the base type.")),
            ("enum", .list(model.docTypes.filter { $0.extends != nil }.map(\.name).sorted().map(YAMLTree.string))),
        ])))
        return result.sorted { $0.0 < $1.0 }
    }

    /// An object schema with `fields` as properties (after `leading` ones); unknown properties are allowed, as
    /// the server ignores them.
    func object(_ fields: [FieldDef], leading: [(String, YAMLTree)] = [], description: String) -> YAMLTree {
        var properties = leading
        for field in fields {
            var schema = self.schema(field.type, nullable: field.nullable)
            if let minLength = field.minLength, case .map(var entries) = schema {
                entries.append(("minLength", .int(minLength)))
                schema = .map(entries)
            }
            if !field.description.isEmpty, case .map(var entries) = schema, !entries.contains(where: { $0.0 == "$ref" }) {
                entries.insert(("description", .string(field.description)), at: 0)
                schema = .map(entries)
            }
            properties.append((field.name, schema))
        }
        var result: [(String, YAMLTree)] = [("type", .string("object"))]
        if !description.isEmpty { result.append(("description", .string(description))) }
        result.append(("properties", .map(properties)))
        return .map(result)
    }

    /// Entities and objects request bodies are decoded into: the entity bodies and every entity or object their fields
    /// reach. Each gets an `…Input` schema describing what the generated decoder accepts.
    func inputTypes() -> Set<String> {
        var result = Set<String>()
        var pending = model.endpoints.compactMap(\.body)
        while let name = pending.popLast() {
            guard result.insert(name).inserted else { continue }
            let fields = model.entity(name)?.fields ?? model.entities.flatMap(\.objects).first { $0.name == name }?.fields ?? []
            for field in fields {
                for referenced in field.type.referencedNames where model.enumDef(referenced) == nil { pending.append(referenced) }
            }
        }
        return result
    }

    /// What the generated decoder of entity or object `name` accepts: every field may be absent or null (the decoder
    /// reads null as absent), enum values may be any string (unknown ones decode to `.unknown`), and an entity's
    /// `entity-type`, when given, must be its own.
    func inputObject(_ name: String) -> YAMLTree {
        var properties: [(String, YAMLTree)] = []
        let fields: [FieldDef]
        if let entity = model.entity(name) {
            properties.append(("entity-type", .map([("type", .string("string")), ("enum", .list([.string(name)]))])))
            fields = entity.fields
        } else {
            fields = model.entities.flatMap(\.objects).first { $0.name == name }?.fields ?? []
        }
        for field in fields { properties.append((field.name, inputSchema(field.type, nullable: true))) }
        return .map([("type", .string("object")), ("description", .string("`\(name)` as request bodies may carry it.")),
                     ("properties", .map(properties))])
    }

    /// The schema of a decoded value of `type` (see `inputObject`).
    func inputSchema(_ type: TypeRef, nullable: Bool) -> YAMLTree {
        switch type {
        case .named(let name) where model.enumDef(name) != nil:
            return schema(.string, nullable: nullable)
        case .named(let name):
            let reference = ref(name + "Input")
            return nullable ? .map([("allOf", .list([reference])), ("nullable", .bool(true))]) : reference
        case .list(let element):
            var fields: [(String, YAMLTree)] = [("type", .string("array")), ("items", inputSchema(element, nullable: false))]
            if nullable { fields.append(("nullable", .bool(true))) }
            return .map(fields)
        case .integer:
            // The decoder takes a JSON number with an integral value (`1.0`, `1e3`) as an integer.
            var fields = Self.integralNumber
            if nullable { fields.append(("nullable", .bool(true))) }
            return .map(fields)
        case .integerString:
            // Read from a string of digits (empty = absent; 18 digits always fit), an integral number, or null.
            return .map([("nullable", .bool(true)), ("oneOf", .list([
                .map([("type", .string("string")), ("pattern", .string("^([+-]?[0-9]{1,18})?$"))]),
                .map(Self.integralNumber),
            ]))])
        default:
            return schema(type, nullable: nullable)
        }
    }

    /// A JSON number with an integral value that fits 64 bits, as the JSON readers take integers.
    static var integralNumber: [(String, YAMLTree)] { [("type", .string("number")), ("multipleOf", .int(1)),
                                                        ("minimum", .plain(String(Int64.min))), ("maximum", .plain(String(Int64.max)))] }

    /// `$ref` to a component schema.
    func ref(_ name: String) -> YAMLTree { .map([("$ref", .string("#/components/schemas/\(name)"))]) }

    /// The schema of a spec type; `nullable` adds `null` to its values.
    func schema(_ type: TypeRef, nullable: Bool = false) -> YAMLTree {
        var fields: [(String, YAMLTree)]
        switch type {
        case .string, .docRef: fields = [("type", .string("string"))]
        case .boolean: fields = [("type", .string("boolean"))]
        case .integer:
            // A 64-bit integer: the server rejects what does not fit.
            fields = [("type", .string("integer")), ("format", .string("int64")),
                      ("minimum", .plain(String(Int64.min))), ("maximum", .plain(String(Int64.max)))]
        case .double: fields = [("type", .string("number"))]
        case .object: fields = [("type", .string("object"))]
        case .json:
            // Any JSON value: an empty schema (already admits null).
            return .map([])
        case .integerString:
            // Written as the decimal text of a 64-bit integer, or null (requests: see `inputSchema`).
            return .map([("type", .string("string")), ("nullable", .bool(true)), ("pattern", .string("^-?[0-9]{1,19}$"))])
        case .list(let element): fields = [("type", .string("array")), ("items", schema(element))]
        case .named(let name):
            guard nullable else { return ref(name) }
            // `$ref` ignores its siblings in OpenAPI 3.0: wrap it to make it nullable.
            return .map([("allOf", .list([ref(name)])), ("nullable", .bool(true))])
        }
        if nullable { fields.append(("nullable", .bool(true))) }
        return .map(fields)
    }

    /// The schema of a header's value: its enum's when typed, else a string.
    func headerSchema(_ header: HeaderDef) -> YAMLTree {
        guard let name = header.type, model.enumDef(name) != nil else { return .map([("type", .string("string"))]) }
        return ref(name)
    }

    /// An enum's schema: its values (matched ignoring case when the enum does); any string when lenient.
    func enumSchema(_ e: EnumDef) -> YAMLTree {
        var fields: [(String, YAMLTree)] = [("type", .string("string"))]
        let listed = "`" + e.values.joined(separator: "`, `") + "`"
        if e.lenient {
            fields.append(("description", .string("\(e.description) One of \(listed); the server reads any other value as the default.")))
            return .map(fields)
        }
        if !e.description.isEmpty { fields.append(("description", .string(e.description))) }
        guard e.caseInsensitive else {
            fields.append(("enum", .list(e.values.map(YAMLTree.string))))
            return .map(fields)
        }
        let alternatives = e.values.map { value in
            value.map { c -> String in
                let (lower, upper) = (String(c).lowercased(), String(c).uppercased())
                return lower == upper ? Self.regexEscaped(c) : "[\(upper)\(lower)]"
            }.joined()
        }
        fields.append(("pattern", .string("^(" + alternatives.joined(separator: "|") + ")$")))
        return .map(fields)
    }

    /// `c` as a regular expression matching itself.
    static func regexEscaped(_ c: Character) -> String { "\\^$.|?*+()[]{}/".contains(c) ? "\\\(c)" : String(c) }
}
