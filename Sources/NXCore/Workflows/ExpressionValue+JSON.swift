import NXExpression
import NXRuntime

/// A host object that stands for a JSON value when an expression's result is stored (a document as its uid).
public protocol JSONRepresentableObject: ExpressionObject {
    /// The value as JSON.
    var jsonValue: JSONValue { get }
}

extension ExpressionValue {
    /// A JSON value as expressions see it.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(ExpressionValue.init(json:)))
        case .object(let object): self = .map(object.map { (key: $0.0, value: ExpressionValue(json: $0.1)) })
        }
    }

    /// The value as JSON: dates in W3C form, host objects as their JSON form or their text.
    public var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .date: return .string(text)
        case .list(let items): return .array(items.map(\.json))
        case .map(let pairs): return .object(JSONObject(pairs.map { ($0.key, $0.value.json) }))
        case .object(let object as any JSONRepresentableObject): return object.jsonValue
        case .object: return .string(text)
        }
    }
}
