import NXCore
import NXRuntime
import NXSchemas
import Testing

/// Client-controlled nesting in NXQL is bounded (`NXQLParser.maxDepth`): deep queries are rejected with a query
/// error instead of exhausting the stack, long flat chains stay shallow, and the deepest allowed queries run in SQLite.
@Suite struct NXQLDepthTests {
    static let head = "SELECT * FROM Document WHERE "
    static let limit = NXQLParser.maxDepth

    func expectTooDeep(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try NXQLParser.parse(query)
            Issue.record("parsed a query nested too deeply", sourceLocation: sourceLocation)
        } catch let error as NXQLError {
            #expect(error.message.contains("nested too deeply, the limit is \(Self.limit) levels"), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func seventyThousandParenthesesAreRejected() {
        expectTooDeep(Self.head + String(repeating: "(", count: 70_000) + "dc:title = 'x'" + String(repeating: ")", count: 70_000))
    }

    @Test func hundredThousandNotsAreRejected() {
        expectTooDeep(Self.head + String(repeating: "NOT ", count: 100_000) + "dc:title = 'x'")
    }

    @Test func unterminatedNestingIsRejectedBeforeTheEnd() {
        expectTooDeep(Self.head + String(repeating: "(", count: 100_000))
    }

    @Test func deepFunctionCallsAndArithmeticAreRejected() {
        expectTooDeep(Self.head + String(repeating: "DATE(", count: 50_000) + "dc:created" + String(repeating: ")", count: 50_000) + " = DATE '2020-01-01'")
        expectTooDeep(Self.head + String(repeating: "f(", count: 50_000) + "1" + String(repeating: ")", count: 50_000) + " = 1")
        expectTooDeep(Self.head + "uid:major_version = " + Array(repeating: "1", count: 100_000).joined(separator: " + "))
        expectTooDeep(Self.head + "uid:major_version = " + Array(repeating: "2", count: 100_000).joined(separator: " * "))
        expectTooDeep("SELECT " + String(repeating: "f(", count: 50_000) + " FROM Document")
    }

    @Test func theLimitIsExact() throws {
        let atLimit = Self.head + String(repeating: "(", count: Self.limit) + "dc:title = 'x'" + String(repeating: ")", count: Self.limit)
        _ = try NXQLParser.parse(atLimit)
        expectTooDeep(Self.head + String(repeating: "(", count: Self.limit + 1) + "dc:title = 'x'" + String(repeating: ")", count: Self.limit + 1))
        _ = try NXQLParser.parse(Self.head + String(repeating: "NOT ", count: Self.limit) + "dc:title = 'x'")
        expectTooDeep(Self.head + String(repeating: "NOT ", count: Self.limit + 1) + "dc:title = 'x'")
    }

    @Test func longFlatChainsAreWideNotDeep() throws {
        let ors = Array(repeating: "dc:title = 'x'", count: 100_000).joined(separator: " OR ")
        guard case .or(let terms)? = try NXQLParser.parse(Self.head + ors).whereClause else {
            Issue.record("expected an OR node")
            return
        }
        #expect(terms.count == 100_000)
        let ands = Array(repeating: "dc:title = 'x'", count: NXQLCompiler.maxPredicates).joined(separator: " AND ")
        var compiler = NXQLCompiler(registry: NXSchemas.registry)
        let compiled = try compiler.compile(try NXQLParser.parse(Self.head + ands))
        #expect(compiled.condition.arguments.count >= NXQLCompiler.maxPredicates)
    }

    @Test func repositoryReportsAQueryError() async throws {
        let repository = try await makeRepository()
        let deep = Self.head + String(repeating: "NOT ", count: 100_000) + "dc:title = 'x'"
        do {
            _ = try await repository.query(deep, options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
            Issue.record("ran a query nested too deeply")
        } catch let error as NXError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix("Failed to execute query: SELECT * FROM Document WHERE NOT NOT"))
            #expect(error.message.contains("Syntax Error: query nested too deeply, the limit is \(Self.limit) levels"))
        }
    }

    static func nested(_ levels: Int, _ open: (Int) -> String, _ leaf: String) -> String {
        (0..<levels).map(open).joined() + leaf + String(repeating: ")", count: levels)
    }

    /// `levels` nested groups of `terms` predicates each, alternately ANDed and ORed, the nested group last.
    static func groups(levels: Int, terms: Int) -> String {
        nested(levels, { (i: Int) -> String in
            let separator = i % 2 == 0 ? " AND " : " OR "
            return "(" + Array(repeating: "dc:title = '\(i)'", count: terms).joined(separator: separator) + separator
        }, "dc:title = 'z'")
    }

    /// The deepest accepted shapes, and chains far longer than SQLite's own limits.
    static let acceptedShapes: [String] = {
        let limit = Self.limit
        var shapes: [String] = []
        shapes.append(String(repeating: "NOT ", count: limit) + "dc:title = 'x'")
        shapes.append(nested(limit, { _ in "(dc:title = 'x' OR " }, "dc:title = 'y'"))
        shapes.append(nested(limit, { $0 % 2 == 0 ? "(dc:title = 'x' AND " : "(dc:title = 'y' OR " }, "dc:title = 'z'"))
        shapes.append(nested(limit, { $0 % 2 == 0 ? "(dc:title = 'x' AND " : "(dc:title = 'y' OR dc:title = 'x' AND " }, "dc:title = 'z'"))
        shapes.append(nested(limit / 2, { _ in "(dc:title = 'x' AND NOT " }, "dc:title = 'y'"))
        shapes.append(groups(levels: 29, terms: 9))
        shapes.append(groups(levels: 4, terms: 200))
        shapes.append(nested(21, { _ in "DATE(" }, "dc:issued") + " = DATE '2020-03-01'")
        shapes.append(nested(10, { _ in "DATE(" }, "dc:issued") + " = DATE(" + nested(10, { _ in "DATE(" }, "dc:issued") + ")")
        shapes.append("uid:major_version = " + Array(repeating: "1", count: limit + 1).joined(separator: " + "))
        let products = Array(repeating: "2", count: limit / 2).joined(separator: " * ")
        shapes.append("uid:major_version = " + products + " - " + Array(repeating: "1", count: limit / 2).joined(separator: " / "))
        let most = NXQLCompiler.maxPredicates
        shapes.append(Array(repeating: "dc:title = 'x'", count: most - 1).joined(separator: " OR ") + " OR ecm:name = 'ws'")
        shapes.append(Array(repeating: "(dc:title = 'x' OR dc:title = 'y')", count: most / 2).joined(separator: " AND "))
        shapes.append(Array(repeating: "relatedtext:relatedtextresources/*1/relatedtextid = 'a'", count: most).joined(separator: " AND "))
        shapes.append("dc:title IN (" + Array(repeating: "'x'", count: NXQLCompiler.maxValues - 10).joined(separator: ", ") + ")")
        return shapes
    }()

    /// Each accepted shape compiles to SQL SQLite accepts (as shipped, its parser holds at most 100 entries and its
    /// expression trees are at most 1000 high).
    @Test(arguments: acceptedShapes.indices)
    func deepestAcceptedQueriesRun(_ index: Int) async throws {
        let predicate = Self.acceptedShapes[index]
        let repository = try await Self.repository.value
        let result = try await repository.query(Self.head + predicate, options: QueryOptions(request: PageRequest(pageSize: 0), principal: .system))
        #expect(result.page.entries.count >= 0)
    }

    /// One repository for every query.
    static let repository = Task<Repository, any Error> { try await makeRepository() }

    /// What would still be too much for the database is a query error, before SQLite sees it.
    @Test func tooComplexTooManyPredicatesAndTooManyValuesAreQueryErrors() throws {
        var compiler = NXQLCompiler(registry: NXSchemas.registry)
        #expect(throws: NXQLError.tooComplex) { try compiler.compile(try NXQLParser.parse(Self.head + Self.groups(levels: Self.limit, terms: 9))) }
        let calls = Self.nested(Self.limit, { _ in "DATE(" }, "dc:issued") + " = DATE '2020-03-01'"
        #expect(throws: NXQLError.tooComplex) { try compiler.compile(try NXQLParser.parse(Self.head + calls)) }
        let chain = Array(repeating: "dc:title = 'x'", count: 100_000).joined(separator: " AND ")
        #expect(throws: NXQLError.tooManyPredicates) { try compiler.compile(try NXQLParser.parse(Self.head + chain)) }
        let many = Self.head + "dc:title IN (" + Array(repeating: "'x'", count: NXQLCompiler.maxValues + 1).joined(separator: ", ") + ")"
        #expect(throws: NXQLError.tooManyValues) { try compiler.compile(try NXQLParser.parse(many)) }
    }

    /// `a[ a[ a[ …]` used to scan ahead for a `]` from every word: quadratic in the query length.
    @Test(.timeLimit(.minutes(1))) func subscriptScanIsLinear() {
        let query = Self.head + String(repeating: "dc:title[ ", count: 200_000) + "]"
        #expect(throws: NXQLError.self) { try NXQLParser.parse(query) }
    }
}
