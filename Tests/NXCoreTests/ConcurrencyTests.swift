import NXCore
import NXRuntime
import Testing

/// Many more concurrent store accesses than reader connections complete (they used to deadlock the 2-thread pool).
@Suite struct ConcurrencyTests {
    @Test(.timeLimit(.minutes(1))) func manyConcurrentQueriesAndWritesComplete() async throws {
        let repository = try await makeRepository()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    if index % 10 == 0 {
                        _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "Note", name: "n\(index)",
                                                        properties: nil, principal: .system)
                        return 1
                    }
                    let options = QueryOptions(request: PageRequest(pageSize: 5), principal: Principal(name: "joe", groups: ["members"]))
                    return try await repository.query("SELECT * FROM Document", options: options).page.resultsCount >= 0 ? 1 : 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 200)
    }
}
