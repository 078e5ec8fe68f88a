/// Compiled SQL with what it costs SQLite to parse: the parser-stack entries it holds at its deepest point and the height
/// of its expression tree. SQLite as shipped fails beyond 100 parser-stack entries ("parser stack overflow", about 30
/// nested `(a OR (b OR …` levels) and beyond an expression height of 1000, so the compiler shapes its SQL to need little
/// of either and refuses a query whose SQL would still exceed `SQLNesting` budgets.
struct NestedSQL {
    var fragment: SQLFragment
    /// Parser-stack entries held while parsing the deepest point of `fragment`.
    var stack: Int
    /// Height of the expression tree of `fragment`.
    var height: Int
    /// Whether `fragment` is one parenthesised group or a `NOT`, so `NOT` can precede it without parentheses.
    var isGroup: Bool

    /// An atomic predicate, costed by its operands (see `NXQLOperand.parseCost`).
    static func atom(_ fragment: SQLFragment, of predicate: NXQLExpression) -> NestedSQL {
        NestedSQL(fragment: fragment, stack: SQLNesting.atomStack + predicate.operandParseCost, height: SQLNesting.atomHeight + predicate.operandDepth,
                  isGroup: false)
    }

    /// `NOT x`: one level.
    static func not(_ inner: NestedSQL) -> NestedSQL {
        if inner.isGroup {
            return NestedSQL(fragment: SQLFragment("NOT ") + inner.fragment, stack: inner.stack + 1, height: inner.height + 1, isGroup: true)
        }
        return NestedSQL(fragment: SQLFragment("NOT (") + inner.fragment + SQLFragment(")"), stack: inner.stack + 2, height: inner.height + 1,
                         isGroup: true)
    }
}

/// How compiled SQL is kept within SQLite's parser limits.
enum SQLNesting {
    /// Parser-stack entries a predicate may use: SQLite has 100, the enclosing statement and ACL filter take the rest.
    static let stackBudget = 80
    /// Expression height a predicate may reach, of SQLite's 1000.
    static let heightBudget = 900
    /// Conservative cost of the deepest atom (an `EXISTS (SELECT … WHERE …)` over list elements, function calls).
    static let atomStack = 16
    static let atomHeight = 8
    /// Terms per flat run of a chain: a run costs the parser nothing per term but adds one to the height per term.
    static let run = 8

    /// `parts` joined by an associative, commutative `separator` (` AND `, ` OR `): the most deeply nested parts first
    /// (a part at the start of a run costs one stack entry, elsewhere three), in flat runs of `run` terms combined as
    /// a balanced tree, so a chain of n terms adds about log2(n / run) levels and nothing more.
    /// `parts` must not be empty.
    static func chain(_ parts: [NestedSQL], separator: String) -> NestedSQL {
        precondition(!parts.isEmpty, "a chain of no parts")
        if parts.count == 1, let only = parts.first { return only }
        let ordered = parts.enumerated().sorted { ($0.element.stack, $1.offset) > ($1.element.stack, $0.offset) }.map(\.element)
        var runs: [NestedSQL] = []
        runs.reserveCapacity(ordered.count / run + 1)
        var start = 0
        while start < ordered.count {
            runs.append(flat(ordered[start..<min(start + run, ordered.count)], separator: separator))
            start += run
        }
        return balanced(runs[...], separator: separator)
    }

    /// `(a SEP b SEP c)`, left-associative: the first term holds one entry (the parenthesis), the others three.
    private static func flat(_ parts: ArraySlice<NestedSQL>, separator: String) -> NestedSQL {
        if parts.count == 1, let only = parts.first { return only }
        var sql = "("
        var arguments: [SQLValue] = []
        var stack = 0, height = 0
        for (i, part) in parts.enumerated() {
            if i > 0 { sql += separator }
            sql += part.fragment.sql
            arguments += part.fragment.arguments
            stack = max(stack, part.stack + (i == 0 ? 1 : 3))
            height = max(height, part.height)
        }
        sql += ")"
        return NestedSQL(fragment: SQLFragment(sql, arguments), stack: stack, height: height + parts.count - 1, isGroup: true)
    }

    private static func balanced(_ parts: ArraySlice<NestedSQL>, separator: String) -> NestedSQL {
        if parts.count == 1, let only = parts.first { return only }
        let middle = parts.startIndex + parts.count / 2
        let left = balanced(parts[..<middle], separator: separator), right = balanced(parts[middle...], separator: separator)
        var sql = "("
        sql.reserveCapacity(left.fragment.sql.utf8.count + right.fragment.sql.utf8.count + separator.utf8.count + 2)
        sql += left.fragment.sql
        sql += separator
        sql += right.fragment.sql
        sql += ")"
        return NestedSQL(fragment: SQLFragment(sql, left.fragment.arguments + right.fragment.arguments),
                         stack: max(left.stack + 1, right.stack + 3), height: max(left.height, right.height) + 1, isGroup: true)
    }
}
