import Foundation
import GRDB

/// What the management API asks of the embedded store: its schema migrations, a checkpoint, an index merge, the state
/// of the work queue.
extension SQLiteStore {
    /// Every schema migration in order, and those applied to this store.
    public func migrations() async throws -> (all: [String], applied: [String]) {
        let all = SQLiteMigrations.migrator.migrations
        let applied = try await gated.readDatabase { db in try SQLiteMigrations.migrator.appliedIdentifiers(db) }
        return (all, all.filter { applied.contains($0) })
    }

    /// Writes the WAL into the database file and truncates it (Elasticsearch's `flush`). A truncating checkpoint must
    /// wait for the readers of the moment, so it is tried a few times; if readers keep it busy, a passive checkpoint
    /// (which never waits) writes back what it can, and the WAL is truncated at a later flush or automatic checkpoint.
    public func checkpoint() async throws {
        for attempt in 0..<5 {
            do {
                try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                try await Task.sleep(for: .milliseconds(20 << attempt))
            } catch {
                throw DatabaseErrorMapping.map(error)
            }
        }
        try await DatabaseErrorMapping.mapping { try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) } }
    }

    /// Merges the fulltext index's segments and refreshes the query planner's statistics (Elasticsearch's `optimize`).
    public func optimize() async throws {
        try await gated.writeDatabase { db in
            try db.execute(sql: "INSERT INTO fulltext(fulltext) VALUES ('optimize')")
            try db.execute(sql: "PRAGMA optimize")
        }
    }

    /// Work queue items by kind: pending (waiting or running) and failed.
    public func workQueueCounts() async throws -> [(kind: String, pending: Int, failed: Int)] {
        try await gated.readDatabase { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, SUM(CASE WHEN failed = 0 THEN 1 ELSE 0 END) AS pending, SUM(failed) AS failed
                FROM work_queue GROUP BY kind ORDER BY kind
                """).map { ($0["kind"], $0["pending"], $0["failed"]) }
        }
    }

    /// One process uses the embedded store: nothing is shared.
    public func sharedCounter(_ counter: SharedCounter) async throws -> UInt64? { nil }

    /// One process uses the embedded store: no cluster to record.
    public func heartbeat(node: String, started: Int64, now: Int64) async throws {}

    /// One process uses the embedded store: no cluster.
    public func liveNodes(since: Int64) async throws -> [String] { [] }

    /// The size of the database file in bytes (pages × page size), read from the database itself.
    public func databaseSize() async throws -> Int64 {
        try await gated.readDatabase { db in
            let (size, overflow) = (try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0)
                .multipliedReportingOverflow(by: try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
            return overflow ? Int64.max : size
        }
    }
}
