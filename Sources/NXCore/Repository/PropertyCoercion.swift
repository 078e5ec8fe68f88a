import NXRuntime

/// Checks and converts incoming property values to their schema types, as Nuxeo's JSON property reader does:
/// bool→boolean/string; integer→long/integer/double/boolean(0=false)/string; number→double/string;
/// text→parsed boolean/long/double or W3C date; anything else is a 400.
public enum PropertyCoercion {
    /// The stored value of `value` for a field of `type` (`.null` clears), or an invalid-argument error naming `key`.
    /// Blob values are read by `blobs` (inside a write transaction); without it they are refused.
    public static func coerce(_ value: JSONValue, to type: FieldType, key: String, blobs: (any BlobResolving)? = nil) throws -> JSONValue {
        if case .null = value { return .null }
        let fail = NXError.invalid("Unable to deserialize property: \(key) (\(value.kindName) value is not a \(describe(type)))")
        switch type {
        case .string:
            switch value {
            case .string: return value
            case .bool(let b): return .string(b ? "true" : "false")
            case .int(let i): return .string(String(i))
            case .double(let d): return .string(String(d))
            default: throw fail
            }
        case .long, .integer:
            switch value {
            case .int: return value
            case .string(let s):
                guard let i = Int64(s.trimmingWhitespace) else { throw fail }
                return .int(i)
            default: throw fail
            }
        case .double:
            switch value {
            case .double: return value
            case .int(let i): return .double(Double(i))
            case .string(let s):
                guard let d = Double(s.trimmingWhitespace) else { throw fail }
                return .double(d)
            default: throw fail
            }
        case .boolean:
            switch value {
            case .bool: return value
            case .int(let i): return .bool(i != 0)
            case .string(let s):
                switch s.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: throw fail
                }
            default: throw fail
            }
        case .date:
            guard case .string(let s) = value, let normalized = NXDate.normalize(s) else { throw fail }
            return .string(normalized)
        case .blob:
            guard let blobs else { throw NXError.invalid("Unable to deserialize property: \(key) (blob values are only accepted in document bodies)") }
            return try blobs.resolve(value, key: key) ?? .null
        case .list(let element):
            guard case .array(let items) = value else { throw fail }
            let coerced = try items.map { try coerce($0, to: element, key: key, blobs: blobs) }.filter { !$0.isNull }
            return coerced.isEmpty ? .null : .array(coerced)
        case .complex(let fields):
            guard case .object(let object) = value else { throw fail }
            return .object(try complex(object, fields: fields, key: key, blobs: blobs))
        case .complexList(let fields):
            guard case .array(let items) = value else { throw fail }
            let coerced = try items.enumerated().map { index, item -> JSONValue in
                guard case .object(let object) = item else { throw fail }
                return .object(try complex(object, fields: fields, key: "\(key)/\(index)", blobs: blobs))
            }
            return coerced.isEmpty ? .null : .array(coerced)
        }
    }

    /// A complex value replaces the whole stored value: omitted sub-fields become null.
    static func complex(_ object: JSONObject, fields: [Field], key: String, blobs: (any BlobResolving)? = nil) throws -> JSONObject {
        var result = JSONObject()
        for field in fields {
            let value = try coerce(object[field.name] ?? .null, to: field.type, key: "\(key)/\(field.name)", blobs: blobs)
            if !value.isNull { result[field.name] = value }
        }
        return result
    }

    /// The value written for a field with no stored value: null, `[]` for lists, an object of nulls for complex.
    public static func emptyValue(_ type: FieldType) -> JSONValue {
        switch type {
        case .list, .complexList: return .array([])
        case .complex(let fields): return .object(JSONObject(fields.map { ($0.name, emptyValue($0.type)) }))
        default: return .null
        }
    }

    /// A stored value completed for output (complex values get every sub-field).
    public static func outputValue(_ stored: JSONValue?, _ type: FieldType) -> JSONValue {
        guard let stored, !stored.isNull else { return emptyValue(type) }
        switch type {
        case .complex(let fields):
            guard case .object(let object) = stored else { return stored }
            return .object(JSONObject(fields.map { ($0.name, outputValue(object[$0.name], $0.type)) }))
        case .complexList(let fields):
            guard case .array(let items) = stored else { return stored }
            return .array(items.map { outputValue($0, .complex(fields)) })
        default:
            return stored
        }
    }

    static func describe(_ type: FieldType) -> String {
        if let name = type.primitiveName { return name }
        switch type {
        case .list(let e): return "list of \(describe(e))"
        case .complexList: return "list of complex objects"
        default: return "complex object"
        }
    }
}

extension PropertyCoercion {
    /// Automation's text form of a value (`Document.Create`/`Update` `properties`, `Document.SetProperty`): a string
    /// for a list is split on `,` (`\,` escapes a comma, `\\` a backslash); a string for a complex value is parsed as
    /// JSON; an empty string is null. Other values are returned as they are (then coerced as usual).
    public static func fromAutomationText(_ value: JSONValue, _ type: FieldType) -> JSONValue {
        guard case .string(let text) = value else { return value }
        if text.isEmpty { return .null }
        switch type {
        case .list:
            var items: [JSONValue] = []
            var current = ""
            var escaped = false
            for character in text {
                if escaped { current.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "," { items.append(.string(current)); current = "" }
                else { current.append(character) }
            }
            items.append(.string(current))
            return .array(items)
        case .complex, .complexList:
            return (try? NXJSON.parse(Array(text.utf8))) ?? value
        default:
            return value
        }
    }
}
