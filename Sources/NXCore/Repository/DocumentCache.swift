import Foundation

/// Recently read documents by id and path, for the single-process embedded store.
///
/// Consistency by generation: every write bumps the generation (and clears) before and after its transaction,
/// and a reader inserts what it read only if the generation did not move while it read. So an entry is never older
/// than the last committed write of this process. On a database other processes write too (a cluster), the repository
/// first synchronizes with the database's write generation (`synchronize`): a read that starts after another node's
/// commit sees a newer generation and finds the cache emptied.
final class DocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var byId: [String: DocumentRecord] = [:]
    private var idByPath: [String: String] = [:]
    private var generation: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The current generation, read before a lookup.
    var currentGeneration: UInt64 { lock.withLock { generation } }

    func document(id: String) -> DocumentRecord? { lock.withLock { byId[id] } }

    func document(path: String) -> DocumentRecord? { lock.withLock { idByPath[path].flatMap { byId[$0] } } }

    /// Stores `record` if no write happened since `generation` was read.
    func store(_ record: DocumentRecord, readAt generation: UInt64) {
        lock.withLock {
            guard generation == self.generation, capacity > 0 else { return }
            if byId.count >= capacity {
                byId.removeAll(keepingCapacity: true)
                idByPath.removeAll(keepingCapacity: true)
            }
            byId[record.id] = record
            idByPath[record.path] = record.id
        }
    }

    /// The last shared write generation seen.
    private var shared: UInt64?

    /// Empties the cache when the shared database's write generation moved since last seen.
    func synchronize(_ sharedGeneration: UInt64) {
        lock.withLock {
            guard shared != sharedGeneration else { return }
            shared = sharedGeneration
            clear()
        }
    }

    /// Forgets everything and moves to a new generation.
    func invalidate() {
        lock.withLock { clear() }
    }

    /// Empties the cache and moves to a new generation (the lock held).
    private func clear() {
        generation &+= 1
        byId.removeAll(keepingCapacity: true)
        idByPath.removeAll(keepingCapacity: true)
    }
}
