/// A node of a parsed expression, located by character offsets in the source (`end` exclusive).
struct Node: Sendable {
    indirect enum Form: Sendable {
        case literal(ExpressionValue)
        case list([Node])
        /// A root identifier (`Context`, `CurrentDate`…).
        case root(String)
        /// A primary followed by member accesses, indexes and method calls, applied left to right.
        case path(Node, [PathStep])
        case unary(UnaryOperator, Node)
        /// Operands of one precedence level, folded left to right (no deep tree for long chains).
        case chain(Node, [ChainLink])
        case conditional(Node, Node, Node)
    }

    var form: Form
    var start: Int
    var end: Int
    /// What static checks know of the value (built-in receivers are checked at parse time).
    var type: StaticType

    var column: Int { start + 1 }
}

/// One operator and right operand of a chain, with the operator's offset.
struct ChainLink: Sendable {
    var op: ChainOperator
    var operand: Node
    /// Where the operator is (0-based offset).
    var start: Int
}

/// One step of a path: `.name`, `[key]` or `.name(arguments)`, with the offsets of the whole path so far.
struct PathStep: Sendable {
    enum Form: Sendable {
        case member(String)
        case index(Node)
        case call(String, [Node])
    }

    var form: Form
    /// Where the step's name or `[` is (0-based offset).
    var start: Int
    /// End of the path up to and including this step.
    var end: Int
}

enum UnaryOperator: String, Sendable {
    case not = "!", negate = "-"
}

/// A binary operator at some precedence level; `isEmpty`/`isNotEmpty` are `== empty` / `!= empty`
/// (their operand is ignored).
enum ChainOperator: String, Sendable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!=", isEmpty = "== empty", isNotEmpty = "!= empty"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", remainder = "%"
}

/// The statically known kind of a node's value; `unknown` for host values (checked at run time).
enum StaticType: Sendable, Equatable {
    case null, bool, int, double, string, date, list, unknown

    /// With its article, for messages.
    var name: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a decimal"
        case .string: return "a string"
        case .date: return "a date"
        case .list: return "a list"
        case .unknown: return "a value"
        }
    }
}
