import NXCore
import NXRuntime
import Synchronization

/// One binary garbage collection at a time: the synchronous `DELETE /management/binaries/orphaned` and the bulk one
/// exclude each other (409).
final class BinaryGCGate: Sendable {
    static let shared = BinaryGCGate()
    private let running = Mutex(false)

    var isRunning: Bool { running.withLock { $0 } }

    /// Runs `body` unless a collection runs (here or as an active bulk command): then 409.
    func run<T: Sendable>(bulk: BulkService, _ body: () async throws -> T) async throws -> T {
        if let active = try await bulk.activeCommand(action: "garbageCollectOrphanBlobs") { throw NXError.conflict("Bulk Action: garbageCollectOrphanBlobs is exclusive, command: \(active.id) is already running") }
        let acquired = running.withLock { busy in
            if busy { return false }
            busy = true
            return true
        }
        guard acquired else { throw NXError.conflict("Garbage collection of binaries already in progress") }
        defer { running.withLock { $0 = false } }
        return try await body()
    }
}
