/// Splits a template (`Hello @{CurrentUser.name}!`) into literal text and parsed `@{…}` holes.
///
/// A hole ends at the first `}` outside a quoted string; an unterminated `@{` or string is an error at its column.
enum TemplateScanner {
    static func parse(_ chars: [Character], limits: ExpressionLimits) throws(ExpressionError) -> ([TemplatePart], Set<String>) {
        var parts: [TemplatePart] = []
        var roots: Set<String> = []
        var literal = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "@", i + 1 < chars.count, chars[i + 1] == "{" else {
                literal.append(chars[i])
                i += 1
                continue
            }
            let close = try closingBrace(chars, openedAt: i)
            if !literal.isEmpty {
                parts.append(.text(literal))
                literal = ""
            }
            let isBlank = chars[(i + 2)..<close].allSatisfy(\.isWhitespace)
            guard !isBlank else { throw ExpressionError("Empty '@{}' in template", column: i + 1) }
            let (node, holeRoots) = try Parser.parse(chars, from: i + 2, to: close, limits: limits)
            parts.append(.hole(node))
            roots.formUnion(holeRoots)
            i = close + 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return (parts, roots)
    }

    /// Offset of the `}` that closes the hole opened by the `@{` at `open`.
    private static func closingBrace(_ chars: [Character], openedAt open: Int) throws(ExpressionError) -> Int {
        var i = open + 2
        while i < chars.count {
            let ch = chars[i]
            if ch == "}" { return i }
            if ch == "'" || ch == "\"" {
                let start = i
                i += 1
                while i < chars.count, chars[i] != ch {
                    i += chars[i] == "\\" ? 2 : 1
                }
                guard i < chars.count else { throw ExpressionError("Unterminated string starting", column: start + 1) }
            }
            i += 1
        }
        throw ExpressionError("Unterminated '@{' in template", column: open + 1)
    }
}
