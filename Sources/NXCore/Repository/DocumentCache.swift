import Foundation

/// Recently read documents by id and path, for the single-process embedded store.
///
/// Consistency by generation: every write bumps the generation (and clears) before and after its transaction,
/// and a reader inserts what it read only if the generation did not move while it read. So an entry is never older
/// than the last committed write of this process. On a database other processes write too (a cluster), the repository
/// first synchronizes with the database's write generation (`synchronize`): a read that starts after another node's
/// commit sees a newer generation and finds the cache emptied.
final class DocumentCache: @unchecked Sendable {
    /// Documents by id and the id at each path: one segment of the cache.
    private struct Segment {
        var byId: [String: DocumentRecord] = [:]
        var idByPath: [String: String] = [:]

        func document(path: String) -> DocumentRecord? { idByPath[path].flatMap { byId[$0] } }

        mutating func insert(_ record: DocumentRecord) {
            byId[record.id] = record
            idByPath[record.path] = record.id
        }
    }

    private let lock = NSLock()
    /// Recently used documents, and those used before them: eviction drops the older segment whole and the recent one
    /// becomes older, so a document read again since (promoted to the recent segment) survives. A close approximation of
    /// least-recently-used at the cost of a dictionary lookup, with `capacity` documents at most.
    private var recent = Segment(), older = Segment()
    private var generation: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The current generation, read before a lookup.
    var currentGeneration: UInt64 { lock.withLock { generation } }

    /// Lookups answered from the cache, and those that were not, since the process started.
    private(set) var hits = 0, misses = 0

    func document(id: String) -> DocumentRecord? {
        lock.withLock {
            if let record = recent.byId[id] { return counted(record) }
            return counted(promoted(older.byId[id]))
        }
    }

    func document(path: String) -> DocumentRecord? {
        lock.withLock {
            if let record = recent.document(path: path) { return counted(record) }
            return counted(promoted(older.document(path: path)))
        }
    }

    /// The counts of hits and misses, and the number of cached documents.
    var statistics: DocumentCacheStatistics {
        lock.withLock {
            DocumentCacheStatistics(hits: hits, misses: misses, entries: recent.byId.count + older.byId.filter { recent.byId[$0.key] == nil }.count)
        }
    }

    /// Counts a lookup (the lock held).
    private func counted(_ record: DocumentRecord?) -> DocumentRecord? {
        if record == nil { misses &+= 1 } else { hits &+= 1 }
        return record
    }

    /// A document found in the older segment, copied into the recent one (the lock held).
    private func promoted(_ record: DocumentRecord?) -> DocumentRecord? {
        if let record { insertRecent(record) }
        return record
    }

    /// Inserts into the recent segment, which becomes the older one when it holds half the capacity (the lock held).
    private func insertRecent(_ record: DocumentRecord) {
        if recent.byId.count >= max(1, capacity / 2) {
            older = recent
            recent = Segment()
            recent.byId.reserveCapacity(capacity / 2)
            recent.idByPath.reserveCapacity(capacity / 2)
        }
        recent.insert(record)
    }

    /// Stores `record` if no write happened since `generation` was read.
    func store(_ record: DocumentRecord, readAt generation: UInt64) {
        lock.withLock {
            guard generation == self.generation, capacity > 0 else { return }
            insertRecent(record)
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
        recent = Segment()
        older = Segment()
    }
}

/// What the document cache served since the process started.
public struct DocumentCacheStatistics: Sendable, Equatable {
    /// Lookups answered from the cache.
    public let hits: Int
    /// Lookups that read the store.
    public let misses: Int
    /// Documents cached now.
    public let entries: Int
}
