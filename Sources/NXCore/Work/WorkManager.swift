import Foundation
import Logging
import NXRuntime
import Synchronization

/// Runs the durable work queue's named queues in the background, each with its processor and bounded concurrency:
/// workers claim items (oldest first, skipping those waiting for their retry), process them, then remove them, or
/// record the failure for a retry with backoff, or keep them as failed after the queue's last attempt.
public final class WorkManager: Sendable {
    let repository: Repository
    let logger: Logger
    private let processors = Mutex<[String: any WorkProcessor]>([:])
    private let signalled = Mutex<Set<String>>([])

    public init(repository: Repository, logger: Logger = Logger(label: "nx.work")) {
        self.repository = repository
        self.logger = logger
    }

    /// Adds (or replaces) the processor of its queue.
    public func register(_ processor: any WorkProcessor) {
        processors.withLock { $0[processor.queue.name] = processor }
    }

    /// The registered queues, by name.
    public var queues: [WorkQueue] { processors.withLock { $0.values.map(\.queue).sorted { $0.name < $1.name } } }

    /// Asks the workers of `queue` (of every queue when nil) to look at it now.
    public func signal(_ queue: String? = nil) {
        let names = queue.map { [$0] } ?? queues.map(\.name)
        signalled.withLock { $0.formUnion(names) }
    }

    private func takeSignal(_ queue: String) -> Bool { signalled.withLock { $0.remove(queue) != nil } }

    /// Processes one item of `queue`; false when none is ready.
    @discardableResult
    public func runOnce(_ queue: String) async throws -> Bool {
        guard let processor = processors.withLock({ $0[queue] }) else { throw NXError.notFound("No such work queue: \(queue)") }
        return try await Self.runOnce(processor, repository: repository, logger: logger)
    }

    /// Processes items of `queue` until none is ready; returns how many.
    @discardableResult
    public func drain(_ queue: String) async throws -> Int {
        var count = 0
        while try await runOnce(queue) { count += 1 }
        return count
    }

    /// Runs every queue until cancelled: `concurrency` workers per queue, each draining it then waiting for a signal
    /// or `pollInterval`.
    public func run(pollInterval: Duration = .seconds(2)) async {
        let all = processors.withLock { Array($0.values) }
        await withTaskGroup(of: Void.self) { group in
            for processor in all {
                for _ in 0..<processor.queue.concurrency {
                    group.addTask { await self.work(processor, pollInterval: pollInterval) }
                }
            }
            await group.waitForAll()
        }
    }

    private func work(_ processor: any WorkProcessor, pollInterval: Duration) async {
        let name = processor.queue.name
        while !Task.isCancelled {
            do {
                while try await Self.runOnce(processor, repository: repository, logger: logger), !Task.isCancelled {}
            } catch {
                logger.error("work queue failed", metadata: ["queue": "\(name)", "error": "\(error)"])
            }
            var waited = Duration.zero
            while waited < pollInterval, !takeSignal(name), !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                waited += .milliseconds(50)
            }
        }
    }

    /// Claims, processes and finishes (or fails) one item of `processor`'s queue; false when none is ready.
    static func runOnce(_ processor: any WorkProcessor, repository: Repository, logger: Logger) async throws -> Bool {
        let queue = processor.queue
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        guard let item = try await repository.store.write({ tx in
            try tx.claimWork(kind: queue.name, now: now, staleBefore: now - queue.claimTimeout)
        }) else { return false }
        do {
            let complete = try await processor.process(item)
            // Through the repository: a completion may change documents, whose cached copies must go.
            try await repository.write { tx in
                try complete(tx)
                try tx.finishWork(id: item.id)
            }
        } catch {
            let retryAt = item.attempts < queue.maxAttempts ? now + queue.backoff(attempt: item.attempts) : nil
            let message = (error as? NXError)?.message ?? "\(error)"
            try await repository.store.write { tx in try tx.failWork(id: item.id, error: message, retryAt: retryAt) }
            logger.error("work failed", metadata: ["queue": "\(queue.name)", "key": "\(item.key)", "attempt": "\(item.attempts)",
                                                   "retry": "\(retryAt != nil)", "error": "\(message)"])
        }
        return true
    }
}
