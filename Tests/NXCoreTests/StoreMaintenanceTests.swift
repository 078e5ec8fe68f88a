import Foundation
@testable import NXCore
import Testing

/// The store's maintenance calls behind the management API's flush and optimize.
@Suite struct StoreMaintenanceTests {
    @Test func aCheckpointSucceedsWhileReadersHoldTransactions() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxmaint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory + "/nx.sqlite")
        try await store.sql.write { db in try db.execute("CREATE TABLE t(x)"); try db.execute("INSERT INTO t VALUES (1)") }
        // A reader inside a transaction for 600 ms: a truncating checkpoint cannot finish meanwhile.
        let started = AsyncStream<Void>.makeStream()
        let reader = Task {
            try await store.sql.read { db in
                _ = try db.value(Int.self, "SELECT COUNT(*) FROM t")
                started.continuation.yield()
                Thread.sleep(forTimeInterval: 0.6)
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        await iterator.next()
        try await store.sql.write { db in try db.execute("INSERT INTO t VALUES (2)") }
        try await store.checkpoint()
        try await reader.value
        try await store.checkpoint()
        try await store.optimize()
        #expect(try await store.sql.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM t") } == 2)
    }
}
