import Foundation

/// Nuxeo's `binaryManagerStatus`: what a GC run kept and what it collected (or, in a dry run, would collect).
public struct BinaryManagerStatus: Sendable, Hashable {
    /// Duration of the run, ms.
    public var gcDuration: Int64
    /// Binaries kept, and their total size.
    public var numBinaries: Int64
    public var sizeBinaries: Int64
    /// Binaries collected (or collectable), and their total size.
    public var numBinariesGC: Int64
    public var sizeBinariesGC: Int64
}

extension Repository {
    /// Mark and sweep of the binary store: every binary no document, version or live upload batch references, and
    /// older than `gracePeriod` ms (so a binary being uploaded or attached right now is never collected), is removed —
    /// unless `delete` is false (dry run). The store is listed before the references are read, so a binary stored
    /// during the run is either referenced or too recent.
    public func collectOrphanBinaries(delete: Bool, gracePeriod: Int64 = 3_600_000) async throws -> BinaryManagerStatus {
        guard let binaries else { return BinaryManagerStatus(gcDuration: 0, numBinaries: 0, sizeBinaries: 0, numBinariesGC: 0, sizeBinariesGC: 0) }
        let start = Date()
        let listed = try await BlockingIO.run { try binaries.list() }
        let referenced = try await store.read { tx in try tx.referencedDigests() }
        let horizon = now() - gracePeriod
        var status = BinaryManagerStatus(gcDuration: 0, numBinaries: 0, sizeBinaries: 0, numBinariesGC: 0, sizeBinariesGC: 0)
        var candidates: [StoredBinary] = []
        for (binary, modified) in listed {
            if referenced.contains(binary.digest) || modified > horizon {
                status.numBinaries += 1
                status.sizeBinaries += binary.length
            } else {
                candidates.append(binary)
            }
        }
        // Before deleting, look again: a write of identical content refreshes the file's time, and a reference may have
        // been committed since the first read.
        let recheck = delete && !candidates.isEmpty ? try await store.read { tx in try tx.referencedDigests() } : referenced
        for binary in candidates {
            if delete, recheck.contains(binary.digest) || (binaries.modified(binary.digest) ?? 0) > horizon {
                status.numBinaries += 1
                status.sizeBinaries += binary.length
                continue
            }
            if delete { try binaries.remove(binary.digest) }
            status.numBinariesGC += 1
            status.sizeBinariesGC += binary.length
        }
        status.gcDuration = Int64(Date().timeIntervalSince(start) * 1000)
        return status
    }
}
