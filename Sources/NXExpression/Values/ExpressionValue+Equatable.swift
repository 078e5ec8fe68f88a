/// Structural equality, for hosts and tests: same case and same contents (maps in order).
/// Two host objects are equal only when they are the same class instance; MVEL's `==` is a separate,
/// looser comparison (numbers across int and double, maps in any order).
extension ExpressionValue: Equatable {
    /// Whether both values have the same case and contents.
    public static func == (lhs: ExpressionValue, rhs: ExpressionValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.object(let a), .object(let b)): return sameInstance(a, b)
        default: return false
        }
    }
}

/// Whether two host objects are the same class instance.
func sameInstance(_ a: any ExpressionObject, _ b: any ExpressionObject) -> Bool {
    guard type(of: a) is AnyObject.Type, type(of: b) is AnyObject.Type else { return false }
    return (a as AnyObject) === (b as AnyObject)
}

extension ExpressionValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A double value.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A list value.
    public init(arrayLiteral elements: ExpressionValue...) { self = .list(elements) }
}
