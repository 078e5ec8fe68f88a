import NXCore
import NXRuntime
import Testing

/// Aggregate selections (`nature_agg=["x"]`) filter the results, and each aggregate counts with every selection but its own.
@Suite struct AggregateSelectionTests {
    static let aggregates = [
        AggregateDefinition(id: "nature", type: "terms", parameter: "dc:nature", field: PredicateField(name: "nature_agg")),
        AggregateDefinition(id: "source", type: "terms", parameter: "dc:source", field: PredicateField(name: "source_agg")),
        AggregateDefinition(id: "coverage", type: "terms", parameter: "dc:coverage", field: PredicateField(name: "coverage_agg")),
        AggregateDefinition(id: "issued", type: "date_range", parameter: "dc:issued", field: PredicateField(name: "issued_agg"), ranges: [
            AggregateRange(key: "old", to: "2020-01-01T00:00:00.000Z"),
            AggregateRange(key: "2020", from: "2020-01-01T00:00:00.000Z", to: "2021-01-01T00:00:00.000Z"),
            AggregateRange(key: "later", from: "2021-01-01T00:00:00.000Z"),
        ]),
    ]

    static let provider = PageProviderDefinition(name: "agg", pattern: "SELECT * FROM Document WHERE ecm:parentId = ?", sort: PageProviderFixture.byTitle,
                                                 aggregates: aggregates)

    func run(_ fixture: PageProviderFixture, _ named: [String: String], skipAggregates: Bool = false) async throws -> QueryResult {
        try await fixture.run(Self.provider, ordered: [fixture.folder.id], named: named, skipAggregates: skipAggregates)
    }

    @Test func withoutSelectionsEveryAggregateCountsTheResults() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await run(fixture, [:])
        #expect(PageProviderFixture.titles(result) == ["A", "B", "C", "D", "E"])
        #expect(PageProviderFixture.buckets(result, "nature") == ["x": 3, "y": 2])
        #expect(PageProviderFixture.buckets(result, "source") == ["one": 3, "two": 2])
        #expect(PageProviderFixture.buckets(result, "coverage") == ["p": 2, "q": 1])
        #expect(PageProviderFixture.buckets(result, "issued") == ["old": 0, "2020": 3, "later": 1])
    }

    @Test func aTermsSelectionFiltersTheResultsAndTheOtherAggregates() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await run(fixture, ["nature_agg": #"["x"]"#])
        #expect(PageProviderFixture.titles(result) == ["A", "B", "D"])
        #expect(result.page.resultsCount == 3)
        #expect(result.aggregations.first { $0.definition.id == "nature" }?.selection == ["x"])
        #expect(PageProviderFixture.buckets(result, "nature") == ["x": 3, "y": 2], "an aggregate ignores its own selection")
        #expect(PageProviderFixture.buckets(result, "source") == ["one": 2, "two": 1])
        #expect(PageProviderFixture.buckets(result, "coverage") == ["p": 1, "q": 1])
        #expect(PageProviderFixture.buckets(result, "issued") == ["old": 0, "2020": 2, "later": 1])
    }

    @Test func twoSelectionsEachCountWithTheOther() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await run(fixture, ["nature_agg": #"["x"]"#, "coverage_agg": #"["q"]"#])
        #expect(PageProviderFixture.titles(result) == ["B"])
        #expect(PageProviderFixture.buckets(result, "nature") == ["x": 1], "nature counts over coverage q: B")
        #expect(PageProviderFixture.buckets(result, "coverage") == ["p": 1, "q": 1], "coverage counts over nature x: A, B, D")
        #expect(PageProviderFixture.buckets(result, "source") == ["one": 1])
        let several = try await run(fixture, ["nature_agg": #"["x","y"]"#, "source_agg": #"["two"]"#])
        #expect(PageProviderFixture.titles(several) == ["D", "E"])
    }

    @Test func aRangeSelection() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await run(fixture, ["issued_agg": #"["2020"]"#])
        #expect(PageProviderFixture.titles(result) == ["A", "B", "C"])
        #expect(PageProviderFixture.buckets(result, "nature") == ["x": 2, "y": 1])
        #expect(PageProviderFixture.buckets(result, "issued") == ["old": 0, "2020": 3, "later": 1])
        let twoRanges = try await run(fixture, ["issued_agg": #"["old","later"]"#])
        #expect(PageProviderFixture.titles(twoRanges) == ["D"])
        let noBucket = try await run(fixture, ["issued_agg": #"["nope"]"#])
        #expect(PageProviderFixture.titles(noBucket).isEmpty, "a key naming no bucket selects nothing")
    }

    @Test func selectionValuesAreLiteralsNotNXQL() async throws {
        let fixture = try await PageProviderFixture()
        let plain = try await run(fixture, ["nature_agg": "y"])
        #expect(PageProviderFixture.titles(plain) == ["C", "E"], "a plain value is one key")
        let quoted = try await run(fixture, ["nature_agg": #"["x') OR ('1' = '1"]"#])
        #expect(PageProviderFixture.titles(quoted).isEmpty)
    }

    @Test func skippedAggregatesStillFilter() async throws {
        let fixture = try await PageProviderFixture()
        let result = try await run(fixture, ["source_agg": #"["two"]"#], skipAggregates: true)
        #expect(PageProviderFixture.titles(result) == ["D", "E"])
        #expect(result.aggregations.isEmpty)
    }

    @Test func badRangeBoundsAreInvalidArguments() async throws {
        let fixture = try await PageProviderFixture()
        var provider = Self.provider
        provider.aggregates = [AggregateDefinition(id: "bad", type: "date_range", parameter: "dc:issued", field: PredicateField(name: "bad_agg"),
                                                   ranges: [AggregateRange(key: "k", from: "yesterday-ish")])]
        let error = await #expect(throws: NXError.self) {
            _ = try await fixture.run(provider, ordered: [fixture.folder.id], named: ["bad_agg": #"["k"]"#])
        }
        #expect(error?.code == .invalidArgument)
    }
}
