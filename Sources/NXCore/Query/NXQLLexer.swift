/// A token of NXQL.
public struct NXQLToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case keyword(String)
        case identifier(String)
        case string(String)
        case integer(Int64)
        case double(Double)
        case symbol(String)
        case end
    }

    public var kind: Kind
    /// Offset of the first character.
    public var offset: Int
}

/// Hand-written NXQL lexer. Keywords are recognised in UPPER, Capitalized or lower case only, as Nuxeo's.
/// It reads Unicode scalars, not grapheme clusters: a combining mark or an emoji modifier right after a quote must not
/// fuse with it (`'🏻'` is a one-scalar string literal, not an illegal character).
public struct NXQLLexer {
    static let keywords: Set<String> = [
        "SELECT", "DISTINCT", "ALL", "FROM", "TYPE", "LOCATION", "WHERE", "ORDER", "BY", "ASC", "DESC", "AND", "OR", "NOT",
        "IN", "LIKE", "ILIKE", "BETWEEN", "IS", "NULL", "STARTSWITH", "DATE", "TIMESTAMP", "AS", "LIMIT", "OFFSET", "GROUP", "HAVING",
    ]

    let chars: [Unicode.Scalar]
    var index = 0

    public init(_ text: String) { chars = Array(text.unicodeScalars) }

    /// All tokens, ending with `.end`.
    public static func tokenize(_ text: String) throws -> [NXQLToken] {
        var lexer = NXQLLexer(text)
        var tokens: [NXQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    mutating func next() throws -> NXQLToken {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
        guard index < chars.count else { return NXQLToken(kind: .end, offset: index) }
        let start = index
        let c = chars[index]
        if c == "'" || c == "\"" { return NXQLToken(kind: .string(try string(quote: c)), offset: start) }
        if c.isNumber || (c == "." && index + 1 < chars.count && chars[index + 1].isNumber) { return NXQLToken(kind: try number(), offset: start) }
        if c.isLetter || c == "_" { return NXQLToken(kind: word(), offset: start) }
        for symbol in ["<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ",", "*", "+", "-", "/"] where matches(symbol) {
            index += symbol.count
            return NXQLToken(kind: .symbol(symbol), offset: start)
        }
        throw NXQLError("Lexical Error: Illegal character <\(c)>", offset: start)
    }

    func matches(_ symbol: String) -> Bool {
        var i = index
        for ch in symbol.unicodeScalars {
            guard i < chars.count, chars[i] == ch else { return false }
            i += 1
        }
        return true
    }

    mutating func string(quote: Unicode.Scalar) throws -> String {
        let start = index
        index += 1
        var value = ""
        while index < chars.count {
            let c = chars[index]
            if c == "\\", index + 1 < chars.count {
                let e = chars[index + 1]
                switch e {
                case "t": value.unicodeScalars.append("\t")
                case "n": value.unicodeScalars.append("\n")
                case "r": value.unicodeScalars.append("\r")
                case "'", "\"", "\\": value.unicodeScalars.append(e)
                // Other escapes (`\%`, `\_` in LIKE patterns) keep their backslash.
                default: value.unicodeScalars.append(c); value.unicodeScalars.append(e)
                }
                index += 2
                continue
            }
            if c == quote {
                index += 1
                return value
            }
            value.unicodeScalars.append(c)
            index += 1
        }
        throw NXQLError("Lexical Error: unterminated string", offset: start)
    }

    mutating func number() throws -> NXQLToken.Kind {
        let start = index
        while index < chars.count, chars[index].isNumber { index += 1 }
        var isDouble = false
        if index < chars.count, chars[index] == ".", index + 1 < chars.count, chars[index + 1].isNumber {
            isDouble = true
            index += 1
            while index < chars.count, chars[index].isNumber { index += 1 }
        }
        if index < chars.count, chars[index] == "e" || chars[index] == "E" {
            var j = index + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            if j < chars.count, chars[j].isNumber {
                isDouble = true
                index = j
                while index < chars.count, chars[index].isNumber { index += 1 }
            }
        }
        let text = Self.text(chars[start..<index])
        if index < chars.count, chars[index].isLetter { throw NXQLError("Lexical Error: Illegal character <\(chars[index])>", offset: index) }
        if isDouble, let d = Double(text) { return .double(d) }
        guard let i = Int64(text) else { throw NXQLError("Lexical Error: invalid number \(text)", offset: start) }
        return .integer(i)
    }

    /// An identifier (`dc:title`, `ecm:fulltext.dc:title`, `files:files/*1/file/name`) or a keyword.
    mutating func word() -> NXQLToken.Kind {
        let start = index
        func isIdentifierChar(_ c: Unicode.Scalar) -> Bool { c.isLetter || c.isNumber || c == "_" || c == ":" || c == "." || c == "-" }
        while index < chars.count, isIdentifierChar(chars[index]) { index += 1 }
        // Path components: /name, /*, /*1, /3, and [3] subscripts.
        while index < chars.count {
            if chars[index] == "/", index + 1 < chars.count, chars[index + 1].isLetter || chars[index + 1].isNumber || chars[index + 1] == "*" {
                index += 2
                while index < chars.count, isIdentifierChar(chars[index]) { index += 1 }
            } else if chars[index] == "[" {
                // Only digits up to the `]` (scanning ahead for any `]` made `a[ a[ a[ …]` quadratic).
                var close = index + 1
                while close < chars.count, chars[close].isNumber { close += 1 }
                guard close < chars.count, chars[close] == "]" else { break }
                index = close + 1
            } else {
                break
            }
        }
        let text = Self.text(chars[start..<index])
        let upper = text.uppercased()
        if Self.keywords.contains(upper), text == upper || text == text.lowercased() || text == upper.prefix(1) + upper.dropFirst().lowercased()
            || (upper == "STARTSWITH" && text == "StartsWith") || (upper == "TIMESTAMP" && text == "TimeStamp") || (upper == "ILIKE" && text == "ILike") {
            return .keyword(upper)
        }
        return .identifier(text)
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }
}

extension Unicode.Scalar {
    /// Character-class tests of the lexer, on one scalar.
    fileprivate var isWhitespace: Bool { properties.isWhitespace }
    fileprivate var isLetter: Bool { properties.isAlphabetic }
    fileprivate var isNumber: Bool { properties.numericType != nil }
}
