/// PostgreSQL: properties in JSONB (`->>`, `#>>`, `jsonb_array_elements`), fulltext through `tsvector`/`tsquery`.
///
/// A property path reads as `(d.properties ->> 'dc:title') COLLATE "C"` (one key) or
/// `(d.properties #>> '{"file:content","name"}') COLLATE "C"`: text in byte order, as SQLite compares; a hot property
/// is its generated column (`d.p_dc_title`), which `PostgresMigrations` indexes. Numbers and booleans are converted where the
/// compiler knows the schema type (`typed`).
public struct PostgresDialect: SQLDialect {
    public init() {}

    /// The one instance connections hand out.
    public static let shared = PostgresDialect()

    public var backend: SQLBackend { .postgres }

    /// A hot property (`PostgresMigrations.indexedProperties`) is its generated column, which its covering index holds.
    public func jsonScalar(_ path: String) -> String {
        let components = Self.components(path)
        if components.count == 1, case .key(let key) = components[0], let column = PostgresMigrations.propertyColumn(key) {
            return "d." + column
        }
        return Self.extract("d.properties", components)
    }

    public func jsonScalar(of element: String, _ path: String) -> String { Self.extract(element, Self.components(path)) }

    public func jsonElements(_ path: String, alias: String) -> String {
        let array = "d.properties #> '\(Self.arrayLiteral(Self.components(path)))'"
        return "jsonb_array_elements(CASE WHEN jsonb_typeof(\(array)) = 'array' THEN \(array) END) AS \(alias)(value)"
    }

    public func jsonElements(column: String, alias: String) -> String {
        "jsonb_array_elements_text(CAST(\(column) AS jsonb)) AS \(alias)(value)"
    }

    public func valueColumn(_ alias: String) -> String { "\(alias).value" }

    /// The grants read once (an init plan) into an array the scan filters with: the plan of a literal list, so a hot
    /// property's index still serves the count and an equality's first page alone, in index order (as a join, the
    /// planner may hash it and sort).
    public func readGranted(_ column: String) -> String {
        "\(column) = ANY (ARRAY(SELECT acl_id FROM read_acl_grants WHERE principal_set = ?))"
    }

    /// A `tsvector` match is evaluated whole (GIN), so it stays a condition.
    public var fulltextDriver: (from: String, match: String, rowid: String)? { nil }

    public func fulltextMatch(documentAlias: String) -> String {
        PostgresMigrations.fulltextMatch(documentAlias: documentAlias)
    }

    public func fulltextQuery(_ text: String) -> String? { PostgresFulltextQuery.tsquery(text) }

    /// PostgreSQL sorts NULLs last ascending; nx sorts them as SQLite does (the property indexes are built `NULLS FIRST`).
    public func order(_ expression: String, ascending: Bool) -> String {
        expression + (ascending ? " ASC NULLS FIRST" : " DESC NULLS LAST")
    }

    /// Parameters are sent untyped: alone in arithmetic (`? * ?`) PostgreSQL needs the literal's type.
    public func parameter(_ value: SQLValue) -> String {
        switch value {
        case .integer: return "CAST(? AS bigint)"
        case .double: return "CAST(? AS double precision)"
        case .text: return "CAST(? AS text)"
        case .null, .blob: return "?"
        }
    }

    public func lower(_ expression: String) -> String { "nx_lower(\(expression))" }

    public var excludeRoot: String { "d.path <> '/'" }

    public func typed(_ expression: String, _ type: FieldType?) -> String {
        switch type {
        case .long?, .integer?, .double?: return "CAST(\(expression) AS numeric)"
        case .boolean?: return "(CASE \(expression) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)"
        default: return expression
        }
    }

    /// One path step: an object key or an array index.
    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    /// The steps of a `JSONPath` text (`$."dc:files"[0]."file"`).
    static func components(_ path: String) -> [Component] {
        var result: [Component] = []
        var rest = Substring(path)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                    result.append(.key(String(rest[..<end])))
                    rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
                } else {
                    let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                    result.append(.key(String(rest[..<end])))
                    rest = rest[end...]
                }
            } else if first == "[" {
                let end = rest.firstIndex(of: "]") ?? rest.endIndex
                result.append(.index(Int(rest[rest.index(after: rest.startIndex)..<end]) ?? 0))
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            } else {
                rest = rest.dropFirst()
            }
        }
        return result
    }

    /// The text at `components` of a JSONB expression: `->>` for one key (the indexed form), `#>>` otherwise.
    static func extract(_ base: String, _ components: [Component]) -> String {
        if components.count == 1, case .key(let key) = components[0] { return "(\(base) ->> '\(key)') COLLATE \"C\"" }
        return "(\(base) #>> '\(arrayLiteral(components))') COLLATE \"C\""
    }

    /// `{"a","b",0}`: a text array literal of path steps (keys never hold quotes or backslashes: `JSONPath.key`).
    static func arrayLiteral(_ components: [Component]) -> String {
        "{" + components.map { component -> String in
            switch component {
            case .key(let key): return "\"" + key + "\""
            case .index(let index): return String(index)
            }
        }.joined(separator: ",") + "}"
    }
}
