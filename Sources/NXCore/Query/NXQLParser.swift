import NXRuntime

/// Recursive-descent NXQL parser. Precedence: OR < AND < NOT < comparisons < `+ -` < `* /`.
///
/// Nesting is bounded: every `(`, `NOT`, function call and arithmetic operator is a level, and a query deeper than
/// `maxDepth` levels is rejected with `NXQLError.tooDeep`, so no client query can exhaust the stack here or in the
/// recursive walks over the tree (compiler, equality, deallocation). `AND`/`OR` chains are n-ary and add no depth.
public struct NXQLParser {
    /// The deepest nesting a query may have: far beyond hand-written queries, and within what SQLite's parser accepts
    /// once compiled (about 30 nested groups of `(a OR (b OR …`; the compiler puts nested groups first to need less).
    public static let maxDepth = 32

    var tokens: [NXQLToken]
    var position = 0
    /// Levels currently open.
    var depth = 0

    /// Parses a whole query.
    public static func parse(_ text: String) throws -> NXQLQuery {
        var parser = NXQLParser(tokens: try NXQLLexer.tokenize(text))
        let query = try parser.query()
        guard parser.peek.kind == .end else { throw parser.unexpected() }
        return query
    }

    /// Parses a standalone condition, what may follow `WHERE` (a quick filter clause, a page provider predicate, a fixed
    /// part), with the same nesting bound as a whole query.
    public static func parseCondition(_ text: String) throws -> NXQLExpression {
        var parser = NXQLParser(tokens: try NXQLLexer.tokenize(text))
        let condition = try parser.expression()
        guard parser.peek.kind == .end else { throw parser.unexpected() }
        return condition
    }

    var peek: NXQLToken { tokens[position] }

    mutating func advance() -> NXQLToken {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    func unexpected() -> NXQLError {
        switch peek.kind {
        case .end: return NXQLError("Syntax Error: unexpected end of query", offset: peek.offset)
        case .keyword(let k): return NXQLError("Syntax Error: unexpected \(k)", offset: peek.offset)
        case .identifier(let i): return NXQLError("Syntax Error: unexpected \(i)", offset: peek.offset)
        case .string(let s): return NXQLError("Syntax Error: unexpected '\(s)'", offset: peek.offset)
        case .integer(let i): return NXQLError("Syntax Error: unexpected \(i)", offset: peek.offset)
        case .double(let d): return NXQLError("Syntax Error: unexpected \(d)", offset: peek.offset)
        case .symbol(let s): return NXQLError("Syntax Error: unexpected \(s)", offset: peek.offset)
        }
    }

    mutating func accept(keyword: String) -> Bool {
        if peek.kind == .keyword(keyword) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func accept(symbol: String) -> Bool {
        if peek.kind == .symbol(symbol) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func expect(keyword: String) throws {
        guard accept(keyword: keyword) else { throw unexpected() }
    }

    mutating func expect(symbol: String) throws {
        guard accept(symbol: symbol) else { throw unexpected() }
    }

    /// Opens one nesting level, or throws when the query is nested too deeply; pair with `depth -= 1`.
    mutating func descend() throws {
        guard depth < Self.maxDepth else { throw NXQLError.tooDeep(offset: peek.offset) }
        depth += 1
    }

    mutating func identifier() throws -> String {
        guard case .identifier(let name) = peek.kind else { throw unexpected() }
        _ = advance()
        return name
    }

    mutating func query() throws -> NXQLQuery {
        try expect(keyword: "SELECT")
        var distinct = false
        if accept(keyword: "DISTINCT") { distinct = true } else { _ = accept(keyword: "ALL") }
        var select: [NXQLOperand] = []
        if !accept(symbol: "*") {
            repeat {
                select.append(try operand())
                if accept(keyword: "AS") { _ = try identifier() }
            } while accept(symbol: ",")
        }
        try expect(keyword: "FROM")
        if !accept(keyword: "TYPE") { _ = accept(keyword: "LOCATION") }
        var types: [String] = []
        repeat { types.append(try identifier()) } while accept(symbol: ",")
        var whereClause: NXQLExpression?
        if accept(keyword: "WHERE") { whereClause = try expression() }
        var orderBy: [NXQLOrder] = []
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat {
                let key = try operand()
                var ascending = true
                if accept(keyword: "DESC") { ascending = false } else { _ = accept(keyword: "ASC") }
                orderBy.append(NXQLOrder(operand: key, ascending: ascending))
            } while accept(symbol: ",")
        }
        var limit: Int?, offset: Int?
        if accept(keyword: "LIMIT") {
            limit = try integer()
            if accept(keyword: "OFFSET") { offset = try integer() }
        }
        return NXQLQuery(select: select, distinct: distinct, types: types, whereClause: whereClause, orderBy: orderBy, limit: limit, offset: offset)
    }

    mutating func integer() throws -> Int {
        guard case .integer(let i) = peek.kind else { throw unexpected() }
        _ = advance()
        return Int(i)
    }

    mutating func expression() throws -> NXQLExpression {
        var terms = [try conjunction()]
        while accept(keyword: "OR") { terms.append(try conjunction()) }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    mutating func conjunction() throws -> NXQLExpression {
        var terms = [try negation()]
        while accept(keyword: "AND") { terms.append(try negation()) }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    mutating func negation() throws -> NXQLExpression {
        if peek.kind == .keyword("NOT") {
            try descend()
            defer { depth -= 1 }
            _ = advance()
            return .not(try negation())
        }
        if peek.kind == .symbol("(") {
            try descend()
            defer { depth -= 1 }
            _ = advance()
            let inner = try expression()
            try expect(symbol: ")")
            return inner
        }
        return try predicate()
    }

    mutating func predicate() throws -> NXQLExpression {
        let left = try operand()
        if case .symbol(let op) = peek.kind, ["=", "<>", "!=", "<", "<=", ">", ">="].contains(op) {
            _ = advance()
            return .compare(left, op, try operand())
        }
        if accept(keyword: "STARTSWITH") { return .startsWith(left, try stringLiteral()) }
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            try expect(keyword: "NULL")
            return .isNull(left, negated: negated)
        }
        let negated = accept(keyword: "NOT")
        if accept(keyword: "IN") {
            try expect(symbol: "(")
            var values: [NXQLLiteral] = []
            repeat { values.append(try literal()) } while accept(symbol: ",")
            try expect(symbol: ")")
            return .in(left, values, negated: negated)
        }
        if accept(keyword: "BETWEEN") {
            let low = try literal()
            try expect(keyword: "AND")
            return .between(left, low, try literal(), negated: negated)
        }
        if accept(keyword: "LIKE") { return .like(left, try stringLiteral(), negated: negated, caseInsensitive: false) }
        if accept(keyword: "ILIKE") { return .like(left, try stringLiteral(), negated: negated, caseInsensitive: true) }
        throw unexpected()
    }

    mutating func stringLiteral() throws -> String {
        guard case .string(let s) = peek.kind else { throw unexpected() }
        _ = advance()
        return s
    }

    mutating func literal() throws -> NXQLLiteral {
        guard case .literal(let value) = try factor() else { throw NXQLError("Syntax Error: a literal is expected", offset: peek.offset) }
        return value
    }

    /// `a + b - c`: a left-deep tree, so each operator of the chain is a level.
    mutating func operand() throws -> NXQLOperand {
        var left = try term()
        var levels = 0
        defer { depth -= levels }
        while case .symbol(let op) = peek.kind, op == "+" || op == "-" {
            try descend()
            levels += 1
            _ = advance()
            left = .arithmetic(op, left, try term())
        }
        return left
    }

    mutating func term() throws -> NXQLOperand {
        var left = try factor()
        var levels = 0
        defer { depth -= levels }
        while case .symbol(let op) = peek.kind, op == "*" || op == "/" {
            try descend()
            levels += 1
            _ = advance()
            left = .arithmetic(op, left, try factor())
        }
        return left
    }

    mutating func factor() throws -> NXQLOperand {
        let token = peek
        switch token.kind {
        case .string(let s):
            _ = advance()
            return .literal(.string(s))
        case .integer(let i):
            _ = advance()
            return .literal(.integer(i))
        case .double(let d):
            _ = advance()
            return .literal(.double(d))
        case .symbol("-"):
            _ = advance()
            switch peek.kind {
            case .integer(let i):
                _ = advance()
                return .literal(.integer(-i))
            case .double(let d):
                _ = advance()
                return .literal(.double(-d))
            default: throw unexpected()
            }
        case .keyword("DATE"):
            _ = advance()
            if peek.kind == .symbol("(") {
                try descend()
                defer { depth -= 1 }
                _ = advance()
                let inner = try operand()
                try expect(symbol: ")")
                return .function("DATE", [inner])
            }
            let text = try stringLiteral()
            guard text.count == 10, let millis = NXDate.parse(text) else {
                throw NXQLError("Syntax Error: invalid DATE literal '\(text)', expected yyyy-MM-dd", offset: token.offset)
            }
            return .literal(.date(millis))
        case .keyword("TIMESTAMP"):
            _ = advance()
            let text = try stringLiteral()
            guard text.count > 10, let millis = NXDate.parse(text) else {
                throw NXQLError("Syntax Error: invalid TIMESTAMP literal '\(text)'", offset: token.offset)
            }
            return .literal(.timestamp(millis))
        case .identifier(let name):
            _ = advance()
            if peek.kind == .symbol("(") {
                try descend()
                defer { depth -= 1 }
                _ = advance()
                var args: [NXQLOperand] = []
                if !accept(symbol: ")") {
                    repeat { args.append(try operand()) } while accept(symbol: ",")
                    try expect(symbol: ")")
                }
                return .function(name.uppercased(), args)
            }
            return .property(name)
        default:
            throw unexpected()
        }
    }
}
