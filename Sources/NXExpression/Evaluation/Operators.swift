/// MVEL's operators on values; errors are unlocated (the evaluator adds the column and fragment).
enum Operators {
    private enum Number {
        case int(Int64)
        case double(Double)

        var double: Double {
            switch self {
            case .int(let value): return Double(value)
            case .double(let value): return value
            }
        }
    }

    private static func number(_ value: ExpressionValue) -> Number? {
        switch value {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        default: return nil
        }
    }

    /// A string read as a number, for comparisons of a string with a number (MVEL coerces).
    private static func number(parsing text: String) -> Number? {
        let trimmed = text.trimmingJavaWhitespace()
        if let value = Int64(trimmed) { return .int(value) }
        if let value = Double(trimmed), value.isFinite { return .double(value) }
        return nil
    }

    static let overflow = ExpressionError("Integer overflow")

    /// `-x` on a number.
    static func negate(_ value: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        switch value {
        case .int(let value):
            guard value != .min else { throw overflow }
            return .int(-value)
        case .double(let value): return .double(-value)
        default: throw ExpressionError("Operator '-' cannot be applied to \(value.kindName)")
        }
    }

    /// `+ - * / %` on numbers: checked on integers (overflow and division by zero are errors, as is
    /// `Int64.min / -1`), IEEE on doubles; an integer with a double is a double. Integer division truncates.
    static func arithmetic(_ op: ChainOperator, _ lhs: ExpressionValue, _ rhs: ExpressionValue) throws(ExpressionError)
        -> ExpressionValue
    {
        guard let a = number(lhs), let b = number(rhs) else {
            throw ExpressionError("Operator '\(op.rawValue)' cannot be applied to \(lhs.kindName) and \(rhs.kindName)")
        }
        if case .int(let x) = a, case .int(let y) = b {
            let (value, overflowed): (Int64, Bool)
            switch op {
            case .add: (value, overflowed) = x.addingReportingOverflow(y)
            case .subtract: (value, overflowed) = x.subtractingReportingOverflow(y)
            case .multiply: (value, overflowed) = x.multipliedReportingOverflow(by: y)
            case .divide:
                guard y != 0 else { throw ExpressionError("Division by zero") }
                (value, overflowed) = x.dividedReportingOverflow(by: y)
            default:
                guard y != 0 else { throw ExpressionError("Division by zero") }
                value = y == -1 ? 0 : x % y
                overflowed = false
            }
            guard !overflowed else { throw overflow }
            return .int(value)
        }
        let x = a.double, y = b.double
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide: return .double(x / y)
        default: return .double(x.truncatingRemainder(dividingBy: y))
        }
    }

    /// MVEL's `==`: numbers by value across int and double (and a numeric string with a number),
    /// strings, booleans, dates by value, lists element-wise, maps key by key in any order, `null` only with `null`,
    /// host objects by identity.
    static func looselyEqual(_ lhs: ExpressionValue, _ rhs: ExpressionValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let s), .bool(let b)), (.bool(let b), .string(let s)):
            let lowered = s.lowercased()
            return (lowered == "true" || lowered == "false") && (lowered == "true") == b
        case (.date(let a), .date(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { looselyEqual($0, $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count
                && a.allSatisfy { entry in b.first { $0.key == entry.key }.map { looselyEqual(entry.value, $0.value) } ?? false }
        case (.object(let a), .object(let b)): return sameInstance(a, b)
        default:
            if let a = number(lhs), let b = number(rhs) { return numbersEqual(a, b) }
            if case .string(let s) = lhs, let b = number(rhs), let a = number(parsing: s) { return numbersEqual(a, b) }
            if case .string(let s) = rhs, let a = number(lhs), let b = number(parsing: s) { return numbersEqual(a, b) }
            return false
        }
    }

    private static func numbersEqual(_ a: Number, _ b: Number) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x == y }
        return a.double == b.double
    }

    /// Ordering for `< <= > >=`: numbers (a numeric string with a number), strings by UTF-16 code units
    /// as Java's `compareTo`, dates; anything else (`null` included) is an error.
    static func compare(_ lhs: ExpressionValue, _ rhs: ExpressionValue) throws(ExpressionError) -> Int {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
        case (.date(let a), .date(let b)):
            return a == b ? 0 : a < b ? -1 : 1
        default:
            var a = number(lhs), b = number(rhs)
            if a == nil, b != nil, case .string(let s) = lhs { a = number(parsing: s) }
            if b == nil, a != nil, case .string(let s) = rhs { b = number(parsing: s) }
            guard let a, let b else { throw ExpressionError("Cannot compare \(lhs.kindName) with \(rhs.kindName)") }
            if case .int(let x) = a, case .int(let y) = b { return x == y ? 0 : x < y ? -1 : 1 }
            let x = a.double, y = b.double
            guard !x.isNaN, !y.isNaN else { throw ExpressionError("Cannot compare NaN") }
            return x == y ? 0 : x < y ? -1 : 1
        }
    }
}

extension String {
    /// Without leading and trailing characters at or below U+0020, as Java's `String.trim()`.
    func trimmingJavaWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(scalars[first...last])
    }
}
