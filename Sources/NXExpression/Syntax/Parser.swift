/// Recursive-descent parser of the MVEL subset, with MVEL precedence (loosest first):
/// `c ? a : b`, `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* / %`, unary `! -`, then paths
/// (`.member`, `[key]`, `.method(args)`) on primaries (literals, `( )`, `[list]`, roots).
///
/// Recursion is bounded by ``ExpressionLimits/maxDepth``; long chains of one precedence level and long paths
/// are kept flat (``Node/Form/chain(_:_:)``, ``Node/Form/path(_:_:)``) so evaluation needs no deep recursion either.
struct Parser {
    let tokens: [Token]
    var index = 0
    var depth = 0
    let limits: ExpressionLimits
    /// Root identifiers met so far.
    var roots: Set<String> = []
    /// The first unknown root: reported after the syntax is checked, so that `x = 1` reports the assignment.
    var unknownRoot: ExpressionError?

    /// The expression in `chars[start..<end]` and the roots it references.
    static func parse(_ chars: [Character], from start: Int, to end: Int, limits: ExpressionLimits)
        throws(ExpressionError) -> (Node, Set<String>)
    {
        let tokens = Lexer.tokenize(chars, from: start, to: end)
        var parser = Parser(tokens: tokens, limits: limits)
        guard parser.current.kind != .end else { throw ExpressionError("Empty expression", column: start + 1) }
        let node = try parser.conditional()
        guard parser.current.kind == .end else { throw parser.unexpected() }
        if let unknownRoot = parser.unknownRoot { throw unknownRoot }
        return (node, parser.roots)
    }

    init(tokens: [Token], limits: ExpressionLimits) {
        self.tokens = tokens
        self.limits = limits
    }

    // MARK: Tokens

    var current: Token { tokens[index] }

    func peek(_ offset: Int) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isPunctuation(_ p: Punctuation, _ token: Token? = nil) -> Bool {
        (token ?? current).kind == .punctuation(p)
    }

    mutating func match(_ p: Punctuation) -> Bool {
        guard isPunctuation(p) else { return false }
        advance()
        return true
    }

    mutating func expect(_ p: Punctuation, _ context: String) throws(ExpressionError) -> Token {
        guard isPunctuation(p) else {
            if case .invalid(let error) = current.kind { throw error }
            throw ExpressionError("Expected '\(p.rawValue)' \(context), found \(current.display)", column: current.column)
        }
        return advance()
    }

    func unexpected() -> ExpressionError {
        if case .invalid(let error) = current.kind { return error }
        var message = "Unexpected \(current.display)"
        if case .identifier(let name) = current.kind, name == "and" || name == "or" {
            message += "; use '\(name == "and" ? "&&" : "||")'"
        }
        return ExpressionError(message, column: current.column)
    }

    mutating func enter() throws(ExpressionError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            throw ExpressionError("Expression is nested too deeply (more than \(limits.maxDepth) levels)", column: current.column)
        }
    }

    // MARK: Operators

    mutating func conditional() throws(ExpressionError) -> Node {
        try enter()
        defer { depth -= 1 }
        let condition = try chain(0)
        guard match(.question) else { return condition }
        let whenTrue = try conditional()
        _ = try expect(.colon, "in 'condition ? a : b'")
        let whenFalse = try conditional()
        return Node(
            form: .conditional(condition, whenTrue, whenFalse), start: condition.start, end: whenFalse.end,
            type: whenTrue.type == whenFalse.type ? whenTrue.type : .unknown)
    }

    static let levels: [[Punctuation: ChainOperator]] = [
        [.or: .or],
        [.and: .and],
        [.equal: .equal, .notEqual: .notEqual],
        [.less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual],
        [.plus: .add, .minus: .subtract],
        [.star: .multiply, .slash: .divide, .percent: .remainder],
    ]
    static let equalityLevel = 2

    func chainOperator(_ level: Int) -> ChainOperator? {
        guard case .punctuation(let p) = current.kind else { return nil }
        return Self.levels[level][p]
    }

    /// Operands of one precedence level; `empty` is accepted only as an operand of `==`/`!=`.
    mutating func chain(_ level: Int) throws(ExpressionError) -> Node {
        guard level < Self.levels.count else { return try unary() }
        let isEquality = level == Self.equalityLevel
        var emptyFirst: Token?
        var first: Node
        if isEquality, atEmptyOperand() {
            emptyFirst = advance()
            first = Node(form: .literal(.null), start: current.start, end: current.start, type: .null)
        } else {
            first = try chain(level + 1)
        }
        let chainStart = emptyFirst?.start ?? first.start
        var rest: [ChainLink] = []
        var type = first.type
        while let op = chainOperator(level) {
            let opToken = advance()
            if isEquality, atEmptyOperand() {
                let emptyToken = advance()
                guard emptyFirst == nil || !rest.isEmpty else {
                    throw ExpressionError("Compare a value with 'empty', not 'empty' itself", column: emptyToken.column)
                }
                let placeholder = Node(form: .literal(.null), start: emptyToken.start, end: emptyToken.end, type: .null)
                rest.append(ChainLink(op: op == .equal ? .isEmpty : .isNotEmpty, operand: placeholder, start: opToken.start))
                type = .bool
                continue
            }
            let operand = try chain(level + 1)
            if emptyFirst != nil, rest.isEmpty {
                first = operand
                rest.append(ChainLink(op: op == .equal ? .isEmpty : .isNotEmpty, operand: operand, start: opToken.start))
                emptyFirst = nil
                type = .bool
                continue
            }
            try Self.checkOperands(op, type, operand.type, at: opToken)
            rest.append(ChainLink(op: op, operand: operand, start: opToken.start))
            type = Self.resultType(op, type, operand.type)
        }
        if let emptyToken = emptyFirst {
            throw ExpressionError("'empty' can only be compared with '==' or '!='", column: emptyToken.column)
        }
        guard let last = rest.last else { return first }
        return Node(form: .chain(first, rest), start: chainStart, end: last.operand.end, type: type)
    }

    /// Whether the current token is `empty` used as a whole operand of `==`/`!=`.
    func atEmptyOperand() -> Bool {
        guard case .identifier("empty") = current.kind else { return false }
        switch peek(1).kind {
        case .end: return true
        case .punctuation(let p): return [.rightParen, .rightBracket, .comma, .question, .colon, .and, .or, .equal, .notEqual].contains(p)
        default: return false
        }
    }

    static func isArithmetic(_ op: ChainOperator) -> Bool {
        [.subtract, .multiply, .divide, .remainder].contains(op)
    }

    /// Static type errors: arithmetic other than `+` on values that are surely not numbers.
    static func checkOperands(_ op: ChainOperator, _ lhs: StaticType, _ rhs: StaticType, at token: Token) throws(ExpressionError) {
        guard isArithmetic(op) else { return }
        for type in [lhs, rhs] where ![.int, .double, .unknown].contains(type) {
            throw ExpressionError("Operator '\(op.rawValue)' cannot be applied to \(type.name)", column: token.column)
        }
    }

    static func resultType(_ op: ChainOperator, _ lhs: StaticType, _ rhs: StaticType) -> StaticType {
        switch op {
        case .add where lhs == .string || rhs == .string: return .string
        case .add, .subtract, .multiply, .divide, .remainder:
            if lhs == .int, rhs == .int { return .int }
            if [.int, .double].contains(lhs), [.int, .double].contains(rhs) { return .double }
            return .unknown
        default: return .bool
        }
    }

    mutating func unary() throws(ExpressionError) -> Node {
        guard case .punctuation(let p) = current.kind, p == .bang || p == .minus else { return try path() }
        try enter()
        defer { depth -= 1 }
        let opToken = advance()
        if p == .minus, case .integer(let magnitude) = current.kind, !isPunctuation(.dot, peek(1)), !isPunctuation(.leftBracket, peek(1)) {
            let literal = advance()
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            return Node(form: .literal(.int(value)), start: opToken.start, end: literal.end, type: .int)
        }
        let operand = try unary()
        if p == .minus, ![.int, .double, .unknown].contains(operand.type) {
            throw ExpressionError("Operator '-' cannot be applied to \(operand.type.name)", column: opToken.column)
        }
        let type: StaticType = p == .bang ? .bool : operand.type
        return Node(form: .unary(p == .bang ? .not : .negate, operand), start: opToken.start, end: operand.end, type: type)
    }
}
