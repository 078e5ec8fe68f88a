import Foundation
import GRDB

/// A GRDB `DatabasePool` whose asynchronous reads first take a slot of an async semaphore: at most `readers` reads
/// are handed to GRDB at a time; the others wait suspended. (Writes need no gate: GRDB queues them on its writer actor
/// without blocking a thread.)
///
/// Without the gate, more concurrent requests than reader connections make GRDB block dispatch worker threads on its
/// pool semaphore. On a 2-core machine those are the very threads the connection holders need to finish, so 64
/// concurrent queries deadlocked the server (observed with wrk; the stacks were all in `Pool.get`).
public final class GatedPool: Sendable {
    let pool: DatabasePool
    let readSlots: AsyncSemaphore

    init(_ pool: DatabasePool, readers: Int) {
        self.pool = pool
        readSlots = AsyncSemaphore(max(1, readers))
    }

    /// A read transaction.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        await readSlots.acquire()
        defer { readSlots.release() }
        return try await DatabaseErrorMapping.mapping { try await pool.read(body) }
    }

    /// A write transaction (rolled back if `body` throws).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await DatabaseErrorMapping.mapping { try await pool.write(body) }
    }
}

/// A counting semaphore that suspends tasks instead of blocking threads.
public final class AsyncSemaphore: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(_ count: Int) { available = count }

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
