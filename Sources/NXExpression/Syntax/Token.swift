/// A lexical token, located by character offsets in the whole source (`start` 0-based, `end` exclusive).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// An integer literal's magnitude (a leading `-` is a separate token), up to 2^63.
        case integer(UInt64)
        case decimal(Double)
        case string(String)
        case punctuation(Punctuation)
        /// Where lexing failed: the parser reports it when it reaches it, so earlier errors come first.
        case invalid(ExpressionError)
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int

    /// 1-based column of the token's first character.
    var column: Int { start + 1 }

    /// The token as messages quote it.
    var display: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .integer(let value): return "'\(value)'"
        case .decimal(let value): return "'\(JavaNumberText.text(of: value))'"
        case .string: return "string"
        case .punctuation(let p): return "'\(p.rawValue)'"
        case .invalid(let error): return error.message
        case .end: return "end of expression"
        }
    }
}

/// Operators and delimiters of the grammar.
enum Punctuation: String, Sendable, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case dot = ".", comma = ",", question = "?", colon = ":"
    case bang = "!", plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "==", notEqual = "!="
    case and = "&&", or = "||"
}
