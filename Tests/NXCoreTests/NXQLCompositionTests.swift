import NXCore
import Testing

/// Conditions parsed alone and ANDed to a parsed query as nodes of its tree.
@Suite struct NXQLCompositionTests {
    static let filter = NXQLExpression.compare(.property("ecm:primaryType"), "=", .literal(.string("File")))

    @Test func theBaseConditionStaysOneNode() throws {
        let query = try NXQLParser.parse("SELECT * FROM Document WHERE dc:nature = 'y' OR dc:source = 'two' ORDER BY dc:title DESC")
        let constrained = query.constrained(by: [Self.filter])
        guard case .and(let terms)? = constrained.whereClause else {
            Issue.record("expected a conjunction, got \(String(describing: constrained.whereClause))")
            return
        }
        #expect(terms.count == 2)
        #expect(terms.first == query.whereClause)
        #expect(terms.last == Self.filter)
        #expect(constrained.orderBy == query.orderBy && constrained.types == query.types)
    }

    @Test func aQueryWithoutWhereTakesTheConditionsAlone() throws {
        let query = try NXQLParser.parse("SELECT * FROM Note")
        #expect(query.constrained(by: [Self.filter]).whereClause == Self.filter)
        #expect(query.constrained(by: []) == query)
        let two = query.constrained(by: [Self.filter, Self.filter])
        #expect(two.whereClause == .and([Self.filter, Self.filter]))
    }

    @Test func conditionsParseAlone() throws {
        #expect(try NXQLParser.parseCondition("ecm:primaryType = 'File'") == Self.filter)
        #expect(try NXQLParser.parseCondition("(a:b = 1 OR c:d = 2)") == .or([
            .compare(.property("a:b"), "=", .literal(.integer(1))), .compare(.property("c:d"), "=", .literal(.integer(2))),
        ]))
        for bad in ["", "a:b = 1)", "a:b = 1 OR", "a:b = 1 ORDER BY a:b", "SELECT * FROM Document"] {
            #expect(throws: NXQLError.self, "\(bad)") { try NXQLParser.parseCondition(bad) }
        }
        let deep = String(repeating: "(", count: NXQLParser.maxDepth + 1) + "a:b = 1" + String(repeating: ")", count: NXQLParser.maxDepth + 1)
        #expect(throws: NXQLError.self) { try NXQLParser.parseCondition(deep) }
    }
}
