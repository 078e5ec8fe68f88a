import NXCore
import NXRuntime
import Testing

/// Quick filters: clauses ANDed to a page provider's query when a request names them, with or without a WHERE in the
/// pattern, before its ORDER BY, several at once; their sorts; unknown names ignored; a bad clause is a 400.
@Suite struct QuickFilterTests {
    static let filters = [
        QuickFilterDefinition(name: "notes", clause: "ecm:primaryType = 'Note'"),
        QuickFilterDefinition(name: "natureX", clause: "dc:nature = 'x'"),
        QuickFilterDefinition(name: "byTitleDesc", sort: [SortKey(property: "dc:title", ascending: false)]),
        QuickFilterDefinition(name: "broken", clause: "dc:nature = 'x' OR"),
        QuickFilterDefinition(name: "unknownProperty", clause: "dc:nope = 'x'"),
    ]

    static func provider(_ pattern: String, sort: [SortKey] = PageProviderFixture.byTitle) -> PageProviderDefinition {
        PageProviderDefinition(name: "qf", pattern: pattern, sort: sort, quickFilters: filters)
    }

    @Test func oneFilterOnAPatternWithWhere() async throws {
        let fixture = try await PageProviderFixture()
        let provider = Self.provider("SELECT * FROM Document WHERE ecm:parentId = ?")
        #expect(PageProviderFixture.titles(try await fixture.run(provider, ordered: [fixture.folder.id])) == ["A", "B", "C", "D", "E"])
        let notes = try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: ["notes"])
        #expect(PageProviderFixture.titles(notes) == ["D", "E"])
        #expect(notes.page.resultsCount == 2)
    }

    @Test func severalFiltersAreAllApplied() async throws {
        let fixture = try await PageProviderFixture()
        let provider = Self.provider("SELECT * FROM Document WHERE ecm:parentId = ?")
        let both = try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: ["notes", "natureX"])
        #expect(PageProviderFixture.titles(both) == ["D"])
        let natureOnly = try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: ["natureX", "no-such-filter"])
        #expect(PageProviderFixture.titles(natureOnly) == ["A", "B", "D"], "an unknown filter name is ignored")
    }

    @Test func filtersOnAPatternWithoutWhere() async throws {
        let fixture = try await PageProviderFixture()
        #expect(PageProviderFixture.titles(try await fixture.run(Self.provider("SELECT * FROM Note"), quickFilters: ["natureX"])) == ["D"])
        let files = try await fixture.run(Self.provider("SELECT * FROM File"), quickFilters: ["natureX"])
        #expect(PageProviderFixture.titles(files) == ["A", "B"])
        #expect(files.page.resultsCount == 2)
    }

    @Test func filtersOnAPatternWithOrderBy() async throws {
        let fixture = try await PageProviderFixture()
        // No provider or request sort: the pattern's own ORDER BY orders the results, the filter still applies.
        let provider = Self.provider("SELECT * FROM Document WHERE ecm:parentId = ? ORDER BY dc:title DESC", sort: [])
        #expect(PageProviderFixture.titles(try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: ["natureX"])) == ["D", "B", "A"])
        let unscoped = Self.provider("SELECT * FROM File ORDER BY dc:title DESC", sort: [])
        #expect(PageProviderFixture.titles(try await fixture.run(unscoped, quickFilters: ["natureX"])) == ["B", "A"])
    }

    @Test func filterSortsReplaceTheProviderSort() async throws {
        let fixture = try await PageProviderFixture()
        let provider = Self.provider("SELECT * FROM Document WHERE ecm:parentId = ?")
        let sorted = try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: ["byTitleDesc", "notes"])
        #expect(PageProviderFixture.titles(sorted) == ["E", "D"])
    }

    @Test func filtersOnAWhereClauseProvider() async throws {
        let fixture = try await PageProviderFixture()
        let clause = WhereClauseDefinition(predicates: [
            PredicateDefinition(parameter: "dc:source", operator: "=", fields: [PredicateField(name: "source")]),
        ], fixedPart: "ecm:parentId = ?")
        let provider = PageProviderDefinition(name: "qfw", whereClause: clause, sort: PageProviderFixture.byTitle, quickFilters: Self.filters)
        let result = try await fixture.run(provider, ordered: [fixture.folder.id], named: ["source": "two"], quickFilters: ["natureX"])
        #expect(PageProviderFixture.titles(result) == ["D"])
    }

    @Test func badFilterClausesAreQueryErrors() async throws {
        let fixture = try await PageProviderFixture()
        let provider = Self.provider("SELECT * FROM Document WHERE ecm:parentId = ?")
        for name in ["broken", "unknownProperty"] {
            let error = await #expect(throws: NXError.self) {
                _ = try await fixture.run(provider, ordered: [fixture.folder.id], quickFilters: [name])
            }
            #expect(error?.code == .invalidArgument, "\(name)")
            #expect(error?.message.hasPrefix("Failed to execute query: SELECT * FROM Document WHERE ecm:parentId = '") == true, "\(name)")
        }
    }
}
