import NXRuntime

/// A query compiled to SQL over the `documents` table aliased `d`.
public struct CompiledQuery: Sendable {
    /// The WHERE condition (types, root exclusion and the query's predicate).
    public var condition: SQLFragment
    /// ORDER BY keys (without `ORDER BY`), empty when unordered.
    public var orderBy: [String]
    /// The fulltext query text, when the query has one (for highlighting).
    public var fulltext: String?
    /// The FROM clause: the documents (`documents d`), or the fulltext index joined to them when its match drives the
    /// query (`SQLDialect.fulltextDriver`).
    public var from = "documents d"
    /// The row order that costs nothing: `d.rowid`, or the fulltext index's rowid when it drives (its matches come in
    /// that order, so a first page stops after its rows instead of sorting every match).
    public var rowidOrder = "d.rowid"
}

/// Compiles NXQL to SQL through a dialect: properties resolved against the schema registry, values always bound.
public struct NXQLCompiler {
    let registry: SchemaRegistry
    let dialect: any SQLDialect
    var aliasCounter = 0
    var fulltext: String?

    var predicates = 0

    /// The most values a query may bind: SQLite binds at most 32766 per statement, and the ACL filter and paging add some.
    public static let maxValues = 30_000
    /// The most predicates a query may have. SQLite's planning time grows faster than linearly with the terms of a
    /// WHERE clause (a chain of 8000 equalities takes seconds), so a long list of values belongs in one `IN (…)`.
    public static let maxPredicates = 1_000
    /// The most ORDER BY keys a query may have (SQLite refuses 2,000; PostgreSQL would sort by all of them).
    public static let maxOrderKeys = 1_000

    public init(registry: SchemaRegistry, dialect: any SQLDialect = SQLiteDialect.shared) {
        self.registry = registry
        self.dialect = dialect
    }

    /// Compiles `query`; `sort` (when given) replaces its ORDER BY.
    public mutating func compile(_ query: NXQLQuery, sort: [SortKey]? = nil) throws -> CompiledQuery {
        predicates = 0
        var condition = SQLFragment(dialect.excludeRoot)
        for type in query.types where registry.types[type] == nil { throw NXQLError("Unknown type: \(type)") }
        if !query.types.contains(where: { $0 == "Document" }) {
            var names = Set<String>()
            for type in query.types {
                names.formUnion(registry.types.keys.filter { registry.isSubtype($0, of: type) })
            }
            let sorted = names.sorted()
            condition = condition + SQLFragment(" AND d.type IN (" + sorted.map { _ in "?" }.joined(separator: ", ") + ")", sorted.map { .text($0) })
        }
        var from = "documents d", rowidOrder = "d.rowid"
        var remaining = query.whereClause
        // A fulltext match that every result must satisfy (the predicate, or one of its top-level AND terms) drives the
        // query where the engine reads its matches lazily: the join reads them in rowid order and stops with the page.
        if let predicate = query.whereClause, let driver = dialect.fulltextDriver, let (text, rest) = Self.drivingFulltext(predicate),
           let match = dialect.fulltextQuery(text) {
            predicates += 1
            fulltext = text
            (from, rowidOrder) = (driver.from, driver.rowid)
            condition = condition + SQLFragment(" AND " + driver.match, [.text(match)])
            remaining = rest
        }
        if let predicate = remaining {
            let compiled = try expression(predicate)
            guard compiled.stack <= SQLNesting.stackBudget, compiled.height <= SQLNesting.heightBudget else { throw NXQLError.tooComplex }
            condition = condition + SQLFragment(" AND (") + compiled.fragment + SQLFragment(")")
        }
        guard condition.arguments.count <= Self.maxValues else { throw NXQLError.tooManyValues }
        var orderBy: [String] = []
        // As SQLite's own limit did: a 400 that does not echo the (huge) query.
        guard (sort?.count ?? query.orderBy.count) <= Self.maxOrderKeys else {
            throw NXError.invalid("Query exceeds a database limit: too many ORDER BY keys (at most \(Self.maxOrderKeys))")
        }
        if let sort {
            for key in sort { orderBy.append(dialect.order(try orderExpression(.property(key.property)), ascending: key.ascending)) }
        } else {
            for order in query.orderBy { orderBy.append(dialect.order(try orderExpression(order.operand), ascending: order.ascending)) }
        }
        return CompiledQuery(condition: condition, orderBy: orderBy, fulltext: fulltext, from: from, rowidOrder: rowidOrder)
    }

    /// The text of an `ecm:fulltext = 'q'` (or `LIKE`) that `predicate` requires, and what remains of the predicate
    /// without it: the predicate itself, or one term of a top-level AND. Nil when no such match is required.
    static func drivingFulltext(_ predicate: NXQLExpression) -> (text: String, rest: NXQLExpression?)? {
        func text(_ expression: NXQLExpression) -> String? {
            switch expression {
            case .compare(.property("ecm:fulltext"), "=", .literal(.string(let q))): return q
            case .like(.property("ecm:fulltext"), let q, false, _): return q
            default: return nil
            }
        }
        if let q = text(predicate) { return (q, nil) }
        guard case .and(let terms) = predicate, let index = terms.firstIndex(where: { text($0) != nil }), let q = text(terms[index]) else { return nil }
        var rest = terms
        rest.remove(at: index)
        return (q, rest.count == 1 ? rest[0] : .and(rest))
    }

    // MARK: - Properties

    /// What a property reference denotes in SQL.
    enum Resolved {
        /// A scalar SQL expression, and the schema type when known (for literal conversion).
        case scalar(String, FieldType?)
        /// Elements of a JSON array: the array path, the path inside each element, the element type, and a correlation key.
        case elements(arrayPath: String, elementPath: [String], type: FieldType, correlation: String?)
        case mixinType
        case fulltext(field: String?)
        case ancestorId
        case path
        case trashed
    }

    static let coreColumns: [String: (String, FieldType?)] = [
        "ecm:uuid": ("d.id", .string), "ecm:id": ("d.id", .string), "ecm:name": ("d.name", .string), "ecm:parentId": ("d.parent_id", .string),
        "ecm:primaryType": ("d.type", .string), "ecm:pos": ("d.pos", .long), "ecm:currentLifeCycleState": ("d.state", .string),
        "ecm:isProxy": ("d.is_proxy", .long), "ecm:isVersion": ("d.is_version", .long), "ecm:isCheckedInVersion": ("d.is_version", .long),
        "ecm:isCheckedIn": ("(1 - d.is_checked_out)", .long), "ecm:versionLabel": ("d.version_label", .string),
        "ecm:isLatestVersion": ("d.is_latest_version", .long), "ecm:isLatestMajorVersion": ("d.is_latest_major", .long),
        "ecm:lockOwner": ("d.lock_owner", .string), "ecm:versionVersionableId": ("d.versionable_id", .string),
        "ecm:proxyTargetId": ("d.proxy_target_id", .string), "ecm:proxyVersionableId": ("d.proxy_versionable_id", .string),
        "ecm:isRecord": ("0", .long), "ecm:hasLegalHold": ("0", .long),
    ]

    func resolve(_ name: String) throws -> Resolved {
        switch name {
        case "ecm:mixinType": return .mixinType
        case "ecm:fulltext": return .fulltext(field: nil)
        case "ecm:ancestorId": return .ancestorId
        case "ecm:path": return .path
        case "ecm:isTrashed": return .trashed
        default: break
        }
        if name.hasPrefix("ecm:fulltext.") { return .fulltext(field: String(name.dropFirst("ecm:fulltext.".count))) }
        if let (column, type) = Self.coreColumns[name] { return .scalar(column, type) }
        var parts = name.split(separator: "/").map(String.init)
        // `x[3]` subscripts are `x/3`.
        parts = parts.flatMap { part -> [String] in
            guard let open = part.firstIndex(of: "[") else { return [part] }
            return [String(part[..<open]), String(part[part.index(after: open)...].dropLast())]
        }
        guard let key = parts.first, let colon = key.firstIndex(of: ":") else { throw NXQLError("No such property: \(name)") }
        let prefix = String(key[..<colon]), fieldName = String(key[key.index(after: colon)...])
        guard let schema = registry.schemas.values.first(where: { $0.prefix == prefix }) ?? registry.schemas[prefix],
              let field = schema.fields.first(where: { $0.name == fieldName })
        else { throw NXQLError("No such property: \(name)") }
        let canonical = "\(schema.prefix):\(field.name)"
        return try walk(field.type, rest: Array(parts.dropFirst()), arrayPath: JSONPath.property(canonical), consumed: [], name: name)
    }

    /// Walks sub-fields: a list reached without an index becomes element iteration.
    func walk(_ type: FieldType, rest: [String], arrayPath: String, consumed: [String], name: String) throws -> Resolved {
        let path = consumed.isEmpty ? arrayPath : arrayPath + "." + consumed.map(JSONPath.component).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        switch type {
        case .list(let element):
            var rest = rest
            var correlation: String?
            if let first = rest.first {
                if first.hasPrefix("*") {
                    if first.count > 1 { correlation = "\(path)#\(first)" }
                    rest.removeFirst()
                } else if let index = Int(first) {
                    rest.removeFirst()
                    guard rest.isEmpty else { throw NXQLError("No such property: \(name)") }
                    return .scalar(dialect.typed(dialect.jsonScalar(path + "[\(index)]"), element), element)
                }
            }
            guard rest.isEmpty else { throw NXQLError("No such property: \(name)") }
            return .elements(arrayPath: path, elementPath: [], type: element, correlation: correlation)
        case .complexList(let fields):
            var rest = rest
            var correlation: String?
            if let first = rest.first, first.hasPrefix("*") {
                if first.count > 1 { correlation = "\(path)#\(first)" }
                rest.removeFirst()
            } else if let first = rest.first, let index = Int(first) {
                rest.removeFirst()
                return try walk(.complex(fields), rest: rest, arrayPath: arrayPath, consumed: consumed + [String(index)], name: name)
            }
            guard let sub = rest.first, let field = fields.first(where: { $0.name == sub }) else { throw NXQLError("No such property: \(name)") }
            let (elementPath, leaf) = try subPath(field, Array(rest.dropFirst()), name: name)
            return .elements(arrayPath: path, elementPath: [sub] + elementPath, type: leaf, correlation: correlation)
        case .complex(let fields):
            guard let sub = rest.first else { return .scalar(dialect.jsonScalar(path), type) }
            guard let field = fields.first(where: { $0.name == sub }) else { throw NXQLError("No such property: \(name)") }
            return try walk(field.type, rest: Array(rest.dropFirst()), arrayPath: arrayPath, consumed: consumed + [sub], name: name)
        case .blob:
            guard let sub = rest.first else { return .scalar(dialect.jsonScalar(path), type) }
            let blobFields: [String: FieldType] = ["name": .string, "mime-type": .string, "encoding": .string, "digest": .string, "length": .long, "data": .string]
            guard rest.count == 1, let leaf = blobFields[sub] else { throw NXQLError("No such property: \(name)") }
            return .scalar(dialect.typed(dialect.jsonScalar(path + "." + JSONPath.key(sub)), leaf), leaf)
        default:
            guard rest.isEmpty else { throw NXQLError("No such property: \(name)") }
            return .scalar(dialect.typed(dialect.jsonScalar(path), type), type)
        }
    }

    /// The path of a leaf inside one complex element.
    func subPath(_ field: Field, _ rest: [String], name: String) throws -> ([String], FieldType) {
        switch field.type {
        case .complex(let fields):
            guard let sub = rest.first, let next = fields.first(where: { $0.name == sub }) else {
                if rest.isEmpty { return ([], field.type) }
                throw NXQLError("No such property: \(name)")
            }
            let (path, leaf) = try subPath(next, Array(rest.dropFirst()), name: name)
            return ([sub] + path, leaf)
        case .blob:
            guard let sub = rest.first else { return ([], .blob) }
            guard rest.count == 1, ["name", "mime-type", "encoding", "digest", "length", "data"].contains(sub) else { throw NXQLError("No such property: \(name)") }
            return ([sub], sub == "length" ? .long : .string)
        default:
            guard rest.isEmpty else { throw NXQLError("No such property: \(name)") }
            return ([], field.type)
        }
    }
}
