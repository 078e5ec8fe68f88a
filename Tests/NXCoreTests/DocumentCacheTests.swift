import Foundation
import NXCore
import NXSchemas
import NXRuntime
import Testing

/// The document cache never serves a document older than the last committed write.
@Suite struct DocumentCacheTests {
    @Test func readsAfterWritesSeeTheWrite() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "c", properties: ["dc:title": "v1"], principal: .unrestricted("a"))
        #expect(try await repository.document(.id(doc.id)).title == "v1")
        #expect(try await repository.document(.path(doc.path)).title == "v1")
        _ = try await repository.update(.id(doc.id), properties: ["dc:title": "v2"], changeToken: nil, userChange: false, principal: .unrestricted("a"))
        #expect(try await repository.document(.id(doc.id)).title == "v2")
        #expect(try await repository.document(.path(doc.path)).title == "v2")
        try await repository.delete(.id(doc.id), principal: .system)
        await #expect(throws: NXError.notFound(doc.id)) { _ = try await repository.document(.id(doc.id)) }
        await #expect(throws: NXError.notFound(doc.path)) { _ = try await repository.document(.path(doc.path)) }
    }

    @Test func concurrentReadersAndWritersStayConsistent() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "c", properties: ["dc:title": "0"], principal: .unrestricted("a"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for i in 1...50 {
                    _ = try await repository.update(.id(doc.id), properties: ["dc:title": .string("\(i)")], changeToken: nil, userChange: false, principal: .unrestricted("a"))
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<200 { _ = try await repository.document(.id(doc.id)) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await repository.document(.id(doc.id)).title == "50")
    }

    /// Eviction keeps what was read again: the cache holds two segments of half its capacity, and a document read from
    /// the older one moves to the recent one before the older one is dropped.
    @Test func documentsReadAgainSurviveEviction() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxcore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let repository = Repository(registry: NXSchemas.registry, store: try await TestStore.open(directory: directory.path), cacheCapacity: 4)
        try await repository.bootstrap()
        var ids: [String] = []
        for name in ["a", "b", "c", "d"] {
            ids.append(try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: name, properties: nil,
                                                   principal: .unrestricted("a")).id)
        }
        func read(_ index: Int) async throws -> (hits: Int, misses: Int) {
            let before = repository.documentCacheStatistics
            _ = try await repository.document(.id(ids[index]))
            let after = repository.documentCacheStatistics
            return (after.hits - before.hits, after.misses - before.misses)
        }
        #expect(try await read(0) == (0, 1))
        #expect(try await read(1) == (0, 1))  // recent: a, b
        #expect(try await read(2) == (0, 1))  // older: a, b; recent: c
        #expect(try await read(0) == (1, 0))  // a promoted; recent: c, a
        #expect(try await read(3) == (0, 1))  // older: c, a; recent: d
        #expect(try await read(0) == (1, 0), "a was read again before b, so it is still cached")
        #expect(try await read(1) == (0, 1), "b was not: dropped with its segment")
        #expect(repository.documentCacheStatistics.entries <= 4)
    }
}
