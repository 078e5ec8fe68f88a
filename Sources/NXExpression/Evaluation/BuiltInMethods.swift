/// Member access, indexing and method calls on values: host objects answer for themselves; built-in values
/// answer only ``BuiltInVocabulary``. Errors are unlocated (the evaluator adds the column).
enum BuiltInMethods {
    /// `value.name`: a host member, a map key (absent: `null`), a date property.
    static func member(_ name: String, of value: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        switch value {
        case .object(let object): return try object.member(name)
        case .map(let entries): return entries.first { $0.key == name }?.value ?? .null
        case .date(let date):
            if let result = DateMethods.member(name, of: date) { return result }
        default: break
        }
        let hint = methods(of: value)?[name] != nil ? "; call it as '\(name)()'" : ""
        throw ExpressionError("Member '\(name)' is not allowed on \(value.kindName)\(hint)")
    }

    /// `value[key]`: a host key, a map key (absent: `null`), a list position (bounds checked).
    static func index(_ value: ExpressionValue, _ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        switch value {
        case .object(let object): return try object.index(key)
        case .map(let entries):
            let name = key.text
            return entries.first { $0.key == name }?.value ?? .null
        case .list(let elements): return try element(of: elements, at: key)
        default: throw ExpressionError("Indexing with '[ ]' is not allowed on \(value.kindName)")
        }
    }

    /// `value.name(arguments)`.
    static func call(_ name: String, _ arguments: [ExpressionValue], on value: ExpressionValue, limits: ExpressionLimits)
        throws(ExpressionError) -> ExpressionValue
    {
        if case .object(let object) = value { return try object.call(name, arguments) }
        guard let signature = methods(of: value)?[name] else {
            throw ExpressionError("Method '\(name)' is not allowed on \(value.kindName)")
        }
        guard signature.arity.contains(arguments.count) else {
            throw ExpressionError(BuiltInVocabulary.arityMessage(name, signature.arity, got: arguments.count))
        }
        switch name {
        case "toString": return .string(value.javaText)
        case "equals": return .bool(value == arguments[0])
        default: break
        }
        switch value {
        case .string(let text): return try StringMethods.call(name, text, Arguments(name, arguments), limits: limits)
        case .list(let elements): return try CollectionMethods.call(name, elements, Arguments(name, arguments))
        case .map(let entries): return try CollectionMethods.call(name, entries, Arguments(name, arguments))
        case .date(let date): return try DateMethods.call(name, date, Arguments(name, arguments))
        default: throw ExpressionError("Method '\(name)' is not allowed on \(value.kindName)")
        }
    }

    /// The element at an integer position, or an error naming the position and the size.
    static func element(of elements: [ExpressionValue], at key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .int(let position) = key else {
            throw ExpressionError("A list index must be an integer, not \(key.kindName)")
        }
        guard position >= 0, position < elements.count else {
            throw ExpressionError("Index \(position) is out of range for a list of \(elements.count) elements")
        }
        return elements[Int(position)]
    }

    private static func methods(of value: ExpressionValue) -> [String: BuiltInVocabulary.Signature]? {
        switch value {
        case .string: return BuiltInVocabulary.stringMethods
        case .list: return BuiltInVocabulary.listMethods
        case .map: return BuiltInVocabulary.mapMethods
        case .date: return BuiltInVocabulary.dateMethods
        case .int, .double, .bool: return BuiltInVocabulary.scalarMethods
        case .null, .object: return nil
        }
    }
}

/// A built-in method's arguments, read with their expected types.
struct Arguments {
    let method: String
    let values: [ExpressionValue]

    init(_ method: String, _ values: [ExpressionValue]) {
        self.method = method
        self.values = values
    }

    var count: Int { values.count }

    subscript(position: Int) -> ExpressionValue { values[position] }

    /// Argument `position` as a string.
    func string(_ position: Int) throws(ExpressionError) -> String {
        guard case .string(let text) = values[position] else {
            throw mismatch(position, "a string")
        }
        return text
    }

    /// Argument `position` as an integer (a double without a fraction is accepted).
    func int(_ position: Int) throws(ExpressionError) -> Int64 {
        switch values[position] {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        default: throw mismatch(position, "an integer")
        }
    }

    private func mismatch(_ position: Int, _ expected: String) -> ExpressionError {
        ExpressionError("Argument \(position + 1) of '\(method)' must be \(expected), not \(values[position].kindName)")
    }
}
