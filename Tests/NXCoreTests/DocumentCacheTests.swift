import NXCore
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
}
