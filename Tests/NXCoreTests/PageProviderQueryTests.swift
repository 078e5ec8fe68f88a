import NXCore
import NXRuntime
import NXSchemas
import Testing

/// Nuxeo's NXQLQueryBuilder rules: `?` and `:named` substitution, whereClause predicates skipped when empty.
@Suite struct PageProviderQueryTests {
    func nxql(_ definition: PageProviderDefinition, ordered: [String] = [], named: [String: String] = [:]) throws -> String {
        try PageProviderQuery(definition: definition, registry: NXSchemas.registry).nxql(PageProviderParameters(ordered: ordered, named: named))
    }

    @Test func orderedParametersAreQuotedAndEscaped() throws {
        let d = PageProviderDefinition(name: "p", pattern: "SELECT * FROM Document WHERE dc:title = ? AND ecm:parentId = ?")
        #expect(try nxql(d, ordered: ["it's", "x\\y"]) == #"SELECT * FROM Document WHERE dc:title = 'it\'s' AND ecm:parentId = 'x\\y'"#)
        // Fewer values than `?`: the rest of the pattern is dropped (Nuxeo's quirk).
        #expect(try nxql(d, ordered: ["a"]) == "SELECT * FROM Document WHERE dc:title = 'a' AND ecm:parentId =")
        #expect(throws: NXError.self) { try nxql(d, ordered: ["a", "b", "c"]) }
        let raw = PageProviderDefinition(name: "p", pattern: "SELECT * FROM Document WHERE ecm:isVersion = ?", quotePatternParameters: false)
        #expect(try nxql(raw, ordered: ["0"]) == "SELECT * FROM Document WHERE ecm:isVersion = 0")
    }

    @Test func namedParameters() throws {
        let d = PageProviderDefinition(name: "p", pattern: "SELECT * FROM Document WHERE dc:title = :title AND dc:nature IN :natures AND x = ':title'")
        #expect(try nxql(d, named: ["title": "T", "natures": #"["a","b"]"#])
            == "SELECT * FROM Document WHERE dc:title = 'T' AND dc:nature IN ('a', 'b') AND x = ':title'")
        #expect(try nxql(d, named: [:]).contains(":title AND"), "missing names are left as written")
        let flags = PageProviderDefinition(name: "p", pattern: "SELECT * FROM Document WHERE a = :b AND c = :n")
        #expect(try nxql(flags, named: ["b": "true", "n": "42"]) == "SELECT * FROM Document WHERE a = 1 AND c = 42")
    }

    @Test func whereClausePredicatesAreSkippedWhenEmpty() throws {
        let clause = WhereClauseDefinition(predicates: [
            PredicateDefinition(parameter: "dc:title", operator: "=", fields: [PredicateField(name: "title")]),
            PredicateDefinition(parameter: "dc:nature", operator: "IN", fields: [PredicateField(name: "natures")]),
            PredicateDefinition(parameter: "dc:issued", operator: "BETWEEN", fields: [PredicateField(name: "min"), PredicateField(name: "max")]),
            PredicateDefinition(parameter: "ecm:fulltext", operator: "FULLTEXT", fields: [PredicateField(name: "q")]),
        ], fixedPart: "ecm:isVersion = 0")
        let d = PageProviderDefinition(name: "p", whereClause: clause)
        #expect(try nxql(d) == "SELECT * FROM Document WHERE ecm:isVersion = 0")
        #expect(try nxql(d, named: ["title": "it's", "natures": #"["a"]"#, "max": "5", "q": "foo-bar!"])
            == #"SELECT * FROM Document WHERE dc:title = 'it\'s' AND dc:nature = 'a' AND dc:issued <= '5' AND ecm:fulltext = 'foo bar' AND (ecm:isVersion = 0)"#)
        #expect(try nxql(d, named: ["natures": #"["a","b"]"#, "min": "1"])
            == "SELECT * FROM Document WHERE dc:nature IN ('a', 'b') AND dc:issued >= '1' AND (ecm:isVersion = 0)")
        let empty = PageProviderDefinition(name: "p", whereClause: WhereClauseDefinition(predicates: []))
        #expect(try nxql(empty) == "SELECT * FROM Document")
    }

    @Test func typedSearchDocumentFields() throws {
        let clause = WhereClauseDefinition(predicates: [
            PredicateDefinition(parameter: "ecm:isVersion", operator: "=", fields: [PredicateField(xpath: "np:isCheckedIn")]),
            PredicateDefinition(parameter: "dc:issued", operator: ">=", fields: [PredicateField(xpath: "np:dateMin")]),
        ])
        let d = PageProviderDefinition(name: "p", whereClause: clause, searchDocumentType: "NamedParamDoc")
        #expect(try nxql(d, named: ["np:isCheckedIn": "true", "np:dateMin": "2020-01-02"])
            == "SELECT * FROM Document WHERE ecm:isVersion = 1 AND dc:issued >= TIMESTAMP '2020-01-02T00:00:00.000Z'")
    }

    @Test func fulltextQueries() {
        #expect(FulltextQuery.fts5("quick fox") == #"(("quick" AND "fox"))"#)
        #expect(FulltextQuery.fts5("fox OR dog") == #"(("fox")) OR (("dog"))"#)
        #expect(FulltextQuery.fts5("fox -brown") == #"(("fox") NOT "brown")"#)
        #expect(FulltextQuery.fts5("pre* \"a b\"") == #"(("pre"* AND "a b"))"#)
        #expect(FulltextQuery.fts5("-only") == nil)
        #expect(FulltextQuery.fts5("") == nil)
    }
}
