import Foundation

/// One database connection inside a transaction, as the storage code shared by every backend sees it: statements with
/// `?` placeholders, arguments as `SQLValue`s, rows as `SQLRow`s. SQLite (GRDB) and PostgreSQL (postgres-nio) implement
/// it; what their SQL cannot say the same way goes through `dialect`.
public protocol SQLConnection {
    /// What differs between the backends' SQL.
    var dialect: any SQLDialect { get }
    /// Runs one statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs one query; returns every row.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs `body` in a savepoint: its changes are rolled back if it throws (the error is rethrown).
    func savepoint(_ body: () throws -> Void) throws
}

extension SQLConnection {
    /// Runs one statement with Swift values as arguments.
    @discardableResult
    public func execute(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    /// Every row of a query.
    public func all(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// The first row of a query, nil when none.
    public func one(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? {
        try rows(sql, arguments.map(\.sqlValue)).first
    }

    /// The first column of the first row, nil when there is no row or the value is NULL.
    public func value<T: SQLColumnDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> T? {
        guard let row = try one(sql, arguments), let first = row.values.first, first != .null else { return nil }
        return T.decode(first)
    }

    /// The first column of every row (NULLs skipped).
    public func values<T: SQLColumnDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> [T] {
        try all(sql, arguments).compactMap { row in
            guard let first = row.values.first, first != .null else { return nil }
            return T.decode(first)
        }
    }

    /// Whether a query returns a row.
    public func exists(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Bool {
        try one(sql, arguments) != nil
    }
}

/// `?, ?, …`: `count` placeholders (`NULL` when there are none, so `x IN (NULL)` matches nothing).
func placeholders(_ count: Int) -> String {
    count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
}

/// A result row: its values in column order, and the column names (shared by every row of a result).
public struct SQLRow: Sendable {
    public let values: [SQLValue]
    public let columns: [String]

    public init(values: [SQLValue], columns: [String]) {
        self.values = values
        self.columns = columns
    }

    /// The value of column `index` as `T` (NULL or a missing column decode as `T`'s empty value, or nil for optionals).
    public subscript<T: SQLColumnDecodable>(_ index: Int) -> T {
        T.decode(values.indices.contains(index) ? values[index] : .null)
    }

    /// The value of the column named `name` as `T`.
    public subscript<T: SQLColumnDecodable>(_ name: String) -> T {
        T.decode(columns.firstIndex(of: name).map { values[$0] } ?? .null)
    }
}

/// A Swift value that binds to a statement parameter.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Substring: SQLBindable { public var sqlValue: SQLValue { .text(String(self)) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Int32: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .double(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Data: SQLBindable { public var sqlValue: SQLValue { .blob(self) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A Swift value read from a result column. Decoding never fails: a value of another type converts where it can, and
/// otherwise reads as the type's empty value (optionals: nil).
public protocol SQLColumnDecodable {
    static func decode(_ value: SQLValue) -> Self
}

extension String: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> String {
        switch value {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .double(let d): return String(d)
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .null: return ""
        }
    }
}

extension Int64: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Int64 {
        switch value {
        case .integer(let i): return i
        case .double(let d): return d.isFinite && abs(d) < 9.2e18 ? Int64(d) : 0
        case .text(let s): return Int64(s) ?? 0
        case .blob, .null: return 0
        }
    }
}

extension Int: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Int { Int(Int64.decode(value)) }
}

extension Double: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Double {
        switch value {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        case .text(let s): return Double(s) ?? 0
        case .blob, .null: return 0
        }
    }
}

extension Bool: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Bool {
        switch value {
        case .integer(let i): return i != 0
        case .double(let d): return d != 0
        case .text(let s): return s == "1" || s == "t" || s == "true"
        case .blob, .null: return false
        }
    }
}

extension Data: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Data {
        switch value {
        case .blob(let data): return data
        case .text(let s): return Data(s.utf8)
        default: return Data()
        }
    }
}

extension SQLValue: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> SQLValue { value }
}

extension Optional: SQLColumnDecodable where Wrapped: SQLColumnDecodable {
    public static func decode(_ value: SQLValue) -> Wrapped? {
        value == .null ? nil : Wrapped.decode(value)
    }
}

/// Transactions on a store's database at the level of SQL statements: what the services that keep their own tables
/// (users, directories, upload batches, idempotency keys) use, on any backend.
public protocol SQLAccess: Sendable {
    /// Runs `body` in a read transaction.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body` in a write transaction (rolled back if it throws).
    @discardableResult func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
}

/// Counters of state shared by the nodes of a cluster (rows of `nx_cluster`).
public enum SharedCounter: Int64, Sendable {
    /// Moved by every write transaction.
    case writes = 1
    /// Moved by every change to users, groups, memberships and tokens.
    case users = 2

    /// The statement moving the counter (run inside the write transaction that makes the change).
    public var increment: String { "UPDATE nx_cluster SET generation = generation + 1 WHERE id = \(rawValue)" }
}

/// A document store on a SQL database, with statement-level access for the services that share its database.
public protocol SQLStore: DocumentStore {
    /// Statement-level transactions on the store's database.
    var sql: any SQLAccess { get }
    /// The engine behind the store.
    var backend: SQLBackend { get }
    /// Reports every transaction to `observer` from now on (the server's metrics).
    func observe(_ observer: any StoreObserver)
    /// Read connections in use and transactions waiting for one.
    var readerUsage: (inUse: Int, waiting: Int) { get }
    /// Every schema migration in order, and those applied to this store.
    func migrations() async throws -> (all: [String], applied: [String])
    /// Makes committed data durable in the database files (SQLite: WAL checkpoint; PostgreSQL: nothing to do).
    func checkpoint() async throws
    /// Merges index segments and refreshes the planner's statistics.
    func optimize() async throws
    /// Work queue items by kind: pending (waiting or running) and failed.
    func workQueueCounts() async throws -> [(kind: String, pending: Int, failed: Int)]
    /// The size of the database in bytes.
    func databaseSize() async throws -> Int64
    /// A counter of the cluster's shared state (`SharedCounter`), nil on a store only this process uses.
    func sharedCounter(_ counter: SharedCounter) async throws -> UInt64?
    /// Records that `node` serves this database, now (a cluster's nodes each call it periodically).
    func heartbeat(node: String, started: Int64, now: Int64) async throws
    /// The nodes seen since `since` (ms), sorted; empty on a store only one process uses.
    func liveNodes(since: Int64) async throws -> [String]
}
