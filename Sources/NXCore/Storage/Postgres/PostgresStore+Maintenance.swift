import Foundation
import NXRuntime
import PostgresNIO

/// Migrations and what the management API asks of the PostgreSQL store.
extension PostgresStore {
    /// Applies the migrations not yet recorded in `nx_migrations`, each in one transaction, under an advisory lock so
    /// nodes starting together migrate once.
    func migrate() async throws {
        let logger = logger
        try await client.withConnection { connection in
            try await self.threads.runIfActive {
                let db = PostgresSQLConnection(connection, logger: logger)
                do {
                    try db.run("SELECT pg_advisory_lock(?)", [.integer(Self.migrationLock)])
                    defer { _ = try? db.run("SELECT pg_advisory_unlock(?)", [.integer(Self.migrationLock)]) }
                    try db.run(PostgresMigrations.ledger, [])
                    let applied = Set(try db.values(String.self, "SELECT name FROM nx_migrations"))
                    var vacuum = Set<String>()
                    defer {
                        // VACUUM cannot run in a transaction: after the migrations that rewrote a table, so that its
                        // visibility map (index-only scans) and statistics are current at once.
                        for table in vacuum.sorted() { _ = try? db.run("VACUUM (ANALYZE) \(table)", []) }
                    }
                    for (name, script) in PostgresMigrations.all where !applied.contains(name) {
                        vacuum.formUnion(PostgresMigrations.vacuumAfter[name] ?? [])
                        try db.run("BEGIN", [])
                        do {
                            for statement in Self.statements(script) { try db.run(statement, []) }
                            try db.execute("INSERT INTO nx_migrations (name, applied) VALUES (?, ?)",
                                           [name, Int64(Date().timeIntervalSince1970 * 1000)])
                            try db.run("COMMIT", [])
                        } catch {
                            _ = try? db.run("ROLLBACK", [])
                            throw error
                        }
                    }
                } catch {
                    throw PostgresErrorMapping.map(error)
                }
            }
        }
    }

    /// The statements of a script: split at `;` outside string literals, quoted identifiers, dollar-quoted bodies and
    /// comments (postgres-nio speaks the extended protocol only, one statement per query).
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "'" || c == "\"" {
                let end = characters[(i + 1)...].firstIndex(of: c) ?? characters.count - 1
                current += String(characters[i...end])
                i = end + 1
                continue
            }
            if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                let end = characters[i...].firstIndex(of: "\n") ?? characters.count - 1
                i = end + 1
                continue
            }
            if c == "$", let close = characters[(i + 1)...].firstIndex(of: "$"),
               characters[(i + 1)..<close].allSatisfy({ $0.isLetter || $0 == "_" }) {
                let tag = String(characters[i...close])
                let rest = String(characters[(close + 1)...])
                if let range = rest.range(of: tag) {
                    let body = String(rest[..<range.upperBound])
                    current += tag + body
                    i = close + 1 + body.count
                    continue
                }
            }
            if c == ";" {
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { statements.append(trimmed) }
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { statements.append(trimmed) }
        return statements
    }

    public func migrations() async throws -> (all: [String], applied: [String]) {
        let all = PostgresMigrations.all.map(\.name)
        let applied = Set(try await sql.read { db in try db.values(String.self, "SELECT name FROM nx_migrations") })
        return (all, all.filter(applied.contains))
    }

    /// Nothing to do: PostgreSQL's commits are durable in its WAL, and its own checkpoints write them back.
    public func checkpoint() async throws {}

    /// Refreshes the planner's statistics of the documents and fulltext tables and their visibility maps (index-only
    /// scans after a bulk load skip the table only where VACUUM marked its pages all-visible). Outside a transaction.
    public func optimize() async throws {
        try await vacuum(["documents", "fulltext"])
    }

    /// `VACUUM (ANALYZE)` of each table (statistics and visibility map), on a direct connection: VACUUM cannot run in a
    /// transaction.
    func vacuum(_ tables: [String]) async throws {
        for table in tables { try await directly { db in try db.execute("VACUUM (ANALYZE) \(table)") } }
    }

    public func workQueueCounts() async throws -> [(kind: String, pending: Int, failed: Int)] {
        try await sql.read { db in
            try db.all("""
                SELECT kind, SUM(CASE WHEN failed = 0 THEN 1 ELSE 0 END) AS pending, SUM(failed) AS failed
                FROM work_queue GROUP BY kind ORDER BY kind
                """).map { ($0[0], $0[1], $0[2]) }
        }
    }

    public func heartbeat(node: String, started: Int64, now: Int64) async throws {
        // Autocommit on a direct connection: a heartbeat neither waits for the cluster's writer lock nor moves the write
        // generation (no cached document changes).
        try await directly { db in
            try db.execute("""
                INSERT INTO nx_nodes (node_id, started, seen) VALUES (?, ?, ?)
                ON CONFLICT (node_id) DO UPDATE SET started = excluded.started, seen = excluded.seen
                """, [node, started, now])
        }
    }

    public func liveNodes(since: Int64) async throws -> [String] {
        try await sql.read { db in try db.values(String.self, "SELECT node_id FROM nx_nodes WHERE seen >= ? ORDER BY node_id", [since]) }
    }

    public func databaseSize() async throws -> Int64 {
        try await sql.read { db in try db.value(Int64.self, "SELECT pg_database_size(current_database())") ?? 0 }
    }
}
