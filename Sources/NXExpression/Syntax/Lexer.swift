/// Splits an expression (or one `@{…}` hole of a template) into tokens.
///
/// Constructs outside the subset that are visible at this level are rejected here with their column:
/// assignment (`=`, `+=`…), increments, statements (`;`), blocks (`{ }`), bitwise operators.
struct Lexer {
    let chars: [Character]
    var position: Int
    let end: Int

    /// Tokens of `chars[start..<end]`, ending with `.end` located at `end`, or with an `.invalid` token
    /// where lexing failed.
    static func tokenize(_ chars: [Character], from start: Int, to end: Int) -> [Token] {
        var lexer = Lexer(chars: chars, position: start, end: end)
        var tokens: [Token] = []
        while true {
            do {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return tokens }
            } catch {
                let offset = error.column - 1
                tokens.append(Token(kind: .invalid(error), start: offset, end: offset))
                return tokens
            }
        }
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < end ? chars[position + offset] : nil
    }

    private static func error(_ message: String, _ offset: Int) -> ExpressionError {
        ExpressionError(message, column: offset + 1)
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while let ch = peek(), ch.isWhitespace { position += 1 }
        let start = position
        guard let ch = peek() else { return Token(kind: .end, start: end, end: end) }
        if ch.isASCII, ch.isLetter || ch == "_" || ch == "$" {
            while let c = peek(), c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "$" { position += 1 }
            return Token(kind: .identifier(String(chars[start..<position])), start: start, end: position)
        }
        if ch.isASCII, ch.isNumber { return try number() }
        if ch == "'" || ch == "\"" { return try string(quote: ch) }
        return try punctuation()
    }

    private mutating func number() throws(ExpressionError) -> Token {
        let start = position
        while let c = peek(), c.isASCII, c.isNumber { position += 1 }
        var isDecimal = false
        if peek() == ".", let c = peek(1), c.isASCII, c.isNumber {
            isDecimal = true
            position += 1
            while let c = peek(), c.isASCII, c.isNumber { position += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var offset = 1
            if let s = peek(1), s == "+" || s == "-" { offset = 2 }
            if let d = peek(offset), d.isASCII, d.isNumber {
                isDecimal = true
                position += offset
                while let c = peek(), c.isASCII, c.isNumber { position += 1 }
            }
        }
        if let c = peek(), c.isASCII, c.isLetter || c == "_" {
            throw Self.error("Invalid number '\(String(chars[start...position]))'", start)
        }
        let text = String(chars[start..<position])
        if isDecimal {
            guard let value = Double(text), value.isFinite else { throw Self.error("Number '\(text)' is out of range", start) }
            return Token(kind: .decimal(value), start: start, end: position)
        }
        guard let value = UInt64(text), value <= UInt64(Int64.max) + 1 else {
            throw Self.error("Integer '\(text)' is out of range", start)
        }
        return Token(kind: .integer(value), start: start, end: position)
    }

    private mutating func string(quote: Character) throws(ExpressionError) -> Token {
        let start = position
        position += 1
        var value = ""
        while true {
            guard let ch = peek() else { throw Self.error("Unterminated string starting", start) }
            position += 1
            if ch == quote { break }
            guard ch == "\\" else {
                value.append(ch)
                continue
            }
            guard let escaped = peek() else { throw Self.error("Unterminated string starting", start) }
            position += 1
            switch escaped {
            case "'", "\"", "\\": value.append(escaped)
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "b": value.append("\u{8}")
            case "f": value.append("\u{C}")
            case "0": value.append("\u{0}")
            case "u":
                guard position + 4 <= end,
                    let code = UInt32(String(chars[position..<position + 4]), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw Self.error("Invalid unicode escape", position - 2) }
                value.unicodeScalars.append(scalar)
                position += 4
            default: throw Self.error("Unknown escape '\\\(escaped)'", position - 2)
            }
        }
        return Token(kind: .string(value), start: start, end: position)
    }

    private mutating func punctuation() throws(ExpressionError) -> Token {
        let start = position
        guard let ch = peek() else { return Token(kind: .end, start: end, end: end) }
        let next = peek(1)
        let pair = next.map { String([ch, $0]) } ?? ""
        if pair == "++" || pair == "--" {
            throw Self.error("Increment and decrement ('\(pair)') are not allowed", start)
        }
        if ["+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="].contains(pair) {
            throw Self.error("Assignment ('\(pair)') is not allowed", start)
        }
        if let p = Punctuation(rawValue: pair) {
            position += 2
            return Token(kind: .punctuation(p), start: start, end: position)
        }
        switch ch {
        case "=": throw Self.error("Assignment ('=') is not allowed; compare with '=='", start)
        case ";": throw Self.error("Multiple statements (';') are not allowed", start)
        case "{", "}": throw Self.error("Blocks ('\(ch)') are not allowed", start)
        case "&", "|", "^", "~": throw Self.error("Bitwise operator '\(ch)' is not allowed; use '&&' or '||'", start)
        case "#": throw Self.error("Comments and '#' are not allowed", start)
        default: break
        }
        if let p = Punctuation(rawValue: String(ch)) {
            position += 1
            return Token(kind: .punctuation(p), start: start, end: position)
        }
        throw Self.error("Unexpected character '\(ch)'", start)
    }
}
