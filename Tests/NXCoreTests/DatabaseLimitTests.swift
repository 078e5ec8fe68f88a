import NXCore
import NXRuntime
import Testing

/// Queries past SQLite's limits are the client's fault: a 400 naming the limit, never a 500; the store keeps working.
@Suite struct DatabaseLimitTests {
    func run(_ repository: Repository, _ nxql: String) async throws -> Int {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system)).page.resultsCount
    }

    func expectLimit(_ repository: Repository, _ nxql: String) async throws {
        do {
            _ = try await run(repository, nxql)
            Issue.record("expected a database limit error")
        } catch let error as NXError {
            #expect(error.code == .invalidArgument, "\(error)")
            #expect(error.message.contains("database limit") || error.message.contains("Failed to execute query"), "\(error.message)")
        }
        #expect(try await run(repository, "SELECT * FROM Domain") == 1)
    }

    /// 1,000 OR terms and 1,000 AND-ed list predicates compile to SQL within SQLite's limits: they simply run.
    @Test func thousandsOfTermsRun() async throws {
        let repository = try await makeRepository()
        let ors = (0..<1000).map { "dc:title = 't\($0)'" }.joined(separator: " OR ")
        #expect(try await run(repository, "SELECT * FROM Document WHERE " + ors) == 0)
        let lists = Array(repeating: "dc:subjects/* = 'a'", count: 1000).joined(separator: " AND ")
        #expect(try await run(repository, "SELECT * FROM Document WHERE " + lists) == 0)
    }

    @Test func thousandsOfSortKeys() async throws {
        let repository = try await makeRepository()
        let keys = Array(repeating: "dc:title", count: 2000).joined(separator: ", ")
        try await expectLimit(repository, "SELECT * FROM Document ORDER BY " + keys)
    }
}
