/// The whitelisted methods of strings, as Java's `String` (lengths and positions in UTF-16 code units).
/// `split` takes a literal separator, not a regular expression.
enum StringMethods {
    static func call(_ name: String, _ text: String, _ arguments: Arguments, limits: ExpressionLimits) throws(ExpressionError)
        -> ExpressionValue
    {
        switch name {
        case "length": return .int(Int64(text.utf16.count))
        case "isEmpty": return .bool(text.isEmpty)
        case "trim": return .string(text.trimmingJavaWhitespace())
        case "toUpperCase": return .string(text.uppercased())
        case "toLowerCase": return .string(text.lowercased())
        case "startsWith": return .bool(text.hasPrefix(try arguments.string(0)))
        case "endsWith": return .bool(text.hasSuffix(try arguments.string(0)))
        case "contains":
            let part = try arguments.string(0)
            return .bool(part.isEmpty || text.contains(part))
        case "equalsIgnoreCase":
            guard case .string(let other) = arguments[0] else { return .bool(false) }
            return .bool(text.lowercased() == other.lowercased())
        case "indexOf":
            let part = try arguments.string(0)
            if part.isEmpty { return .int(0) }
            guard let range = text.firstRange(of: part) else { return .int(-1) }
            return .int(Int64(text.utf16.distance(from: text.startIndex, to: range.lowerBound)))
        case "substring":
            let length = Int64(text.utf16.count)
            let from = try arguments.int(0)
            let to = arguments.count > 1 ? try arguments.int(1) : length
            guard from >= 0, from <= to, to <= length else {
                let call = arguments.count > 1 ? "substring(\(from), \(to))" : "substring(\(from))"
                throw ExpressionError("\(call) is out of range for a string of length \(length)")
            }
            return .string(try substring(text, Int(from), Int(to)))
        case "replace": return .string(try replace(text, try arguments.string(0), try arguments.string(1), limits: limits))
        case "split": return .list(try split(text, try arguments.string(0), limits: limits))
        default: throw ExpressionError("Method '\(name)' is not allowed on a string")
        }
    }

    private static func substring(_ text: String, _ from: Int, _ to: Int) throws(ExpressionError) -> String {
        let utf16 = text.utf16
        let lower = utf16.index(utf16.startIndex, offsetBy: from)
        let upper = utf16.index(lower, offsetBy: to - from)
        guard let start = lower.samePosition(in: text.unicodeScalars), let end = upper.samePosition(in: text.unicodeScalars) else {
            throw ExpressionError("substring(\(from), \(to)) would split a surrogate pair")
        }
        return String(text.unicodeScalars[start..<end])
    }

    /// Every occurrence of `target` replaced (an empty target inserts `replacement` around every character,
    /// as Java); the result's size is checked before it is built.
    private static func replace(_ text: String, _ target: String, _ replacement: String, limits: ExpressionLimits)
        throws(ExpressionError) -> String
    {
        let pieces: [Substring] =
            target.isEmpty ? [""] + text.map { Substring(String($0)) } + [""] : text.split(separator: target, omittingEmptySubsequences: false)
        let occurrences = pieces.count - 1
        let size = text.utf8.count - (target.isEmpty ? 0 : occurrences * target.utf8.count)
        let (added, overflow1) = occurrences.multipliedReportingOverflow(by: replacement.utf8.count)
        let (total, overflow2) = size.addingReportingOverflow(added)
        guard !overflow1, !overflow2, total <= limits.maxStringBytes else {
            throw ExpressionError("String longer than \(limits.maxStringBytes) bytes")
        }
        return pieces.joined(separator: replacement)
    }

    /// Java's `split` with a literal separator: trailing empty strings dropped; an empty separator splits characters.
    private static func split(_ text: String, _ separator: String, limits: ExpressionLimits) throws(ExpressionError) -> [ExpressionValue] {
        if text.isEmpty { return [.string("")] }
        var pieces: [String] =
            separator.isEmpty ? text.map { String($0) } : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        while let last = pieces.last, last.isEmpty { pieces.removeLast() }
        guard pieces.count <= limits.maxListElements else {
            throw ExpressionError("split would produce more than \(limits.maxListElements) elements")
        }
        return pieces.map { .string($0) }
    }
}
