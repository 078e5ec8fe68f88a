@testable import NXCore
import NXRuntime
import Testing

/// A query's page comes back in the query's order; on PostgreSQL, which reads it in two steps (the page's row ids, then
/// those rows), however many statements look the rows up.
@Suite struct QueryPageTests {
    @Test func pageRowsKeepTheQueryOrderAcrossLookups() async throws {
        let repository = try await makeRepository()
        let ws = DocumentRef.path("/default-domain/workspaces")
        for (i, title) in ["m", "c", "x", "a", "q", "k", "e"].enumerated() {
            _ = try await repository.create(in: ws, type: "Note", name: "n\(i)", properties: ["dc:title": .string(title), "dc:source": .string("p")],
                                            principal: .system)
        }
        let compiled = try repository.compile("SELECT * FROM Note WHERE dc:source = 'p' ORDER BY dc:title DESC", sort: nil)
        let whole = try await repository.store.read { tx in try tx.query(compiled, limit: 10, offset: 0) }
        #expect(whole.map { $0.properties["dc:title"]?.stringValue } == ["x", "q", "m", "k", "e", "c", "a"])
        for chunk in [1, 2, 3, 7] {
            let pieces = try await repository.store.read { tx in
                try #require(tx as? SQLSession).query(compiled, limit: 10, offset: 0, rowsPerLookup: chunk)
            }
            #expect(pieces == whole, "\(chunk) rows per lookup")
        }
        let middle = try await repository.store.read { tx in try #require(tx as? SQLSession).query(compiled, limit: 3, offset: 2, rowsPerLookup: 2) }
        #expect(middle.map { $0.properties["dc:title"]?.stringValue } == ["m", "k", "e"])
        let past = try await repository.store.read { tx in try tx.query(compiled, limit: 5, offset: 7) }
        #expect(past.isEmpty)
    }
}
