/// A parsed NXQL query.
public struct NXQLQuery: Sendable, Equatable {
    /// Selected operands; empty means `*`.
    public var select: [NXQLOperand]
    /// `SELECT DISTINCT`.
    public var distinct: Bool
    /// Types of `FROM` (each includes its subtypes).
    public var types: [String]
    /// The `WHERE` predicate.
    public var whereClause: NXQLExpression?
    /// `ORDER BY` keys.
    public var orderBy: [NXQLOrder]
    /// `LIMIT`.
    public var limit: Int?
    /// `OFFSET`.
    public var offset: Int?
}

/// One `ORDER BY` key.
public struct NXQLOrder: Sendable, Equatable {
    public var operand: NXQLOperand
    public var ascending: Bool
}

/// A literal value.
public enum NXQLLiteral: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case double(Double)
    /// `DATE 'yyyy-MM-dd'`, as ms since 1970 (UTC midnight).
    case date(Int64)
    /// `TIMESTAMP '…'`, as ms since 1970.
    case timestamp(Int64)
}

/// An operand: a property reference, a literal, a function call or arithmetic.
public indirect enum NXQLOperand: Sendable, Equatable {
    case property(String)
    case literal(NXQLLiteral)
    case function(String, [NXQLOperand])
    case arithmetic(String, NXQLOperand, NXQLOperand)
}

/// A predicate. `AND` and `OR` chains are n-ary, so a long flat chain is a wide node, not a deep tree.
public indirect enum NXQLExpression: Sendable, Equatable {
    /// Two or more predicates, all true.
    case and([NXQLExpression])
    /// Two or more predicates, one true.
    case or([NXQLExpression])
    case not(NXQLExpression)
    /// `= <> != < <= > >=`.
    case compare(NXQLOperand, String, NXQLOperand)
    /// `[NOT] IN (…)`.
    case `in`(NXQLOperand, [NXQLLiteral], negated: Bool)
    /// `[NOT] BETWEEN a AND b`.
    case between(NXQLOperand, NXQLLiteral, NXQLLiteral, negated: Bool)
    /// `[NOT] LIKE` / `[NOT] ILIKE`.
    case like(NXQLOperand, String, negated: Bool, caseInsensitive: Bool)
    /// `IS [NOT] NULL`.
    case isNull(NXQLOperand, negated: Bool)
    /// `STARTSWITH`.
    case startsWith(NXQLOperand, String)
}

/// A query error with the offset where it was found.
public struct NXQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { offset.map { "\(message) at offset \($0)" } ?? message }

    /// The query's SQL would nest beyond what the database's parser accepts (a huge query with many nested chains).
    public static let tooComplex = NXQLError("Syntax Error: query too complex, its SQL would nest beyond the database's parser limits")

    /// The query has more than `NXQLCompiler.maxPredicates` predicates.
    public static let tooManyPredicates = NXQLError("Syntax Error: query too large, the limit is \(NXQLCompiler.maxPredicates) predicates")

    /// The query binds more than `NXQLCompiler.maxValues` values.
    public static let tooManyValues = NXQLError("Syntax Error: query too large, the limit is \(NXQLCompiler.maxValues) values")

    /// The query nests deeper than `NXQLParser.maxDepth` (parentheses, `NOT`, function calls, operators).
    public static func tooDeep(offset: Int?) -> NXQLError {
        NXQLError("Syntax Error: query nested too deeply, the limit is \(NXQLParser.maxDepth) levels of parentheses, NOT, functions and operators",
                  offset: offset)
    }
}
