/// The value of an expression: a Java-like dynamic value, or a host object.
public enum ExpressionValue: Sendable {
    /// Java `null` (a missing context variable, an unset property).
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer (Java `int`/`long`); arithmetic on it is checked.
    case int(Int64)
    /// A floating-point number (Java `double`).
    case double(Double)
    /// A string.
    case string(String)
    /// An instant; it answers Nuxeo's `DateWrapper` members (`format`, `days(n)`, `year`…).
    case date(ExpressionDate)
    /// A list.
    case list([ExpressionValue])
    /// A map with ordered keys (`Context`, `ChainParameters`, a complex property…).
    case map([(key: String, value: ExpressionValue)])
    /// A host object (document, user, `Fn`…): it whitelists its own members and methods.
    case object(any ExpressionObject)

    /// The value as a template writes it: `null` as the empty string, dates in W3C form
    /// (`2024-01-31T10:00:00.000Z`, UTC), lists as `[a, b]`, maps as `{k=v}`, doubles as Java prints them.
    public var text: String {
        switch self {
        case .null: return ""
        default: return javaText
        }
    }

    /// The value as Java's `String.valueOf` writes it (what `+` concatenates): as ``text`` but `null` is `"null"`.
    public var javaText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return JavaNumberText.text(of: value)
        case .string(let value): return value
        case .date(let value): return value.w3cText
        case .list(let values): return "[" + values.map(\.javaText).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key)=\($0.value.javaText)" }.joined(separator: ", ") + "}"
        case .object(let object): return object.text
        }
    }

    /// Whether the value counts as true in a condition (`!`, `&&`, `||`, `c ? a : b`): a boolean is itself;
    /// `null` is false; a number is true unless zero (or NaN); a string is true when it is `true` ignoring case
    /// (as Java's `Boolean.valueOf`); a list or map when not empty; a date or host object is true.
    public var truthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0 && !value.isNaN
        case .string(let value): return value.lowercased() == "true"
        case .date: return true
        case .list(let values): return !values.isEmpty
        case .map(let entries): return !entries.isEmpty
        case .object: return true
        }
    }

    /// Whether MVEL's `x == empty` holds: `null`, the empty string, an empty list or map.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let value): return value.isEmpty
        case .list(let values): return values.isEmpty
        case .map(let entries): return entries.isEmpty
        default: return false
        }
    }

    /// The value of `key` in a map (the first entry with that key), or nil when not a map or absent.
    public subscript(key: String) -> ExpressionValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The text quoted for messages: strings in quotes, other values as written.
    var quotedText: String {
        if case .string(let value) = self { return "'\(value)'" }
        return javaText
    }

    /// The kind of value, with its article, for messages (`a string`, `an integer`).
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a decimal"
        case .string: return "a string"
        case .date: return "a date"
        case .list: return "a list"
        case .map: return "a map"
        case .object(let object): return object.kindName
        }
    }
}
