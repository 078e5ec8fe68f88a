import NXCore
import NXRuntime
import Testing

/// Runs every case of `NXQLCaseTable` against one fixture repository: each query must return exactly the expected names.
@Suite struct NXQLCaseTableTests {
    /// The fixture, built once for all cases.
    static let fixture = Task<Repository, any Error> {
        let repository = try await makeRepository()
        for document in NXQLFixture.documents {
            _ = try await repository.create(in: .path(document.parent), type: document.type, name: document.name,
                                            properties: document.properties, principal: .unrestricted("Administrator"), uniqueName: false)
        }
        return repository
    }

    @Test(arguments: NXQLCaseTable.cases.indices)
    func query(_ index: Int) async throws {
        let testCase = NXQLCaseTable.cases[index]
        let repository = try await Self.fixture.value
        let result = try await repository.query(testCase.query, options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
        let names = result.page.entries.map(\.name)
        if testCase.ordered {
            #expect(names == testCase.names, "\(testCase.query)")
        } else {
            #expect(names.sorted() == testCase.names.sorted(), "\(testCase.query)")
        }
        #expect(result.page.resultsCount == testCase.names.count, "count of \(testCase.query)")
    }

    @Test(arguments: NXQLCaseTable.invalid)
    func invalid(_ query: String) async throws {
        let repository = try await Self.fixture.value
        await #expect(throws: NXError.self, "\(query)") {
            _ = try await repository.query(query, options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
        }
    }

    @Test func tableIsLarge() {
        #expect(NXQLCaseTable.cases.count >= 200)
    }
}
