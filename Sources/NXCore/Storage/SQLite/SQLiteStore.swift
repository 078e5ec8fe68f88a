import Foundation
import GRDB
import NXRuntime

/// The embedded store: SQLite through a GRDB `DatabasePool` in WAL mode.
public final class SQLiteStore: SQLStore {
    let pool: DatabasePool
    /// The pool behind the async-semaphore gate: every asynchronous access goes through it (see `GatedPool`).
    public let gated: GatedPool

    /// When a commit reaches the disk (`PRAGMA synchronous`).
    public enum Durability: String, Sendable, CaseIterable {
        /// Every commit syncs the WAL: acknowledged writes survive a power loss (the default).
        case full = "FULL"
        /// The WAL is synced at checkpoints: survives a killed process, may lose the last commits on power loss.
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String, durability: Durability = .full) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Durable commits: FULL syncs the WAL at every commit, so an acknowledged write survives a power loss,
            // not only a killed process (NORMAL may lose the last commits). The cost is measured by `make bench`.
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)")
            // Checkpoint every ~40 MB of WAL rather than 4 MB: fewer random write-backs into a large store.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            // NXQL LIKE is case-sensitive; ILIKE lower-cases both sides.
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            // Reads through a memory map instead of a read(2) per page, which copied every page through the kernel. At
            // 1,000,000 documents, in alternating runs of one build: Zipf GETs by random id 8,020-8,430 → 9,088-9,420
            // req/s, an administrator's fulltext with its exact count p50 128-132 → 87-90 ms. SQLite caps the size at
            // its compile-time maximum (2 GiB in Debian's build); pages beyond it, and those in the WAL, are read as before.
            try db.execute(sql: "PRAGMA mmap_size = \(SQLiteStore.mmapSize)")
            db.add(function: SQLiteStore.lowerFunction)
        }
        // A connection that finds the database locked waits for it rather than failing the request at once: under mixed
        // traffic (64 connections, updates among reads) GRDB's default, an immediate SQLITE_BUSY, failed 3 to 12 updates a
        // minute with a 500 "database is locked".
        configuration.busyMode = .timeout(10)
        // Asynchronous reads take at most `asyncReaders` connections (the gate); synchronous point reads (`readNow`), at
        // most one per thread of the cooperative pool, always find one of the others free.
        let asyncReaders = 6
        configuration.maximumReaderCount = asyncReaders + ProcessInfo.processInfo.activeProcessorCount + 1
        pool = try DatabasePool(path: path, configuration: configuration)
        gated = GatedPool(pool, readers: asyncReaders)
        try SQLiteMigrations.migrator.migrate(pool)
    }

    /// Runs `body` in a read transaction on a pooled reader connection, behind the gate.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T {
        try await gated.read { db in try body(SQLSession(db: db)) }
    }

    /// Runs a point lookup synchronously on a reader connection, without a transaction.
    public func readNow<T>(_ body: (any DocumentReading) throws -> T) throws -> T {
        // A point lookup is a single statement, atomic by itself: no BEGIN/COMMIT around it.
        try DatabaseErrorMapping.mapping { try pool.unsafeRead { db in try body(SQLSession(db: SQLiteConnection(db: db))) } }
    }

    public var sql: any SQLAccess { gated }
    public var backend: SQLBackend { .sqlite }
    public var dialect: any SQLDialect { SQLiteDialect.shared }
    public func observe(_ observer: any StoreObserver) { gated.observe(observer) }
    public var readerUsage: (inUse: Int, waiting: Int) { gated.readerUsage }

    /// Runs `body` in a write transaction on the writer connection, behind the gate.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any DocumentWriting) throws -> T) async throws -> T {
        try await gated.write { db in try body(SQLSession(db: db)) }
    }
}

extension SQLiteStore {
    /// The largest memory map of the database file a connection asks for (`PRAGMA mmap_size`), in bytes.
    static let mmapSize: Int64 = 1 << 40

    /// `nx_lower(text)`: Unicode lower-casing for ILIKE.
    static let lowerFunction = DatabaseFunction("nx_lower", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return values[0] }
        return text.lowercased()
    }
}
