import Foundation
import Logging
import NXRuntime

/// Extracts the text of stored binaries into the fulltext index, in the background: documents queue their new
/// binaries in the durable `work_queue` in the same transaction as the write (so an upload never waits for extraction,
/// and a restart resumes pending work); this worker claims items, extracts outside any transaction, then stores the
/// text and re-indexes the documents referencing the binary. Unsupported types and missing tools index nothing.
public final class BinaryTextWorker: WorkProcessor {
    /// The work queue kind.
    public static let kind = "fulltext"
    let repository: Repository
    let extractor: TextExtractor
    let logger: Logger
    /// The queue: its concurrency bounds the extractions (subprocesses) running at once.
    public let queue: WorkQueue

    public init(repository: Repository, extractor: TextExtractor = TextExtractor(), concurrency: Int = 1,
                claimTimeout: Int64 = 10 * 60 * 1000, logger: Logger = Logger(label: "nx.fulltext")) {
        self.repository = repository
        self.extractor = extractor
        self.logger = logger
        queue = WorkQueue(name: Self.kind, concurrency: concurrency, maxAttempts: Self.maxAttempts, claimTimeout: claimTimeout)
    }

    /// Attempts of an item before it is kept as failed.
    public static let maxAttempts = 5

    /// Extracts outside any transaction; the text is stored (and the documents re-indexed) as the item leaves the queue.
    public func process(_ item: WorkItem) async throws -> @Sendable (any DocumentWriting) throws -> Void {
        let text = await extract(item)
        return { tx in try tx.storeBinaryText(digest: item.key, text: text) }
    }

    /// Processes one queued item; false when the queue is empty (tests and tools; the server runs a `WorkManager`).
    @discardableResult
    public func runOnce() async throws -> Bool {
        try await WorkManager.runOnce(self, repository: repository, logger: logger)
    }

    /// Processes items until the queue is empty; returns how many.
    @discardableResult
    public func drain() async throws -> Int {
        var count = 0
        while try await runOnce() { count += 1 }
        return count
    }

    /// The text of an item's binary ("" when it has none, its type gives none, or the file is gone).
    func extract(_ item: WorkItem) async -> String {
        guard let binaries = repository.binaries, let path = binaries.file(item.key) else { return "" }
        var mimeType = item.payload
        if mimeType.isEmpty || mimeType.hasPrefix("application/octet-stream") {
            mimeType = repository.detectMimeType(BlobValue(name: nil, mimeType: nil, encoding: nil, digest: item.key,
                                                           digestAlgorithm: binaries.digestAlgorithm.rawValue, length: 0))
        }
        guard extractor.supports(mimeType) else { return "" }
        return await extractor.extract(path: path, mimeType: mimeType) ?? ""
    }
}
