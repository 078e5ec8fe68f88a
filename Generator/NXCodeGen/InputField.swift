import NXSpec

/// One field of a generated request input: its Swift name and type, docs and how it is decoded from an `APIRequest`.
struct InputField {
    var name: String
    var type: String
    var docs: String
    /// Expression decoding it from `request`.
    var decode: String
    /// The value when a request carries nothing (a shared parameter-set value's initializer default).
    var absent: String {
        if type.hasSuffix("?") { return "nil" }
        if type.hasPrefix("[") { return "[]" }
        return fallback ?? "nil"
    }
    /// The declared default of a parameter, as a Swift literal.
    var fallback: String? = nil

    /// A query parameter.
    static func query(_ p: ParamDef, _ types: TypeMapping) -> InputField {
        let docs = p.description.isEmpty ? "`\(p.name)` (\(p.location.rawValue))." : p.description
        let (type, expr) = queryDecode(p, types)
        if let def = p.defaultValue {
            let literal = defaultLiteral(def, p.type, types)
            return InputField(name: Naming.identifier(p.name), type: type, docs: docs + " Defaults to \(def).",
                              decode: "\(expr) ?? \(literal)", fallback: literal)
        }
        return InputField(name: Naming.identifier(p.name), type: type + "?", docs: docs, decode: expr)
    }

    /// A field of a form body: decoded as a query parameter of the same type is, from the body's fields.
    static func form(_ p: ParamDef, _ types: TypeMapping) -> InputField {
        var field = query(p, types)
        for (from, to) in [("request.queryString(", "request.formString("), ("request.queryInt(", "request.formInt("),
                           ("request.queryBool(", "request.formBool("), ("request.queryList(", "request.formList(")] {
            field.decode = field.decode.replacingOccurrences(of: from, with: to)
        }
        return field
    }

    /// A path parameter.
    static func path(_ p: ParamDef) -> InputField {
        let docs = p.description.isEmpty ? "`\(p.name)` (\(p.location.rawValue))." : p.description
        if p.type == .docRef {
            return InputField(name: Naming.identifier(p.name), type: "DocumentRef", docs: docs, decode: "try request.docRef(\(Naming.literal(p.name)))")
        }
        return InputField(name: Naming.identifier(p.name), type: "String", docs: docs, decode: "try request.pathParam(\(Naming.literal(p.name)))")
    }

    /// A header (with its query twin when it has one). A `boolean` header of a parameter set is a `Bool` (`true` in any
    /// case, as Nuxeo reads skipAggregates), since clients fill the set's value too.
    static func header(_ h: HeaderDef, inSet: Bool = false) -> InputField {
        let name = Naming.identifier(h.swiftName ?? h.name), spec = Naming.identifier(h.name)
        if h.list {
            return InputField(name: name, type: "[String]", docs: h.description, decode: "request.headerValues(NXHeaders.\(spec))")
        }
        if inSet, h.isBoolean {
            return InputField(name: name, type: "Bool?", docs: h.description,
                              decode: "request.headerValue(NXHeaders.\(spec)).map { $0.trimmingWhitespace.lowercased() == \"true\" }")
        }
        // An endpoint's `boolean` header reaches its handler as sent: each one is read as Nuxeo reads it
        // (X-NXVoidOperation is `true` exactly, X-Batch-No-Drop in any case), which one parse here would not keep.
        if let type = h.enumType {
            let swift = Naming.upperCamel(type)
            return InputField(name: name, type: swift + "?", docs: h.description,
                              decode: "request.headerValue(NXHeaders.\(spec)).map(\(swift).init(rawValue:))")
        }
        return InputField(name: name, type: "String?", docs: h.description, decode: "request.headerValue(NXHeaders.\(spec))")
    }

    /// A parameter set's shared value.
    static func paramSet(_ set: ParamSetDef) -> InputField {
        InputField(name: Naming.identifier(set.name), type: ParamSetEmitter.typeName(set),
                   docs: set.description.isEmpty ? "The `\(set.name)` parameters." : set.description,
                   decode: "try \(ParamSetEmitter.typeName(set))(request: request)")
    }

    static func queryDecode(_ p: ParamDef, _ types: TypeMapping) -> (String, String) {
        let key = Naming.literal(p.name)
        switch p.type {
        case .integer: return ("Int", "try request.queryInt(\(key))")
        case .boolean: return ("Bool", "try request.queryBool(\(key))")
        case .list(let element) where types.isEnum(element):
            let t = types.swiftType(element)
            return ("[\(t)]", "request.queryList(\(key))?.map(\(t).init(rawValue:))")
        case .list: return ("[String]", "request.queryList(\(key))")
        case .named where types.isEnum(p.type):
            let t = types.swiftType(p.type)
            return (t, "request.queryString(\(key)).map(\(t).init(rawValue:))")
        default: return ("String", "request.queryString(\(key))")
        }
    }

    static func defaultLiteral(_ value: String, _ type: TypeRef, _ types: TypeMapping) -> String {
        switch type {
        case .integer, .double, .boolean: return value
        case .named where types.isEnum(type): return "\(types.swiftType(type))(rawValue: \(Naming.literal(value)))"
        default: return Naming.literal(value)
        }
    }
}
