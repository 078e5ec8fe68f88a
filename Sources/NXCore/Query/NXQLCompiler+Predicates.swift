import NXRuntime

extension NXQLCompiler {
    /// A compiled atomic predicate: plain SQL, or a condition on the elements of a JSON array (grouped by correlation).
    enum Atom {
        case plain(SQLFragment)
        case elements(arrayPath: String, condition: SQLFragment, negated: Bool, correlation: String?)
    }

    /// The SQL of a predicate, shaped to stay within SQLite's parser limits (see `NestedSQL`). The recursion follows the
    /// tree, whose nesting the parser bounds (`NXQLParser.maxDepth`); chains are n-ary and compile to balanced SQL.
    mutating func expression(_ expression: NXQLExpression) throws -> NestedSQL {
        switch expression {
        case .or:
            var terms: [NXQLExpression] = []
            flatten(expression, into: &terms)
            var parts: [NestedSQL] = []
            parts.reserveCapacity(terms.count)
            for term in terms { parts.append(try self.expression(term)) }
            return SQLNesting.chain(parts, separator: " OR ")
        case .not(let inner):
            return NestedSQL.not(try self.expression(inner))
        case .and:
            var terms: [NXQLExpression] = []
            flatten(expression, into: &terms)
            return try conjunction(terms)
        default:
            return NestedSQL.atom(render(try atom(expression)), of: expression)
        }
    }

    /// The terms of nested chains of the same operator (`a AND (b AND c)`, `(a OR b) OR c`), in order.
    func flatten(_ expression: NXQLExpression, into parts: inout [NXQLExpression]) {
        switch expression {
        case .and(let terms):
            for term in terms {
                if case .and = term { flatten(term, into: &parts) } else { parts.append(term) }
            }
        case .or(let terms):
            for term in terms {
                if case .or = term { flatten(term, into: &parts) } else { parts.append(term) }
            }
        default:
            parts.append(expression)
        }
    }

    /// ANDed predicates; those on the same correlated wildcard (`/*1`) test one and the same element.
    mutating func conjunction(_ parts: [NXQLExpression]) throws -> NestedSQL {
        var rendered: [NestedSQL] = []
        // Per correlation: the array, the conditions (mutated in place: no copy per predicate) and the slot in `rendered`.
        var groups: [String: (arrayPath: String, index: Int)] = [:]
        var conditions: [String: [NestedSQL]] = [:]
        for part in parts {
            let compiled: Atom
            switch part {
            case .or, .not, .and:
                rendered.append(try expression(part))
                continue
            default: compiled = try atom(part)
            }
            if case .elements(let arrayPath, let condition, false, let correlation?) = compiled {
                let nested = NestedSQL.atom(condition, of: part)
                if groups[correlation] == nil {
                    groups[correlation] = (arrayPath, rendered.count)
                    rendered.append(nested)
                }
                conditions[correlation, default: []].append(nested)
                continue
            }
            rendered.append(NestedSQL.atom(render(compiled), of: part))
        }
        for (correlation, group) in groups.sorted(by: { $0.value.index < $1.value.index }) {
            let joined = SQLNesting.chain(conditions[correlation] ?? [], separator: " AND ")
            let exists = render(.elements(arrayPath: group.arrayPath, condition: joined.fragment, negated: false, correlation: nil))
            rendered[group.index] = NestedSQL(fragment: exists, stack: joined.stack + SQLNesting.atomStack, height: joined.height + SQLNesting.atomHeight,
                                              isGroup: false)
        }
        return SQLNesting.chain(rendered, separator: " AND ")
    }

    mutating func render(_ atom: Atom) -> SQLFragment {
        switch atom {
        case .plain(let fragment): return fragment
        case .elements(let arrayPath, let condition, let negated, _):
            let alias = "e\(aliasCounter)"
            aliasCounter += 1
            let sql = condition.sql.replacingOccurrences(of: "§", with: alias)
            let head = (negated ? "NOT " : "") + "EXISTS (SELECT 1 FROM \(dialect.jsonElements(arrayPath, alias: alias)) WHERE "
            return SQLFragment(head + sql + ")", condition.arguments)
        }
    }

    /// The SQL value expression of an element (`§` is replaced by the iteration alias).
    func elementValue(_ elementPath: [String]) -> String {
        dialect.jsonScalar(of: dialect.valueColumn("§"), JSONPath.element(elementPath))
    }

    mutating func atom(_ expression: NXQLExpression) throws -> Atom {
        predicates += 1
        guard predicates <= Self.maxPredicates else { throw NXQLError.tooManyPredicates }
        guard let subject = expression.subject else { throw NXQLError("Syntax Error: unsupported predicate") }
        guard case .property(let name) = subject else {
            return .plain(try condition(operandSQL(subject), expression, type: nil))
        }
        switch try resolve(name) {
        case .scalar(let sql, let type):
            return .plain(try condition(SQLFragment(sql), expression, type: type))
        case .elements(let arrayPath, let elementPath, let type, let correlation):
            let value = SQLFragment(dialect.typed(elementValue(elementPath), type))
            switch expression {
            case .isNull(_, let negated):
                return .elements(arrayPath: arrayPath, condition: SQLFragment("1 = 1"), negated: !negated, correlation: nil)
            default:
                let (positive, negated) = expression.positive
                return .elements(arrayPath: arrayPath, condition: try condition(value, positive, type: type), negated: negated, correlation: negated ? nil : correlation)
            }
        case .path:
            switch expression {
            case .startsWith(_, let prefix): return .plain(Self.descendants(of: prefix, column: "d.path"))
            case .compare(_, let op, .literal(.string(let path))) where ["=", "<>", "!="].contains(op):
                return .plain(SQLFragment("d.path \(op == "=" ? "=" : "<>") ?", [.text(Self.trimmingTrailingSlash(path))]))
            default: throw NXQLError("Invalid operator for ecm:path: only =, <> and STARTSWITH with a string are supported")
            }
        case .trashed:
            guard case .compare(_, let op, .literal(.integer(let flag))) = expression, ["=", "<>", "!="].contains(op), flag == 0 || flag == 1 else {
                throw NXQLError("ecm:isTrashed requires literal 0 or 1 as right argument")
            }
            return .plain(SQLFragment("d.is_trashed \(op == "=" ? "=" : "<>") ?", [.integer(flag)]))
        case .ancestorId:
            guard case .compare(_, let op, .literal(.string(let id))) = expression, ["=", "<>", "!="].contains(op) else {
                throw NXQLError("ecm:ancestorId requires = or <> and a string")
            }
            let sql = "EXISTS (SELECT 1 FROM documents a WHERE a.id = ? AND ((a.path = '/' AND d.path <> '/') OR (d.path >= a.path || '/' AND d.path < a.path || '0')))"
            return .plain(SQLFragment(op == "=" ? sql : "NOT " + sql, [.text(id)]))
        case .mixinType:
            return .plain(try mixinCondition(expression))
        case .fulltext(let field):
            return .plain(try fulltextCondition(expression, field: field))
        }
    }

    /// The SQL of a non-property operand.
    func operandSQL(_ operand: NXQLOperand) throws -> SQLFragment {
        switch operand {
        case .property(let name):
            guard case .scalar(let sql, _) = try resolve(name) else { throw NXQLError("Property \(name) cannot be used here") }
            return SQLFragment(sql)
        case .literal(let literal):
            let bound = value(literal, type: nil)
            return SQLFragment(dialect.parameter(bound), [bound])
        case .arithmetic(let op, let l, let r):
            // SQL has NXQL's precedence and left associativity, so only a right operand of equal or lower precedence (or a
            // left one of lower) needs parentheses; the parser never builds those, and chains stay flat for SQLite's parser.
            let left = try operandSQL(l), right = try operandSQL(r)
            let wrapLeft = l.precedence < op.arithmeticPrecedence, wrapRight = r.precedence <= op.arithmeticPrecedence
            return (wrapLeft ? SQLFragment("(") + left + SQLFragment(")") : left) + SQLFragment(" \(op) ")
                + (wrapRight ? SQLFragment("(") + right + SQLFragment(")") : right)
        case .function("DATE", let args) where args.count == 1:
            return SQLFragment("substr(") + (try operandSQL(args[0])) + SQLFragment(", 1, 10)")
        case .function(let name, _):
            throw NXQLError("Unsupported function: \(name)")
        }
    }

    /// The condition `value <predicate>` with literals converted to the property's type.
    func condition(_ value: SQLFragment, _ expression: NXQLExpression, type: FieldType?) throws -> SQLFragment {
        let isDateCast: Bool
        if case .function("DATE", _) = expression.subject { isDateCast = true } else { isDateCast = false }
        if isDateCast, expression.literals.contains(where: { if case .date = $0 { return false } else { return true } }) {
            throw NXQLError("DATE() cast must be compared with DATE literals")
        }
        let convert = { (literal: NXQLLiteral) -> SQLValue in
            if isDateCast, case .date(let ms) = literal { return .text(String(NXDate.format(millis: ms).prefix(10))) }
            return self.value(literal, type: type)
        }
        switch expression {
        case .compare(_, let op, let right):
            let sqlOp = op == "!=" ? "<>" : op
            if case .literal(let literal) = right { return value + SQLFragment(" \(sqlOp) ?", [convert(literal)]) }
            return value + SQLFragment(" \(sqlOp) ") + (try operandSQL(right))
        case .in(_, let values, let negated):
            return value + SQLFragment((negated ? " NOT IN (" : " IN (") + values.map { _ in "?" }.joined(separator: ", ") + ")", values.map(convert))
        case .between(_, let low, let high, let negated):
            return value + SQLFragment(negated ? " NOT BETWEEN ? AND ?" : " BETWEEN ? AND ?", [convert(low), convert(high)])
        case .like(_, let pattern, let negated, let caseInsensitive):
            let subject = caseInsensitive ? SQLFragment(dialect.lower("(\(value.sql))"), value.arguments) : value
            let bound = caseInsensitive ? dialect.lower("?") : "?"
            return subject + SQLFragment((negated ? " NOT LIKE " : " LIKE ") + bound + " ESCAPE '\\'", [.text(pattern)])
        case .isNull(_, let negated):
            return value + SQLFragment(negated ? " IS NOT NULL" : " IS NULL")
        case .startsWith(_, let raw):
            let prefix = Self.trimmingTrailingSlash(raw)
            return SQLFragment("(") + value + SQLFragment(" = ? OR ", [.text(prefix)]) + value
                + SQLFragment(" LIKE ? ESCAPE '\\')", [.text(Self.escapeLike(prefix) + "/%")])
        default:
            throw NXQLError("Syntax Error: unsupported predicate")
        }
    }

    /// A literal as bound value; strings compared with dates are normalised to the stored date format.
    func value(_ literal: NXQLLiteral, type: FieldType?) -> SQLValue {
        switch literal {
        case .string(let s):
            if type == .date, let normalized = NXDate.normalize(s) { return .text(normalized) }
            return .text(s)
        case .integer(let i):
            if type == .string { return .text(String(i)) }
            return .integer(i)
        case .double(let d): return .double(d)
        case .date(let ms), .timestamp(let ms): return .text(NXDate.format(millis: ms))
        }
    }

    /// `path STARTSWITH '/a/b'`: strict descendants, an index range (`/a/b/` ≤ path < `/a/b0`).
    static func descendants(of prefix: String, column: String) -> SQLFragment {
        var base = prefix
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        if base == "/" || base.isEmpty { return SQLFragment("\(column) <> '/'") }
        return SQLFragment("(\(column) >= ? AND \(column) < ?)", [.text(base + "/"), .text(base + "0")])
    }

    /// `/a/b/` → `/a/b` (the root `/` stays).
    static func trimmingTrailingSlash(_ text: String) -> String {
        var text = text
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// `ecm:mixinType` tests the document's facets: those of its type, and its instance facets (`d.mixin_types`). A
    /// negated test (`<>`, `NOT IN`) matches documents that have none of the facets.
    mutating func mixinCondition(_ expression: NXQLExpression) throws -> SQLFragment {
        let facets: [String], negated: Bool
        switch expression {
        case .compare(_, let op, .literal(.string(let facet))) where ["=", "<>", "!="].contains(op):
            (facets, negated) = ([facet], op != "=")
        case .in(_, let values, let isNotIn):
            (facets, negated) = (values.compactMap { if case .string(let s) = $0 { return s } else { return nil } }, isNotIn)
        default:
            throw NXQLError("ecm:mixinType supports =, <>, IN and NOT IN with strings")
        }
        let types = registry.types.values.filter { type in facets.contains { type.facets.contains($0) } }.map(\.name).sorted()
        // Only declared facets can be added to a document.
        let addable = facets.filter { registry.facets[$0] != nil }
        var parts: [SQLFragment] = []
        if !types.isEmpty {
            let list = types.map { _ in "?" }.joined(separator: ", ")
            parts.append(SQLFragment("d.type \(negated ? "NOT IN" : "IN") (\(list))", types.map { .text($0) }))
        }
        if !addable.isEmpty {
            let alias = "m\(aliasCounter)"
            aliasCounter += 1
            let head = (negated ? "NOT " : "") + "EXISTS (SELECT 1 FROM \(dialect.jsonElements(column: "d.mixin_types", alias: alias)) WHERE "
            parts.append(SQLFragment(head + "\(dialect.valueColumn(alias)) IN (" + addable.map { _ in "?" }.joined(separator: ", ") + "))",
                                     addable.map { .text($0) }))
        }
        guard !parts.isEmpty else { return SQLFragment(negated ? "1 = 1" : "1 = 0") }
        guard parts.count == 2 else { return parts[0] }
        return SQLFragment("(") + parts[0] + SQLFragment(negated ? " AND " : " OR ") + parts[1] + SQLFragment(")")
    }

    /// `ecm:fulltext = 'q'` (index match) and `ecm:fulltext.dc:title = 'q'` (case-insensitive contains).
    mutating func fulltextCondition(_ expression: NXQLExpression, field: String?) throws -> SQLFragment {
        let text: String, negated: Bool
        switch expression {
        case .compare(_, "=", .literal(.string(let q))): (text, negated) = (q, false)
        case .like(_, let q, false, _): (text, negated) = (q, false)
        default: throw NXQLError("Invalid operator for ecm:fulltext: only = and LIKE with a string are supported")
        }
        if let field {
            guard case .scalar(let sql, _) = try resolve(field) else { throw NXQLError("No such property: \(field)") }
            // Secondary fulltext index: ILIKE with spaces as `%`.
            let pattern = text.split(separator: " ").joined(separator: "%")
            return SQLFragment((negated ? "NOT " : "") + "\(dialect.lower(sql)) LIKE \(dialect.lower("?")) ESCAPE '\\'", [.text(pattern)])
        }
        guard let match = dialect.fulltextQuery(text) else { return SQLFragment(negated ? "1 = 1" : "1 = 0") }
        if !negated { fulltext = text }
        return SQLFragment((negated ? "NOT " : "") + dialect.fulltextMatch(documentAlias: "d"), [.text(match)])
    }

    func orderExpression(_ operand: NXQLOperand) throws -> String {
        guard case .property(let name) = operand else { throw NXQLError("ORDER BY needs a property") }
        switch try resolve(name) {
        case .scalar(let sql, _): return sql
        case .path: return "d.path"
        case .elements(let arrayPath, _, _, _): return dialect.jsonScalar(arrayPath)
        default: throw NXQLError("Cannot order by \(name)")
        }
    }
}

extension NXQLOperand {
    /// Parser-stack entries SQLite holds for this operand's SQL: a call `f(` holds three while its argument is read, an
    /// operator two while its right operand is read, a flat chain `a + b + c` nothing more.
    var parseCost: Int {
        switch self {
        case .property, .literal: return 0
        case .function(_, let args): return 3 + (args.map(\.parseCost).max() ?? 0)
        case .arithmetic(let op, let l, let r):
            let left = l.parseCost + (l.precedence < op.arithmeticPrecedence ? 1 : 0)
            let right = r.parseCost + (r.precedence <= op.arithmeticPrecedence ? 1 : 0)
            return max(left, 2 + right)
        }
    }

    /// How deeply function calls and arithmetic nest in this operand (0 for a property or literal): its tree height.
    var depth: Int {
        switch self {
        case .property, .literal: return 0
        case .function(_, let args): return 1 + (args.map(\.depth).max() ?? 0)
        case .arithmetic(_, let l, let r): return 1 + max(l.depth, r.depth)
        }
    }

    /// Binding strength in SQL: `+ -` 1, `* /` 2, anything else (a value, a call) binds tightest.
    var precedence: Int {
        if case .arithmetic(let op, _, _) = self { return op.arithmeticPrecedence }
        return 3
    }
}

extension String {
    /// The precedence of an arithmetic operator (`+ -` 1, `* /` 2).
    var arithmeticPrecedence: Int { self == "*" || self == "/" ? 2 : 1 }
}

extension NXQLExpression {
    /// How deeply the operands of an atomic predicate nest (expression height).
    var operandDepth: Int {
        switch self {
        case .compare(let l, _, let r): return max(l.depth, r.depth)
        default: return subject?.depth ?? 0
        }
    }

    /// Parser-stack entries the operands of an atomic predicate add (the right one is read after `left =`).
    var operandParseCost: Int {
        switch self {
        case .compare(let l, _, let r): return max(l.parseCost, 2 + r.parseCost)
        default: return subject?.parseCost ?? 0
        }
    }

    /// The operand a predicate tests.
    var subject: NXQLOperand? {
        switch self {
        case .compare(let o, _, _), .in(let o, _, _), .between(let o, _, _, _), .like(let o, _, _, _), .isNull(let o, _), .startsWith(let o, _): return o
        default: return nil
        }
    }

    /// The literals a predicate compares with.
    var literals: [NXQLLiteral] {
        switch self {
        case .compare(_, _, .literal(let l)): return [l]
        case .compare: return []
        case .in(_, let values, _): return values
        case .between(_, let l, let h, _): return [l, h]
        default: return []
        }
    }

    /// For list semantics: the positive form of a negative predicate (`<>`, NOT IN, NOT LIKE, NOT BETWEEN) and whether it was negated.
    var positive: (NXQLExpression, Bool) {
        switch self {
        case .compare(let o, let op, let r) where op == "<>" || op == "!=": return (.compare(o, "=", r), true)
        case .in(let o, let v, true): return (.in(o, v, negated: false), true)
        case .like(let o, let p, true, let ci): return (.like(o, p, negated: false, caseInsensitive: ci), true)
        case .between(let o, let l, let h, true): return (.between(o, l, h, negated: false), true)
        default: return (self, false)
        }
    }
}
