/// Primaries: literals, parentheses, list literals, roots, and the reserved words refused with a reason.
extension Parser {
    mutating func primary() throws(ExpressionError) -> Node {
        let token = current
        switch token.kind {
        case .integer(let magnitude):
            advance()
            guard magnitude <= UInt64(Int64.max) else {
                throw ExpressionError("Integer '\(magnitude)' is out of range", column: token.column)
            }
            return Node(form: .literal(.int(Int64(magnitude))), start: token.start, end: token.end, type: .int)
        case .decimal(let value):
            advance()
            return Node(form: .literal(.double(value)), start: token.start, end: token.end, type: .double)
        case .string(let value):
            advance()
            return Node(form: .literal(.string(value)), start: token.start, end: token.end, type: .string)
        case .identifier(let name):
            advance()
            return try identifier(name, token)
        case .punctuation(.leftParen):
            advance()
            var inner = try conditional()
            let close = try expect(.rightParen, "to close '(' at column \(token.column)")
            inner.start = token.start
            inner.end = close.end
            return inner
        case .punctuation(.leftBracket):
            advance()
            return try list(token)
        default:
            throw unexpected()
        }
    }

    mutating func list(_ open: Token) throws(ExpressionError) -> Node {
        var elements: [Node] = []
        if isPunctuation(.rightBracket) {
            return Node(form: .list([]), start: open.start, end: advance().end, type: .list)
        }
        while true {
            guard elements.count < limits.maxListLiteralElements else {
                throw ExpressionError(
                    "List literal has more than \(limits.maxListLiteralElements) elements", column: current.column)
            }
            elements.append(try conditional())
            if match(.comma) { continue }
            let close = try expect(.rightBracket, "to close the list at column \(open.column)")
            return Node(form: .list(elements), start: open.start, end: close.end, type: .list)
        }
    }

    mutating func identifier(_ name: String, _ token: Token) throws(ExpressionError) -> Node {
        switch name {
        case "true", "false":
            return Node(form: .literal(.bool(name == "true")), start: token.start, end: token.end, type: .bool)
        case "null", "nil":
            return Node(form: .literal(.null), start: token.start, end: token.end, type: .null)
        case "empty":
            throw ExpressionError("'empty' can only be compared with '==' or '!='", column: token.column)
        default:
            break
        }
        if let message = Self.reserved[name] {
            throw ExpressionError(message, column: token.column)
        }
        if NXExpression.knownRoots.contains(name) {
            roots.insert(name)
        } else if unknownRoot == nil {
            unknownRoot = ExpressionError("Unknown variable '\(name)'", column: token.column)
        }
        return Node(form: .root(name), start: token.start, end: token.end, type: name == "CurrentDate" ? .date : .unknown)
    }

    /// Words of MVEL (or Java) outside the subset, with the reason they are refused.
    static let reserved: [String: String] = {
        var words: [String: String] = [:]
        words["new"] = "Creating objects ('new') is not allowed"
        for word in ["def", "function"] { words[word] = "Function definitions ('\(word)') are not allowed" }
        for word in ["for", "foreach", "while", "do", "until"] { words[word] = "Loops ('\(word)') are not allowed" }
        for word in ["if", "else", "switch", "case"] {
            words[word] = "Statements ('\(word)') are not allowed; use 'condition ? a : b'"
        }
        for word in ["return", "import", "var", "with", "assert", "throw", "try", "catch", "isdef", "instanceof", "this", "class"] {
            words[word] = "'\(word)' is not allowed"
        }
        return words
    }()
}
