import Foundation

/// A value bound to a statement parameter, or read from a result column.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob(Data)
}

/// SQL text with its bound values, in order. Values are never spliced into the text.
public struct SQLFragment: Sendable, Equatable {
    public var sql: String
    public var arguments: [SQLValue]

    public init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(lhs.sql + rhs.sql, lhs.arguments + rhs.arguments)
    }
}

/// The database engines nx stores documents in.
public enum SQLBackend: String, Sendable {
    case sqlite, postgres
}

/// What differs between databases; everything above this seam is shared.
public protocol SQLDialect: Sendable {
    /// The engine this dialect speaks to.
    var backend: SQLBackend { get }
    /// A JSON scalar expression (`jsonScalar`) as a value of the schema type `type`, so comparisons and ordering follow
    /// the type (numbers as numbers, booleans as 0/1).
    func typed(_ expression: String, _ type: FieldType?) -> String
    /// An ORDER BY key: NULLs sort first ascending and last descending on every backend (SQLite's order).
    func order(_ expression: String, ascending: Bool) -> String
    /// A bound literal standing alone in an expression (an arithmetic operand), typed where the database cannot infer it.
    func parameter(_ value: SQLValue) -> String
    /// The bound text of a fulltext match (`fulltextMatch`) for a query in Nuxeo's fulltext syntax; nil when nothing can match.
    func fulltextQuery(_ text: String) -> String?
    /// A scalar read from the JSON properties column of the documents alias `d` at `path` (`$."dc:title"`).
    func jsonScalar(_ path: String) -> String
    /// A scalar read from a JSON element expression at `path` (`$.file.name`).
    func jsonScalar(of element: String, _ path: String) -> String
    /// A table source iterating the elements of the JSON array at `path`, aliased `alias`, with value column `valueColumn(alias)`.
    func jsonElements(_ path: String, alias: String) -> String
    /// A table source iterating the elements of the JSON array held in `column` of the documents alias `d` (NULL: none),
    /// aliased `alias`, with value column `valueColumn(alias)`.
    func jsonElements(column: String, alias: String) -> String
    /// The value column of `jsonElements`.
    func valueColumn(_ alias: String) -> String
    /// A condition matching documents whose fulltext matches the bound query.
    func fulltextMatch(documentAlias: String) -> String
    /// The fulltext index as a query's driving table, when the engine reads a match's rows lazily in rowid order: the
    /// FROM clause joining it to `documents d`, the match condition (one parameter, a `fulltextQuery` text) and the
    /// rowid to order by. Nil when the match is better evaluated as a condition (`fulltextMatch`).
    var fulltextDriver: (from: String, match: String, rowid: String)? { get }
    /// `column` is one of the read ACLs a principal set passes (one parameter, the set's id).
    func readGranted(_ column: String) -> String
    /// Case folding.
    func lower(_ expression: String) -> String
    /// The condition excluding the root document from query results, ideally answerable from indexes alone.
    var excludeRoot: String { get }
}

/// SQLite: JSON1 (`json_extract`, `json_each`) and FTS5.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    /// The one instance connections hand out.
    public static let shared = SQLiteDialect()

    public var backend: SQLBackend { .sqlite }
    /// `json_extract` already returns SQL integers, reals and 0/1 for JSON numbers and booleans.
    public func typed(_ expression: String, _ type: FieldType?) -> String { expression }
    public func fulltextQuery(_ text: String) -> String? { FulltextQuery.fts5(text) }
    public func order(_ expression: String, ascending: Bool) -> String { expression + (ascending ? " ASC" : " DESC") }
    public func parameter(_ value: SQLValue) -> String { "?" }

    public func jsonScalar(_ path: String) -> String { "json_extract(d.properties, '\(path)')" }
    public func jsonScalar(of element: String, _ path: String) -> String { path == "$" ? element : "json_extract(\(element), '\(path)')" }
    public func jsonElements(_ path: String, alias: String) -> String { "json_each(d.properties, '\(path)') AS \(alias)" }
    public func jsonElements(column: String, alias: String) -> String { "json_each(\(column)) AS \(alias)" }
    public func valueColumn(_ alias: String) -> String { "\(alias).value" }
    public func fulltextMatch(documentAlias: String) -> String { "\(documentAlias).rowid IN (SELECT rowid FROM fulltext WHERE fulltext MATCH ?)" }
    /// FTS5 yields a match's rowids in order, one at a time: `LIMIT 20` reads 20 of 60,000 matches (0.15 ms against
    /// 20 ms at 1,000,000 documents).
    /// The grants read once into an ephemeral index, probed per row.
    public func readGranted(_ column: String) -> String { "\(column) IN (SELECT acl_id FROM read_acl_grants WHERE principal_set = ?)" }
    public var fulltextDriver: (from: String, match: String, rowid: String)? {
        ("fulltext JOIN documents d ON d.rowid = fulltext.rowid", "fulltext MATCH ?", "fulltext.rowid")
    }
    /// By rowid (part of every index entry), so counts over an expression index never read table rows.
    public var excludeRoot: String { "d.rowid <> (SELECT rowid FROM documents WHERE path = '/')" }

    /// Unicode case folding (`nx_lower`, registered on every connection; SQLite's own `lower` is ASCII-only).
    public func lower(_ expression: String) -> String { "nx_lower(\(expression))" }
}

/// JSON paths for property keys; keys and sub-fields are quoted, so no key text can break out of the path literal.
enum JSONPath {
    static func key(_ key: String) -> String { "\"" + key.filter { $0 != "\"" && $0 != "'" && $0 != "\\" } + "\"" }
    static func property(_ key: String, _ rest: [String] = []) -> String {
        "$." + ([Self.key(key)] + rest.map(component)).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    static func element(_ rest: [String]) -> String {
        rest.isEmpty ? "$" : "$." + rest.map(component).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    static func component(_ part: String) -> String {
        if let index = Int(part) { return "[\(index)]" }
        return key(part)
    }
}
