/// Walks a parsed expression in an environment, counting steps and the bytes of the strings it produces.
///
/// Recursion follows the parser's nesting (bounded by ``ExpressionLimits/maxDepth``); chains and paths are loops.
struct Evaluator<Environment: ExpressionEnvironment> {
    let environment: Environment
    let limits: ExpressionLimits
    let source: String
    private var steps = 0
    private var producedBytes = 0
    private var now: ExpressionDate?

    init(environment: Environment, limits: ExpressionLimits, source: String) {
        self.environment = environment
        self.limits = limits
        self.source = source
    }

    mutating func evaluate(_ node: Node) throws(ExpressionError) -> ExpressionValue {
        try step(at: node.column)
        switch node.form {
        case .literal(let value):
            return value
        case .list(let elements):
            var values: [ExpressionValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .root(let name):
            return try root(name, node)
        case .path(let base, let pathSteps):
            var value = try evaluate(base)
            var end = base.end
            for pathStep in pathSteps {
                try step(at: pathStep.start + 1)
                value = try apply(pathStep, to: value, receiver: (node.start, end))
                end = pathStep.end
            }
            return value
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            switch op {
            case .not: return .bool(!value.truthy)
            case .negate:
                do {
                    return try Operators.negate(value)
                } catch {
                    throw ExpressionError("\(error.message) in '\(fragment(node.start, node.end))'", column: node.column)
                }
            }
        case .chain(let first, let links):
            return try chain(first, links, node)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try evaluate(condition).truthy ? evaluate(whenTrue) : evaluate(whenFalse)
        }
    }

    private mutating func chain(_ first: Node, _ links: [ChainLink], _ node: Node) throws(ExpressionError) -> ExpressionValue {
        var value = try evaluate(first)
        for link in links {
            switch link.op {
            case .and:
                value = .bool(value.truthy ? try evaluate(link.operand).truthy : false)
            case .or:
                value = .bool(value.truthy ? true : try evaluate(link.operand).truthy)
            case .isEmpty:
                value = .bool(value.isEmptyValue)
            case .isNotEmpty:
                value = .bool(!value.isEmptyValue)
            default:
                let rhs = try evaluate(link.operand)
                do {
                    value = try binary(link.op, value, rhs)
                } catch {
                    let message = "\(error.message) in '\(fragment(node.start, link.operand.end))'"
                    throw ExpressionError(message, column: link.start + 1)
                }
            }
        }
        return value
    }

    private mutating func binary(_ op: ChainOperator, _ lhs: ExpressionValue, _ rhs: ExpressionValue) throws(ExpressionError)
        -> ExpressionValue
    {
        switch op {
        case .add:
            if case .string = lhs { return .string(try produce(lhs.javaText + rhs.javaText)) }
            if case .string = rhs { return .string(try produce(lhs.javaText + rhs.javaText)) }
            return try Operators.arithmetic(op, lhs, rhs)
        case .subtract, .multiply, .divide, .remainder:
            return try Operators.arithmetic(op, lhs, rhs)
        case .equal: return .bool(Operators.looselyEqual(lhs, rhs))
        case .notEqual: return .bool(!Operators.looselyEqual(lhs, rhs))
        case .less: return .bool(try Operators.compare(lhs, rhs) < 0)
        case .lessEqual: return .bool(try Operators.compare(lhs, rhs) <= 0)
        case .greater: return .bool(try Operators.compare(lhs, rhs) > 0)
        case .greaterEqual: return .bool(try Operators.compare(lhs, rhs) >= 0)
        case .and, .or, .isEmpty, .isNotEmpty: return .null  // handled by chain
        }
    }

    // MARK: Roots and paths

    private mutating func root(_ name: String, _ node: Node) throws(ExpressionError) -> ExpressionValue {
        if name == "CurrentDate" {
            if let now { return .date(now) }
            let value = environment.now
            now = value
            return .date(value)
        }
        guard let value = environment.root(name) else {
            throw ExpressionError("Unknown variable '\(name)'", column: node.column)
        }
        return value
    }

    private mutating func apply(_ pathStep: PathStep, to value: ExpressionValue, receiver: (start: Int, end: Int))
        throws(ExpressionError) -> ExpressionValue
    {
        let column = pathStep.start + 1
        let result: ExpressionValue
        switch pathStep.form {
        case .member(let name):
            if case .null = value {
                throw ExpressionError("Cannot read '\(name)' of null '\(fragment(receiver.start, receiver.end))'", column: column)
            }
            do {
                result = try BuiltInMethods.member(name, of: value)
            } catch {
                throw error.located(at: column)
            }
        case .index(let keyNode):
            let key = try evaluate(keyNode)
            if case .null = value {
                throw ExpressionError("Cannot index null '\(fragment(receiver.start, receiver.end))'", column: column)
            }
            do {
                result = try BuiltInMethods.index(value, key)
            } catch {
                throw error.located(at: column)
            }
        case .call(let name, let argumentNodes):
            var arguments: [ExpressionValue] = []
            arguments.reserveCapacity(argumentNodes.count)
            for argument in argumentNodes { arguments.append(try evaluate(argument)) }
            if case .null = value {
                throw ExpressionError("Cannot call '\(name)' on null '\(fragment(receiver.start, receiver.end))'", column: column)
            }
            do {
                result = try BuiltInMethods.call(name, arguments, on: value, limits: limits)
            } catch {
                throw error.located(at: column)
            }
            if case .object = value { return result }  // hosts bound their own results
            if case .string(let text) = result { return .string(try produce(text, at: column)) }
        }
        return result
    }

    // MARK: Bounds

    private mutating func step(at column: Int) throws(ExpressionError) {
        steps += 1
        guard steps <= limits.maxSteps else {
            throw ExpressionError("Evaluation exceeded \(limits.maxSteps) steps", column: column)
        }
    }

    /// Checks a string an operation produced against the length bound and the evaluation's total.
    private mutating func produce(_ text: String, at column: Int = 0) throws(ExpressionError) -> String {
        try checkLength(text, at: column)
        producedBytes += text.utf8.count
        guard producedBytes <= limits.maxProducedBytes else {
            throw ExpressionError("Evaluation produced more than \(limits.maxProducedBytes) bytes of strings", column: column)
        }
        return text
    }

    /// Checks a string against ``ExpressionLimits/maxStringBytes``.
    func checkLength(_ text: String, at column: Int) throws(ExpressionError) {
        guard text.utf8.count <= limits.maxStringBytes else {
            throw ExpressionError("String longer than \(limits.maxStringBytes) bytes", column: column)
        }
    }

    /// The source text between two offsets, for messages (shortened when long).
    private func fragment(_ start: Int, _ end: Int) -> String {
        let chars = Array(source)
        let lower = max(0, min(start, chars.count))
        let upper = max(lower, min(end, chars.count))
        let text = String(chars[lower..<upper])
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
