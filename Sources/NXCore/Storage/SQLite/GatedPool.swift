import Foundation
import GRDB
import Synchronization

/// A GRDB `DatabasePool` whose asynchronous reads first take a slot of an async semaphore: at most `readers` reads
/// are handed to GRDB at a time; the others wait suspended. (Writes need no gate: GRDB queues them on its writer actor
/// without blocking a thread.)
///
/// Without the gate, more concurrent requests than reader connections make GRDB block dispatch worker threads on its
/// pool semaphore. On a 2-core machine those are the very threads the connection holders need to finish, so 64
/// concurrent queries deadlocked the server (observed with wrk; the stacks were all in `Pool.get`).
public final class GatedPool: SQLAccess {
    let pool: DatabasePool
    let readSlots: AsyncSemaphore

    init(_ pool: DatabasePool, readers: Int) {
        self.pool = pool
        readSlots = AsyncSemaphore(max(1, readers))
    }

    private let observer = Mutex<(any StoreObserver)?>(nil)

    /// Reports every transaction to `observer` from now on (the server's metrics).
    public func observe(_ observer: any StoreObserver) { self.observer.withLock { $0 = observer } }

    /// Readers in use (of the gate's slots) and tasks waiting for one.
    public var readerUsage: (inUse: Int, waiting: Int) { readSlots.usage }

    /// A read transaction over the backend-neutral connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await readDatabase { db in try body(SQLiteConnection(db: db)) }
    }

    /// A write transaction over the backend-neutral connection (rolled back if `body` throws).
    @discardableResult public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await writeDatabase { db in try body(SQLiteConnection(db: db)) }
    }

    /// A read transaction on the GRDB connection.
    func readDatabase<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let start = ContinuousClock.now
        await readSlots.acquire()
        defer { readSlots.release() }
        guard let observer = observer.withLock({ $0 }) else { return try await DatabaseErrorMapping.mapping { try await pool.read(body) } }
        return try await Self.timed(start: start, write: false, observer) { began in
            try await DatabaseErrorMapping.mapping { try await self.pool.read { db in began.mark(); return try body(db) } }
        }
    }

    /// A write transaction on the GRDB connection (rolled back if `body` throws).
    func writeDatabase<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard let observer = observer.withLock({ $0 }) else { return try await DatabaseErrorMapping.mapping { try await pool.write(body) } }
        return try await Self.timed(start: .now, write: true, observer) { began in
            try await DatabaseErrorMapping.mapping { try await self.pool.write { db in began.mark(); return try body(db) } }
        }
    }

    /// Runs a transaction, reporting its wait (until its body began on a connection) and its run.
    private static func timed<T>(start: ContinuousClock.Instant, write: Bool, _ observer: any StoreObserver,
                                 _ run: (TransactionStart) async throws -> T) async throws -> T {
        let began = TransactionStart()
        do {
            let result = try await run(began)
            let (waited, ran) = began.split(from: start)
            observer.storeTransaction(write: write, waited: waited, ran: ran, failed: false)
            return result
        } catch {
            let (waited, ran) = began.split(from: start)
            observer.storeTransaction(write: write, waited: waited, ran: ran, failed: true)
            throw error
        }
    }
}

/// When a transaction's body began running on its connection.
private final class TransactionStart: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)

    func mark() { instant.withLock { $0 = .now } }

    /// (wait, run) of a transaction asked for at `start` and ended now; all wait when the body never began.
    func split(from start: ContinuousClock.Instant) -> (Duration, Duration) {
        let end = ContinuousClock.now
        let began = instant.withLock { $0 } ?? end
        return (began - start, end - began)
    }
}

/// A counting semaphore that suspends tasks instead of blocking threads.
public final class AsyncSemaphore: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private let capacity: Int

    public init(_ count: Int) {
        available = count
        capacity = count
    }

    /// Permits held and tasks waiting for one.
    public var usage: (inUse: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (capacity - available, waiters.count)
    }

    /// Takes a slot, suspending until one is free.
    public func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = lock.withLock { () -> Bool in
                if available > 0 {
                    available -= 1
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives a slot back (to the longest waiter if any).
    public func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiters.isEmpty {
                available += 1
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
