import Crypto
import Foundation
import GRDB
import NXRuntime

/// Copies an embedded SQLite store into an empty PostgreSQL store (documents, versions, proxies, ACLs, users and groups,
/// tokens, directories, audit, blob references and extracted text, work queue, uploads, workflows, bulk commands), then
/// verifies the copy table by table: the same row count and the same checksum (SHA-256 over every row's values, JSON
/// compared by content, independent of row order). Binaries stay where they are: point the nodes' `--data` at the
/// directory holding `binaries/`.
public struct StoreMigration {
    /// One table of the report.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var rows: Int
        public var sourceChecksum: String
        public var targetChecksum: String
        public var matches: Bool { sourceChecksum == targetChecksum }
    }

    let source: SQLiteStore
    let target: PostgresStore
    /// Rows read and written per statement.
    static let chunk = 500

    public init(from source: SQLiteStore, to target: PostgresStore) {
        self.source = source
        self.target = target
    }

    /// The tables copied: those of the PostgreSQL schema that the SQLite store has too (not the cluster's own).
    func tables() async throws -> [(name: String, columns: [String])] {
        let targetColumns = try await target.sql.read { db in
            try db.all("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
                ORDER BY c.table_name, c.ordinal_position
                """).map { (table: $0[0] as String, column: $0[1] as String) }
        }
        // Referenced tables first (foreign keys are checked as rows arrive).
        let references = try await target.sql.read { db in
            try db.all("""
                SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc
                JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
                AND ccu.constraint_schema = tc.constraint_schema
                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                """).map { (from: $0[0] as String, to: $0[1] as String) }
        }
        var ordered: [String] = []
        var seen = Set<String>()
        var pending = targetColumns.map(\.table).filter { seen.insert($0).inserted }
        while !pending.isEmpty {
            let ready = pending.filter { table in
                references.allSatisfy { $0.from != table || $0.to == table || ordered.contains($0.to) || !pending.contains($0.to) }
            }
            let next = ready.isEmpty ? pending : ready
            ordered += next
            pending.removeAll { next.contains($0) }
        }
        var result: [(name: String, columns: [String])] = []
        for table in ordered where !table.hasPrefix("nx_") {
            let sourceColumns = try await source.gated.readDatabase { db -> Set<String>? in
                guard try db.tableExists(table) else { return nil }
                return Set(try db.columns(in: table).map(\.name) + ["rowid"])
            }
            guard let sourceColumns else { continue }
            let columns = targetColumns.filter { $0.table == table && sourceColumns.contains($0.column) }.map(\.column)
            if !columns.isEmpty { result.append((table, columns)) }
        }
        return result
    }

    /// Copies every table; refuses a target that already holds documents.
    public func copy() async throws -> [String: Int] {
        let tables = try await tables()
        let source = self.source
        let copied = try await target.transaction(write: true) { db in
            guard (try db.value(Int.self, "SELECT COUNT(*) FROM documents") ?? 0) == 0 else {
                throw NXError.conflict("The PostgreSQL database already holds documents: migrate into an empty one")
            }
            var copied: [String: Int] = [:]
            for (table, columns) in tables {
                // The seed rows a fresh store was given (none: migrations seed nothing but the cluster's own tables).
                try db.execute("DELETE FROM \(table)")
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                var count = 0
                try Self.read(source, table: table, columns: columns) { rows in
                    let perRow = "(" + placeholders(columns.count) + ")"
                    try db.execute("INSERT INTO \(table) (\(list)) VALUES " + Array(repeating: perRow, count: rows.count).joined(separator: ", "),
                                   rows.flatMap(\.values))
                    count += rows.count
                }
                copied[table] = count
            }
            // Identity columns continue after the copied values.
            for row in try db.all("""
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'
                """) {
                let (table, column): (String, String) = (row[0], row[1])
                try db.execute("SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), GREATEST((SELECT MAX(\"\(column)\") FROM \(table)), 1))")
            }
            return copied
        }
        // Statistics and visibility maps for the copied rows, before the first query plans on them.
        try await target.vacuum(tables.map(\.name))
        return copied
    }

    /// Reads a SQLite table in chunks (by rowid; tables without one, whole), the given columns in order.
    static func read(_ store: SQLiteStore, table: String, columns: [String], _ body: ([SQLRow]) throws -> Void) throws {
        let list = columns.map { $0 == "rowid" ? "rowid" : "\"\($0)\"" }.joined(separator: ", ")
        let hasRowid = try store.pool.read { db in
            (try? db.makeStatement(sql: "SELECT rowid FROM \(table) LIMIT 0")) != nil
        }
        guard hasRowid else {
            let rows = try store.pool.read { db in try SQLiteConnection(db: db).all("SELECT \(list) FROM \(table)") }
            for start in stride(from: 0, to: rows.count, by: chunk) { try body(Array(rows[start..<min(start + chunk, rows.count)])) }
            return
        }
        var after = Int64.min
        while true {
            let rows = try store.pool.read { db in
                try SQLiteConnection(db: db).all("SELECT rowid AS nx_key, \(list) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?", [after, chunk])
            }
            guard let last = rows.last else { return }
            after = last[0]
            try body(rows.map { SQLRow(values: Array($0.values.dropFirst()), columns: Array($0.columns.dropFirst())) })
            if rows.count < chunk { return }
        }
    }

    /// Compares every copied table: row counts and checksums. Both sides are read in chunks (PostgreSQL through a
    /// cursor), so memory holds one 32-byte hash per row, not the rows.
    public func verify() async throws -> [Table] {
        var report: [Table] = []
        for (table, columns) in try await tables() {
            var sourceSum = RowChecksum(columns: columns)
            try Self.read(source, table: table, columns: columns) { sourceSum.add($0) }
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let targetSum = try await target.sql.read { db in
                var sum = RowChecksum(columns: columns)
                try db.execute("DECLARE nx_verify NO SCROLL CURSOR FOR SELECT \(list) FROM \(table)")
                while true {
                    let rows = try db.all("FETCH FORWARD \(Self.chunk * 10) FROM nx_verify")
                    if rows.isEmpty { break }
                    sum.add(rows)
                }
                try db.execute("CLOSE nx_verify")
                return sum
            }
            report.append(Table(name: table, rows: sourceSum.rows, sourceChecksum: sourceSum.digest,
                                targetChecksum: targetSum.rows == sourceSum.rows ? targetSum.digest : "\(targetSum.rows) rows"))
        }
        return report
    }

    /// SHA-256 over the sorted hashes of rows' canonical text (independent of row order), fed a chunk at a time; JSON
    /// objects (document properties, stored as JSONB on PostgreSQL) canonicalized with sorted keys.
    struct RowChecksum {
        let columns: [String]
        private var hashes: [SHA256.Digest] = []
        var rows: Int { hashes.count }

        init(columns: [String]) { self.columns = columns }

        mutating func add(_ chunk: [SQLRow]) {
            for row in chunk {
                var text = ""
                for (index, value) in row.values.enumerated() {
                    switch value {
                    case .null: text += "∅"
                    case .integer(let i): text += String(i)
                    case .double(let d): text += String(d)
                    case .blob(let data): text += data.base64EncodedString()
                    case .text(let s):
                        if columns[index] == "properties", let json = try? NXJSON.parse(Array(s.utf8)) {
                            text += StoreMigration.canonical(json)
                        } else {
                            text += s
                        }
                    }
                    text += "\u{1F}"
                }
                hashes.append(SHA256.hash(data: Data(text.utf8)))
            }
        }

        var digest: String {
            var digest = SHA256()
            for hash in hashes.sorted(by: { $0.lexicographicallyPrecedes($1) }) { digest.update(data: Data(hash)) }
            return digest.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }

    /// JSON text with object keys sorted (numbers and strings as the parser read them).
    static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .object(let object):
            let pairs = object.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
            return "{" + pairs.map { String(decoding: JSONValue.string($0.0).jsonBytes(), as: UTF8.self) + ":" + canonical($0.1) }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        default: return String(decoding: value.jsonBytes(), as: UTF8.self)
        }
    }
}
