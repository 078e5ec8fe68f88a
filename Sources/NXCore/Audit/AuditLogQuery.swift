import NXRuntime

/// A query over the audit log in the form Nuxeo's audit queries take: its JPA query language over `LogEntry`
/// (`from LogEntry log where log.eventId = 'documentCreated' order by log.eventDate desc`), the subset that maps onto
/// the log's columns. The condition takes NXQL's predicates (`=`, `<>`, `<`…, `IN`, `BETWEEN`, `LIKE`, `IS NULL`,
/// `AND`/`OR`/`NOT`, parentheses) on the entry's fields, with `:name` and `?` parameters bound as values, never as
/// query text.
public struct AuditLogQuery: Sendable, Equatable {
    /// The condition over `audit_log`'s columns.
    public var condition: SQLFragment
    /// The `ORDER BY` list over `audit_log`'s columns (never empty: ties are broken by id).
    public var orderBy: String

    /// The fields of Nuxeo's `LogEntry`, their column and whether the column holds a date (ms since 1970) or a number.
    static let fields: [String: (column: String, kind: Kind)] = [
        "id": ("id", .number), "eventId": ("event_id", .text), "category": ("category", .text),
        "principalName": ("principal", .text), "comment": ("comment", .text), "docLifeCycle": ("doc_lifecycle", .text),
        "docPath": ("doc_path", .text), "docType": ("doc_type", .text), "docUUID": ("doc_uuid", .text),
        "repositoryId": ("repository", .text), "eventDate": ("event_date", .date), "logDate": ("log_date", .date),
    ]

    enum Kind { case text, number, date }

    public init(condition: SQLFragment = SQLFragment("1 = 1"), orderBy: String = "id ASC") {
        self.condition = condition
        self.orderBy = orderBy
    }

    /// Parses `text` (`[select log] from LogEntry [as] log [where …] [order by …]`), binding `:name` parameters from
    /// `named` and `?` (or `?1`, `?2`…) parameters from `ordered`; `sort`, when given, replaces the query's order.
    /// A malformed query, an unknown field or a missing parameter is a 400 naming it.
    public static func parse(_ text: String, named: [String: String] = [:], ordered: [String] = [],
                             sort: [SortKey]? = nil) throws(NXError) -> AuditLogQuery {
        let header = try Header(text)
        let bound = try bind(header.rest, named: named, ordered: ordered)
        let (wherePart, orderPart) = splitOrderBy(bound)
        var query = AuditLogQuery()
        let condition = wherePart.trimmingWhitespace
        if !condition.isEmpty {
            guard condition.lowercased().hasPrefix("where") else { throw invalid(text, "expected WHERE or ORDER BY after the entity") }
            let expression: NXQLExpression
            do {
                expression = try NXQLParser.parseCondition(String(condition.dropFirst(5)))
            } catch {
                throw invalid(text, "\(error)")
            }
            query.condition = try compile(expression, alias: header.alias, text: text)
        }
        var keys: [(String, Bool)] = []
        if let sort, !sort.isEmpty {
            keys = try sort.map { key throws(NXError) in (try column(key.property, alias: header.alias, text: text).column, key.ascending) }
        } else if let orderPart {
            for item in orderPart.split(separator: ",") {
                let words = item.split(whereSeparator: \.isWhitespace).map(String.init)
                guard let field = words.first, words.count <= 2 else { throw invalid(text, "bad ORDER BY item '\(String(item).trimmingWhitespace)'") }
                let direction = words.count == 2 ? words[1].uppercased() : "ASC"
                guard direction == "ASC" || direction == "DESC" else { throw invalid(text, "bad ORDER BY direction '\(words[1])'") }
                keys.append((try column(field, alias: header.alias, text: text).column, direction == "ASC"))
            }
        }
        if !keys.contains(where: { $0.0 == "id" }) { keys.append(("id", keys.last?.1 ?? true)) }
        query.orderBy = keys.map { "\($0.0) \($0.1 ? "ASC" : "DESC")" }.joined(separator: ", ")
        return query
    }

    /// The query restricted to entries of documents the principal of `readable` may read (nil: no restriction).
    public func restricted(to readable: ReadFilter?) -> AuditLogQuery {
        guard let readable else { return self }
        var copy = self
        copy.condition = SQLFragment("(", []) + condition + SQLFragment(") AND doc_uuid IN (SELECT id FROM documents WHERE ", [])
            + readable.condition("read_acl_id") + SQLFragment(")", [])
        return copy
    }

    static func invalid(_ text: String, _ reason: String) -> NXError {
        NXError.invalid("Invalid audit query: \(reason): \(text)")
    }

    /// `[select <alias>] from LogEntry [as] <alias>` and what follows it.
    struct Header {
        var alias: String?
        var rest: Substring

        init(_ text: String) throws(NXError) {
            var words = Substring(text).drop(while: \.isWhitespace)
            func word() -> Substring {
                let w = words.prefix { !$0.isWhitespace }
                words = words.dropFirst(w.count).drop(while: \.isWhitespace)
                return w
            }
            var first = word()
            var selected: Substring?
            if first.lowercased() == "select" {
                selected = word()
                first = word()
            }
            guard first.lowercased() == "from" else { throw AuditLogQuery.invalid(text, "expected FROM LogEntry") }
            guard word() == "LogEntry" else { throw AuditLogQuery.invalid(text, "only LogEntry can be queried") }
            let save = words
            var next = word()
            if next.lowercased() == "as" { next = word() }
            if next.isEmpty || ["where", "order"].contains(next.lowercased()) {
                alias = nil
                rest = save
            } else {
                guard next.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { throw AuditLogQuery.invalid(text, "bad alias '\(next)'") }
                alias = String(next)
                rest = words
            }
            let entity = alias ?? "LogEntry"
            if let selected, String(selected) != entity {
                throw AuditLogQuery.invalid(text, "only whole entries can be selected (select \(entity))")
            }
        }
    }

    /// The text with each parameter outside quotes replaced by a quoted literal of its value.
    static func bind(_ text: Substring, named: [String: String], ordered: [String]) throws(NXError) -> String {
        var result = ""
        var quote: Character?
        var next = 0
        var index = text.startIndex
        func literal(_ value: String) -> String {
            "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                result.append(c)
                if c == "\\", text.index(after: index) < text.endIndex {
                    index = text.index(after: index)
                    result.append(text[index])
                } else if c == open {
                    quote = nil
                }
                index = text.index(after: index)
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                result.append(c)
                index = text.index(after: index)
                continue
            }
            if c == ":" || c == "?" {
                var end = text.index(after: index)
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" || text[end] == "." { end = text.index(after: end) }
                let name = String(text[text.index(after: index)..<end])
                if c == ":" {
                    guard !name.isEmpty else { throw invalid(String(text), "a parameter name is expected after ':'") }
                    guard let value = named[name] else { throw invalid(String(text), "no value for parameter :\(name)") }
                    result += literal(value)
                } else {
                    let position: Int
                    if name.isEmpty {
                        position = next
                        next += 1
                    } else {
                        guard let n = Int(name), n >= 1 else { throw invalid(String(text), "bad parameter ?\(name)") }
                        position = n - 1
                    }
                    guard position < ordered.count else { throw invalid(String(text), "no value for parameter \(position + 1)") }
                    result += literal(ordered[position])
                }
                index = end
                continue
            }
            result.append(c)
            index = text.index(after: index)
        }
        return result
    }

    /// Splits at a top-level `order by` outside quotes.
    static func splitOrderBy(_ text: String) -> (String, String?) {
        let chars = Array(text)
        var quote: Character?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let open = quote {
                if c == "\\" { i += 2; continue }
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if (i == 0 || chars[i - 1].isWhitespace), String(chars[i...].prefix(5)).lowercased() == "order" {
                var j = i + 5
                while j < chars.count, chars[j].isWhitespace { j += 1 }
                if j > i + 5, String(chars[j...].prefix(2)).lowercased() == "by", j + 2 < chars.count, chars[j + 2].isWhitespace {
                    return (String(chars[..<i]), String(chars[(j + 2)...]))
                }
            }
            i += 1
        }
        return (text, nil)
    }

    /// The column of `log.field` (or `field` when the query has no alias).
    static func column(_ reference: String, alias: String?, text: String) throws(NXError) -> (column: String, kind: Kind) {
        var name = Substring(reference)
        if let alias, name.hasPrefix(alias + ".") { name = name.dropFirst(alias.count + 1) }
        guard let field = fields[String(name)] else {
            throw invalid(text, "unknown field '\(reference)' (LogEntry has \(fields.keys.sorted().joined(separator: ", ")))")
        }
        return field
    }

    static func compile(_ expression: NXQLExpression, alias: String?, text: String) throws(NXError) -> SQLFragment {
        func join(_ parts: [NXQLExpression], _ op: String) throws(NXError) -> SQLFragment {
            var result = SQLFragment("(")
            for (index, part) in parts.enumerated() {
                if index > 0 { result = result + SQLFragment(" \(op) ") }
                result = result + (try compile(part, alias: alias, text: text))
            }
            return result + SQLFragment(")")
        }
        func field(_ operand: NXQLOperand) throws(NXError) -> (column: String, kind: Kind) {
            guard case .property(let name) = operand else { throw invalid(text, "a LogEntry field is expected on the left of each comparison") }
            return try column(name, alias: alias, text: text)
        }
        func value(_ literal: NXQLLiteral, _ kind: Kind) throws(NXError) -> SQLValue {
            switch (literal, kind) {
            case (.string(let s), .text): return .text(s)
            case (.string(let s), .number):
                guard let n = Int64(s.trimmingWhitespace) else { throw invalid(text, "'\(s)' is not a number") }
                return .integer(n)
            case (.string(let s), .date):
                guard let millis = dateValue(s) else { throw invalid(text, "'\(s)' is not a date") }
                return .integer(millis)
            case (.integer(let n), .text): return .text(String(n))
            case (.integer(let n), _): return .integer(n)
            case (.double(let d), .text): return .text(String(d))
            case (.double(let d), _): return .double(d)
            case (.date(let ms), .text), (.timestamp(let ms), .text): return .text(NXDate.format(millis: ms))
            case (.date(let ms), _), (.timestamp(let ms), _): return .integer(ms)
            }
        }
        switch expression {
        case .and(let parts): return try join(parts, "AND")
        case .or(let parts): return try join(parts, "OR")
        case .not(let inner): return SQLFragment("NOT ") + (try compile(inner, alias: alias, text: text))
        case .compare(let left, let op, let right):
            let f = try field(left)
            guard case .literal(let literal) = right else { throw invalid(text, "a value is expected on the right of \(op)") }
            let sqlOp = op == "!=" ? "<>" : op
            return SQLFragment("\(f.column) \(sqlOp) ?", [try value(literal, f.kind)])
        case .in(let operand, let literals, let negated):
            let f = try field(operand)
            var values: [SQLValue] = []
            for literal in literals { values.append(try value(literal, f.kind)) }
            return SQLFragment("\(f.column) \(negated ? "NOT IN" : "IN") (\(values.map { _ in "?" }.joined(separator: ", ")))", values)
        case .between(let operand, let low, let high, let negated):
            let f = try field(operand)
            return SQLFragment("\(f.column) \(negated ? "NOT BETWEEN" : "BETWEEN") ? AND ?", [try value(low, f.kind), try value(high, f.kind)])
        case .like(let operand, let pattern, let negated, let caseInsensitive):
            let f = try field(operand)
            guard f.kind == .text else { throw invalid(text, "LIKE applies to text fields only") }
            let column = caseInsensitive ? "LOWER(\(f.column))" : f.column
            let value = caseInsensitive ? pattern.lowercased() : pattern
            // SQLite's LIKE ignores ASCII case; GLOB-free exactness is not needed for audit fields.
            return SQLFragment("\(column) \(negated ? "NOT LIKE" : "LIKE") ? ESCAPE '\\'", [.text(value)])
        case .isNull(let operand, let negated):
            let f = try field(operand)
            return SQLFragment("\(f.column) IS \(negated ? "NOT " : "")NULL")
        case .startsWith(let operand, let prefix):
            let f = try field(operand)
            return SQLFragment("substr(\(f.column), 1, ?) = ?", [.integer(Int64(prefix.count)), .text(prefix)])
        }
    }

    /// A date parameter: W3C/ISO text, `yyyy-MM-dd`, or JDBC's escapes `{d yyyy-mm-dd}` and `{d yyyy-mm-dd hh:mm:ss}`
    /// (Nuxeo's Audit.Query turns those into SQL dates).
    static func dateValue(_ text: String) -> Int64? {
        var value = text.trimmingWhitespace
        if value.hasPrefix("{d "), value.hasSuffix("}") {
            value = String(value.dropFirst(3).dropLast()).trimmingWhitespace.replacingOccurrences(of: " ", with: "T")
        }
        return NXDate.parse(value)
    }
}
