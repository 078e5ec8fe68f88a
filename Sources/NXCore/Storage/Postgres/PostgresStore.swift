import Foundation
import NXRuntime
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The store on PostgreSQL: the same SQL session as SQLite (`SQLSession`) over postgres-nio.
///
/// Transactions run on a blocking thread pool of the store's own (`NIOThreadPool`), never on an event loop or the
/// cooperative pool: the session's statements wait for their results there, on a connection leased from postgres-nio's
/// `PostgresClient` pool. Reads are `REPEATABLE READ READ ONLY` (one snapshot per transaction). Writes are serialized
/// across the whole cluster by a transaction-scoped advisory lock, the same single-writer model as SQLite's, so a
/// check-then-write in a transaction (a changeToken check, a name collision) sees every commit of every node before it.
/// Point lookups (`pointRead`: a document by id or path, the cluster's counters) run in autocommit on dedicated
/// connections, on the same blocking pool; `readNow` (rare: an uncached read ACL) waits on the calling thread.
public final class PostgresStore: SQLStore {
    /// Where to connect (from a `postgres://user:password@host:port/database` URL).
    public struct Endpoint: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String

        public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
        }

        /// Parses `postgres://user[:password]@host[:port]/database` (`postgresql://` too).
        public init(url: String) throws {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                  let host = components.host, !host.isEmpty
            else { throw NXError.invalid("Not a PostgreSQL URL (postgres://user:password@host:port/database): \(url)") }
            let database = String(components.path.drop(while: { $0 == "/" }))
            self.init(host: host, port: components.port ?? 5432, user: components.user ?? "postgres",
                      password: components.password?.removingPercentEncoding ?? components.password,
                      database: database.isEmpty ? "nuxeo" : database)
        }
    }

    let endpoint: Endpoint
    let client: PostgresClient
    private let clientRun: Task<Void, Never>
    let threads: NIOThreadPool
    let logger: Logger
    let readSlots: AsyncSemaphore
    let writeSlot = AsyncSemaphore(1)
    let direct: DirectConnections
    private let observer = Mutex<(any StoreObserver)?>(nil)

    /// The advisory lock key of the cluster-wide writer (a write transaction holds it until it ends).
    static let writerLock: Int64 = 0x6e78_7772 // "nxwr"
    /// The advisory lock key held while migrations run (nodes starting together migrate once).
    static let migrationLock: Int64 = 0x6e78_6d67 // "nxmg"

    /// Connects to `endpoint` and runs pending migrations.
    public init(endpoint: Endpoint, readers: Int = 6, logger: Logger = Logger(label: "nx.postgres")) async throws {
        self.endpoint = endpoint
        self.logger = logger
        var configuration = PostgresClient.Configuration(host: endpoint.host, port: endpoint.port, username: endpoint.user,
                                                         password: endpoint.password, database: endpoint.database, tls: .disable)
        configuration.options.maximumConnections = readers + 2
        configuration.options.minimumConnections = 0
        configuration.options.connectionIdleTimeout = .seconds(30)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let client = client
        clientRun = Task { await client.run() }
        // Transactions (readers + 2 connections) and point lookups share the pool.
        threads = NIOThreadPool(numberOfThreads: 2 * readers + 4)
        threads.start()
        readSlots = AsyncSemaphore(max(1, readers))
        // Point lookups run on the blocking pool (its threads bound them) or, rarely, synchronously (`readNow`).
        direct = DirectConnections(endpoint: endpoint, capacity: readers + 4, logger: logger)
        do {
            try await migrate()
        } catch {
            await close()
            throw error
        }
    }

    /// Connects to a `postgres://` URL.
    public convenience init(url: String, readers: Int = 6) async throws {
        try await self.init(endpoint: Endpoint(url: url), readers: readers)
    }

    /// Closes every connection and stops the threads.
    public func close() async {
        direct.closeAll()
        clientRun.cancel()
        _ = await clientRun.value
        try? await threads.shutdownGracefully()
    }

    /// A store dropped without `close()` (tests) still lets its connections and threads go.
    deinit {
        direct.closeAll()
        clientRun.cancel()
        threads.shutdownGracefully { _ in }
    }

    public var sql: any SQLAccess { PostgresAccess(store: self) }
    public var backend: SQLBackend { .postgres }
    public var dialect: any SQLDialect { PostgresDialect.shared }
    public func observe(_ observer: any StoreObserver) { self.observer.withLock { $0 = observer } }
    public var readerUsage: (inUse: Int, waiting: Int) { readSlots.usage }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T {
        try await transaction(write: false) { db in try body(SQLSession(db: db)) }
    }

    public func readNow<T>(_ body: (any DocumentReading) throws -> T) throws -> T {
        try direct.with { db in try body(SQLSession(db: db)) }
    }

    /// Runs `body` on a direct connection (autocommit: one round trip a statement), on the blocking pool.
    @discardableResult
    func directly<T: Sendable>(_ body: @escaping @Sendable (PostgresSQLConnection) throws -> T) async throws -> T {
        let direct = direct
        return try await threads.runIfActive { try direct.with(body) }
    }

    /// The cluster's write generation.
    public func sharedGeneration() async throws -> UInt64? { try await sharedCounter(.writes) }

    /// A counter of `nx_cluster` (one indexed row, autocommit, on the blocking pool).
    public func sharedCounter(_ counter: SharedCounter) async throws -> UInt64? {
        try await directly { db in
            UInt64(bitPattern: try db.value(Int64.self, "SELECT generation FROM nx_cluster WHERE id = ?", [counter.rawValue]) ?? 0)
        }
    }

    /// A point lookup on a direct connection, on the blocking pool.
    public func pointRead<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T {
        try await directly { db in try body(SQLSession(db: db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any DocumentWriting) throws -> T) async throws -> T {
        try await transaction(write: true) { db in try body(SQLSession(db: db)) }
    }

    /// Runs `body` in a transaction on a pooled connection, on the blocking pool.
    func transaction<T: Sendable>(write: Bool, _ body: @escaping @Sendable (PostgresSQLConnection) throws -> T) async throws -> T {
        let start = ContinuousClock.now
        let gate = write ? writeSlot : readSlots
        await gate.acquire()
        defer { gate.release() }
        let began = Mutex<ContinuousClock.Instant?>(nil)
        let logger = logger, threads = threads
        do {
            let result = try await client.withConnection { connection in
                try await threads.runIfActive { () throws -> T in
                    began.withLock { $0 = .now }
                    let db = PostgresSQLConnection(connection, logger: logger)
                    try db.run(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
                    do {
                        if write {
                            try db.run("SELECT pg_advisory_xact_lock(?)", [.integer(Self.writerLock)])
                            try db.run(SharedCounter.writes.increment, [])
                        }
                        let result = try body(db)
                        try db.run("COMMIT", [])
                        return result
                    } catch {
                        _ = try? db.run("ROLLBACK", [])
                        throw error
                    }
                }
            }
            report(write: write, start: start, began: began.withLock { $0 }, failed: false)
            return result
        } catch {
            report(write: write, start: start, began: began.withLock { $0 }, failed: true)
            throw PostgresErrorMapping.map(error)
        }
    }

    private func report(write: Bool, start: ContinuousClock.Instant, began: ContinuousClock.Instant?, failed: Bool) {
        guard let observer = observer.withLock({ $0 }) else { return }
        let end = ContinuousClock.now, began = began ?? end
        observer.storeTransaction(write: write, waited: began - start, ran: end - began, failed: failed)
    }
}

/// `SQLAccess` of a `PostgresStore`: its transactions, at statement level.
struct PostgresAccess: SQLAccess {
    let store: PostgresStore

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await store.transaction(write: false, body)
    }

    @discardableResult func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await store.transaction(write: true, body)
    }
}
