import Foundation
import Logging
import NXRuntime

/// Extracts the text of stored binaries into the fulltext index, in the background: documents queue their new
/// binaries in the durable `work_queue` in the same transaction as the write (so an upload never waits for extraction,
/// and a restart resumes pending work); this worker claims items, extracts outside any transaction, then stores the
/// text and re-indexes the documents referencing the binary. Unsupported types and missing tools index nothing.
public final class BinaryTextWorker: Sendable {
    /// The work queue kind.
    public static let kind = "fulltext"
    let repository: Repository
    let extractor: TextExtractor
    let logger: Logger
    /// A claim older than this (ms) is taken over: its worker died.
    let claimTimeout: Int64
    private let lock = NSLock()
    nonisolated(unsafe) private var signalled = false

    public init(repository: Repository, extractor: TextExtractor = TextExtractor(), claimTimeout: Int64 = 10 * 60 * 1000,
                logger: Logger = Logger(label: "nx.fulltext")) {
        self.repository = repository
        self.extractor = extractor
        self.claimTimeout = claimTimeout
        self.logger = logger
    }

    /// Asks the running worker to look at the queue now.
    public func signal() { lock.withLock { signalled = true } }

    func takeSignal() -> Bool { lock.withLock { defer { signalled = false }; return signalled } }

    /// Processes one queued item; false when the queue is empty.
    @discardableResult
    public func runOnce() async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let stale = now - claimTimeout
        guard let item = try await repository.store.write({ tx in try tx.claimWork(kind: Self.kind, now: now, staleBefore: stale) }) else {
            return false
        }
        let text = await extract(item)
        do {
            try await repository.store.write { tx in
                try tx.storeBinaryText(digest: item.key, text: text)
                try tx.finishWork(id: item.id)
            }
        } catch {
            // Retried with an exponential backoff (1 s, 2 s, 4 s…), then kept as failed for `run-works-in-failure`.
            let retryAt = item.attempts < Self.maxAttempts ? now + Self.backoff(attempt: item.attempts) : nil
            let message = (error as? NXError)?.message ?? "\(error)"
            try await repository.store.write { tx in try tx.failWork(id: item.id, error: message, retryAt: retryAt) }
            logger.error("fulltext extraction failed", metadata: ["digest": "\(item.key)", "attempt": "\(item.attempts)", "error": "\(message)"])
        }
        return true
    }

    /// Attempts of an item before it is kept as failed.
    public static let maxAttempts = 5

    /// The wait before attempt `attempt + 1`, ms: 1 s doubled each time, at most 5 minutes.
    static func backoff(attempt: Int) -> Int64 {
        min(300_000, 1000 << Int64(min(max(attempt - 1, 0), 20)))
    }

    /// Processes items until the queue is empty; returns how many.
    @discardableResult
    public func drain() async throws -> Int {
        var count = 0
        while try await runOnce() { count += 1 }
        return count
    }

    /// Runs until cancelled: drains the queue, then waits for a signal or `pollInterval`.
    public func run(pollInterval: Duration = .seconds(2)) async {
        while !Task.isCancelled {
            do {
                try await drain()
            } catch {
                logger.error("fulltext extraction failed", metadata: ["error": "\(error)"])
            }
            var waited = Duration.zero
            while waited < pollInterval, !takeSignal(), !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                waited += .milliseconds(50)
            }
        }
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
