import NXCore
import NXRuntime
import Testing

/// A provider query whose condition contains `OR` keeps its meaning when quick filters and aggregate selections are
/// added: `A OR B` with `F` is `(A OR B) AND F`, never `A OR (B AND F)`.
///
/// The base `dc:nature = 'y' OR dc:source = 'two'` matches C, D and E. E (a Note of nature y) tells the two readings
/// apart: constrained to Files or to coverage p, the right reading drops it, the wrong one keeps it through `A`.
@Suite struct ProviderPrecedenceTests {
    static let base = "SELECT * FROM Document WHERE dc:nature = 'y' OR dc:source = 'two'"

    static let aggregates = [
        AggregateDefinition(id: "coverage", type: "terms", parameter: "dc:coverage", field: PredicateField(name: "coverage_agg")),
        AggregateDefinition(id: "type", type: "terms", parameter: "ecm:primaryType", field: PredicateField(name: "type_agg")),
    ]

    static let provider = PageProviderDefinition(name: "or", pattern: base, sort: PageProviderFixture.byTitle, aggregates: aggregates,
                                                 quickFilters: [QuickFilterDefinition(name: "files", clause: "ecm:primaryType = 'File'")])

    @Test func theBaseAlone() async throws {
        let fixture = try await PageProviderFixture()
        #expect(PageProviderFixture.titles(try await fixture.run(Self.provider)) == ["C", "D", "E"])
    }

    @Test func aQuickFilterConstrainsTheWholeCondition() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await fixture.run(Self.provider, quickFilters: ["files"])
        #expect(PageProviderFixture.titles(result) == ["C"])
        #expect(result.page.resultsCount == 1)
        #expect(PageProviderFixture.buckets(result, "type") == ["File": 1])
    }

    @Test func anAggregateSelectionConstrainsTheWholeCondition() async throws {
        let fixture = try await PageProviderFixture()
        let byCoverage = try await fixture.run(Self.provider, named: ["coverage_agg": #"["p"]"#])
        #expect(PageProviderFixture.titles(byCoverage) == ["C"])
        let notes = try await fixture.run(Self.provider, named: ["type_agg": #"["Note"]"#])
        #expect(PageProviderFixture.titles(notes) == ["D", "E"])
        // The type aggregate counts over the base with the other (coverage) selection only.
        let both = try await fixture.run(Self.provider, named: ["coverage_agg": #"["p"]"#, "type_agg": #"["Note"]"#])
        #expect(PageProviderFixture.titles(both).isEmpty)
        #expect(PageProviderFixture.buckets(both, "type") == ["File": 1])
        #expect(PageProviderFixture.buckets(both, "coverage").isEmpty, "D and E have no coverage")
    }

    @Test func aSubclauseWithOrStaysOneNode() async throws {
        let fixture = try await PageProviderFixture()
        let clause = WhereClauseDefinition(predicates: [
            PredicateDefinition(parameter: "", operator: "SUBCLAUSE", fields: [PredicateField(name: "sub")]),
        ], fixedPart: "ecm:primaryType = 'File'")
        let provider = PageProviderDefinition(name: "sub", whereClause: clause, sort: PageProviderFixture.byTitle)
        let result = try await fixture.run(provider, named: ["sub": "dc:nature = 'y' OR dc:source = 'two'"])
        #expect(PageProviderFixture.titles(result) == ["C"])
        // A subclause that closes and reopens its parentheses is still one node: it is parsed alone, then ANDed.
        let reopened = try await fixture.run(provider, named: ["sub": "dc:nature = 'y') OR (dc:source = 'two'"])
        #expect(PageProviderFixture.titles(reopened) == ["C"])
        await #expect(throws: NXError.self) {
            _ = try await fixture.run(provider, named: ["sub": "dc:nature = 'y')"])
        }
    }
}
