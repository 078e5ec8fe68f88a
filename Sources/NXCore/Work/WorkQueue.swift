import Foundation

/// A named queue of the durable work queue (`work_queue.kind`) and how it runs: at most `concurrency` items at a time,
/// each tried `maxAttempts` times with an exponential backoff before it is kept as failed (for
/// `POST /management/work-manager/run-works-in-failure`); a claim older than `claimTimeout` is taken over (its worker
/// died).
public struct WorkQueue: Sendable, Hashable {
    /// The queue's name: the `kind` of its items.
    public var name: String
    /// Items processed at the same time, at most.
    public var concurrency: Int
    /// Attempts of an item before it is kept as failed.
    public var maxAttempts: Int
    /// Milliseconds after which a claim is considered abandoned.
    public var claimTimeout: Int64
    /// The wait before the second attempt, in ms; doubled for each next one.
    public var firstBackoff: Int64

    public init(name: String, concurrency: Int = 1, maxAttempts: Int = 5, claimTimeout: Int64 = 10 * 60 * 1000, firstBackoff: Int64 = 1000) {
        self.name = name
        self.concurrency = max(1, concurrency)
        self.maxAttempts = max(1, maxAttempts)
        self.claimTimeout = claimTimeout
        self.firstBackoff = max(1, firstBackoff)
    }

    /// The wait before attempt `attempt + 1`, in ms: `firstBackoff` (1 s) doubled each time, at most 5 minutes.
    public func backoff(attempt: Int) -> Int64 {
        let shift = Int64(min(max(attempt - 1, 0), 20))
        let (value, overflow) = firstBackoff.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? 300_000 : min(max(300_000, firstBackoff), value)
    }
}

/// What processes the items of one queue. `process` runs outside any transaction (it may take long: a subprocess, a
/// conversion); what it returns runs in the transaction that also removes the item, so a result is stored exactly when
/// its item leaves the queue.
public protocol WorkProcessor: Sendable {
    /// The queue it serves.
    var queue: WorkQueue { get }
    /// Processes an item; throwing schedules a retry (or keeps the item as failed after its last attempt).
    func process(_ item: WorkItem) async throws -> @Sendable (any DocumentWriting) throws -> Void
}
