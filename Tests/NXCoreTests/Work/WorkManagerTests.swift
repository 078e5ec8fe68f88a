import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Synchronization
import Testing

/// The work manager: named queues with bounded concurrency, retries with backoff, failed items kept.
@Suite struct WorkManagerTests {
    /// A processor that takes `delay` per item, records the most items it ever ran at once, and fails the keys in
    /// `failing`.
    final class Probe: WorkProcessor {
        let queue: WorkQueue
        let delay: Duration
        let failing: Set<String>
        let running = Mutex((now: 0, most: 0, done: [String]()))
        let barrier: Int?

        init(_ queue: WorkQueue, delay: Duration = .zero, failing: Set<String> = [], barrier: Int? = nil) {
            self.queue = queue
            self.barrier = barrier
            self.delay = delay
            self.failing = failing
        }

        func process(_ item: WorkItem) async throws -> @Sendable (any DocumentWriting) throws -> Void {
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            defer { running.withLock { $0.now -= 1 } }
            try await Task.sleep(for: delay)
            // With a barrier, an item also waits (at most 10 s) until the queue's full concurrency runs at once: the test
            // then does not depend on how fast a loaded machine claims items.
            if let barrier {
                for _ in 0..<200 where running.withLock({ $0.most }) < barrier { try await Task.sleep(for: .milliseconds(50)) }
            }
            if failing.contains(item.key) { throw NXError.internal("cannot process \(item.key)") }
            return { [self] _ in running.withLock { $0.done.append(item.key) } }
        }
    }

    func repository() async throws -> Repository {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxwork-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let repository = Repository(registry: NXSchemas.registry, store: try await TestStore.open(directory: directory))
        try await repository.bootstrap()
        return repository
    }

    func enqueue(_ repository: Repository, _ kind: String, _ keys: [String]) async throws {
        try await repository.store.write { tx in
            for key in keys { try tx.enqueueWork(kind: kind, key: key, payload: "", time: 0) }
        }
    }

    @Test func eachQueueRunsAtMostItsConcurrency() async throws {
        let repository = try await repository()
        let wide = Probe(WorkQueue(name: "wide", concurrency: 3), delay: .milliseconds(300), barrier: 3)
        let narrow = Probe(WorkQueue(name: "narrow", concurrency: 1), delay: .milliseconds(50))
        let manager = WorkManager(repository: repository)
        manager.register(wide)
        manager.register(narrow)
        try await enqueue(repository, "wide", (0..<9).map { "w\($0)" })
        try await enqueue(repository, "narrow", (0..<4).map { "n\($0)" })
        // A key already queued is not queued twice.
        let again = try await repository.store.write { tx in try tx.enqueueWork(kind: "wide", key: "w0", payload: "", time: 0) }
        #expect(again == false)
        let runner = Task { await manager.run(pollInterval: .milliseconds(100)) }
        for _ in 0..<1200 {
            if wide.running.withLock({ $0.done.count }) == 9, narrow.running.withLock({ $0.done.count }) == 4 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        runner.cancel()
        await runner.value
        #expect(wide.running.withLock { $0.done.count } == 9)
        #expect(narrow.running.withLock { $0.done.count } == 4)
        #expect(wide.running.withLock { $0.most } == 3, "three workers overlap (and never more)")
        #expect(narrow.running.withLock { $0.most } == 1)
        #expect(try await repository.store.read { tx in try tx.pendingWork(ids: Array(1...13)) } == (0, 0))
    }

    @Test func failuresAreRetriedAfterABackoffThenKept() async throws {
        let repository = try await repository()
        let manager = WorkManager(repository: repository)
        // An hour before the retry: however slow the machine, the item is not ready again within the test.
        manager.register(Probe(WorkQueue(name: "flaky", maxAttempts: 2, firstBackoff: 3_600_000), failing: ["bad"]))
        manager.register(Probe(WorkQueue(name: "once", maxAttempts: 1), failing: ["bad"]))
        try await enqueue(repository, "flaky", ["bad"])
        try await enqueue(repository, "once", ["bad"])
        // First attempt fails: the item waits for its retry, so nothing is ready now.
        #expect(try await manager.runOnce("flaky"))
        #expect(try await manager.runOnce("flaky") == false)
        #expect(try await repository.store.read { tx in try tx.pendingWork(ids: [1]) } == (1, 0))
        // A queue of one attempt keeps its failed item at once, until run-works-in-failure puts it back.
        #expect(try await manager.runOnce("once"))
        #expect(try await repository.store.read { tx in try tx.pendingWork(ids: [2]) } == (0, 1))
        #expect(try await repository.store.write { tx in try tx.retryFailedWork() } == [2])
        #expect(try await repository.store.read { tx in try tx.pendingWork(ids: [2]) } == (1, 0))
        await #expect(throws: NXError.self) { try await manager.runOnce("nope") }
        let queue = WorkQueue(name: "q")
        #expect(queue.backoff(attempt: 1) == 1000 && queue.backoff(attempt: 3) == 4000 && queue.backoff(attempt: 60) == 300_000)
    }
}
