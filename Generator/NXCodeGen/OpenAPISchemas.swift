import NXSpec

/// JSON schemas of the OpenAPI document: spec types, entities, objects and enums.
struct OpenAPISchemas {
    typealias Schema = OpenAPIDocument.Schema
    typealias OrderedMap = OpenAPIDocument.OrderedMap

    let model: SpecModel

    /// Every entity, object and enum, by name.
    func components() -> OrderedMap<Schema> {
        let types = TypeMapping(model: model)
        var result: [(key: String, value: Schema)] = []
        for entity in model.entities {
            result.append((entity.name, object(types.effectiveFields(entity), leading: [("entity-type", Self.constant(entity.name))],
                                               description: entity.description)))
            for object in entity.objects { result.append((object.name, self.object(object.fields, description: object.description))) }
        }
        for name in inputTypes().sorted() { result.append((name + "Input", inputObject(name))) }
        for e in model.enums { result.append((e.name, enumSchema(e))) }
        var documentTypeName = Schema(.string)
        documentTypeName.description = "A type documents can be created with: every type of Spec/repository but the base type."
        documentTypeName.enumValues = model.docTypes.filter { $0.extends != nil }.map(\.name).sorted().map(SpecJSON.string)
        result.append(("documentTypeName", documentTypeName))
        return OrderedMap(result.sorted { $0.key < $1.key })
    }

    /// A string that can only be `value` (an entity's `entity-type`).
    static func constant(_ value: String) -> Schema {
        var schema = Schema(.string)
        schema.enumValues = [.string(value)]
        return schema
    }

    /// An object schema with `fields` as properties (after `leading` ones); unknown properties are allowed, as
    /// the server ignores them.
    func object(_ fields: [FieldDef], leading: [(key: String, value: Schema)] = [], description: String) -> Schema {
        var properties = OrderedMap(leading)
        for field in fields {
            var schema = self.schema(field.type, nullable: field.nullable)
            if let minLength = field.minLength { schema.minLength = minLength }
            if !field.description.isEmpty, schema.ref == nil { schema.description = field.description }
            properties[field.name] = schema
        }
        var result = Schema(.object)
        if !description.isEmpty { result.description = description }
        result.properties = properties
        return result
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
    func inputObject(_ name: String) -> Schema {
        var properties: OrderedMap<Schema> = [:]
        let fields: [FieldDef]
        if let entity = model.entity(name) {
            properties["entity-type"] = Self.constant(name)
            fields = entity.fields
        } else {
            fields = model.entities.flatMap(\.objects).first { $0.name == name }?.fields ?? []
        }
        for field in fields { properties[field.name] = inputSchema(field.type, nullable: true) }
        var result = Schema(.object)
        result.description = "`\(name)` as request bodies may carry it."
        result.properties = properties
        return result
    }

    /// The schema of a decoded value of `type` (see `inputObject`).
    func inputSchema(_ type: TypeRef, nullable: Bool) -> Schema {
        let result: Schema
        switch type {
        case .named(let name) where model.enumDef(name) != nil:
            return schema(.string, nullable: nullable)
        case .named(let name):
            result = .ref(name + "Input")
        case .list(let element):
            var list = Schema(.array)
            list.items = inputSchema(element, nullable: false)
            result = list
        case .integer:
            // The decoder takes a JSON number with an integral value (`1.0`, `1e3`) as an integer.
            result = Self.integralNumber
        case .integerString:
            // Read from a string of digits (empty = absent; 18 digits always fit), an integral number, or null.
            var digits = Schema(.string)
            digits.pattern = "^([+-]?[0-9]{1,18})?$"
            var either = Schema()
            either.oneOf = [digits, Self.integralNumber, .null]
            return either
        default:
            return schema(type, nullable: nullable)
        }
        return nullable ? result.orNull() : result
    }

    /// A JSON number with an integral value that fits 64 bits, as the JSON readers take integers.
    static var integralNumber: Schema {
        var schema = Schema(.number)
        (schema.multipleOf, schema.minimum, schema.maximum) = (1, Int(Int64.min), Int(Int64.max))
        return schema
    }

    /// The schema of a spec type; `nullable` adds `null` to its values.
    func schema(_ type: TypeRef, nullable: Bool = false) -> Schema {
        var result: Schema
        switch type {
        case .string, .docRef, .xpath: result = Schema(.string)
        case .boolean: result = Schema(.boolean)
        case .integer:
            // A 64-bit integer: the server rejects what does not fit.
            result = Schema(.integer)
            (result.format, result.minimum, result.maximum) = ("int64", Int(Int64.min), Int(Int64.max))
        case .double: result = Schema(.number)
        case .object: result = Schema(.object)
        case .json:
            // Any JSON value: the empty schema (already admits null).
            return Schema()
        case .integerString:
            // Written as the decimal text of a 64-bit integer, or null (requests: see `inputSchema`).
            result = Schema(types: [.string, .null])
            result.pattern = "^-?[0-9]{1,19}$"
            return result
        case .list(let element):
            result = Schema(.array)
            result.items = schema(element)
        case .named(let name):
            result = .ref(name)
        }
        return nullable ? result.orNull() : result
    }

    /// The schema of a header's value: its enum's when typed, else a string.
    func headerSchema(_ header: HeaderDef) -> Schema {
        // A boolean header is text to the server, which reads any value other than `true` as false (Nuxeo does too):
        // a string, as a lenient enum's, so that a fuzzer does not take `yes` being read as false for a missed check.
        if header.isBoolean {
            var result = Schema(.string)
            result.description = "`true` or `false`; the server reads any other value as false."
            return result
        }
        guard let name = header.enumType, model.enumDef(name) != nil else { return Schema(.string) }
        return .ref(name)
    }

    /// An enum's schema: its values (matched ignoring case when the enum does); any string when lenient.
    func enumSchema(_ e: EnumDef) -> Schema {
        var result = Schema(.string)
        let listed = "`" + e.values.joined(separator: "`, `") + "`"
        if e.lenient {
            result.description = "\(e.description) One of \(listed); the server reads any other value as the default."
            return result
        }
        if !e.description.isEmpty { result.description = e.description }
        guard e.caseInsensitive else {
            result.enumValues = e.values.map(SpecJSON.string)
            return result
        }
        let alternatives = e.values.map { value in
            value.map { c -> String in
                let (lower, upper) = (String(c).lowercased(), String(c).uppercased())
                return lower == upper ? Self.regexEscaped(c) : "[\(upper)\(lower)]"
            }.joined()
        }
        result.pattern = "^(" + alternatives.joined(separator: "|") + ")$"
        return result
    }

    /// `c` as a regular expression matching itself.
    static func regexEscaped(_ c: Character) -> String { "\\^$.|?*+()[]{}/".contains(c) ? "\\\(c)" : String(c) }
}
