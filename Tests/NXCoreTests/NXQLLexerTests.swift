import NXCore
import Testing

/// The NXQL lexer reads Unicode scalars: marks and modifiers never fuse with quotes or operators.
@Suite struct NXQLLexerTests {
    @Test(arguments: ["🏻", "\u{301}", "e\u{301}", "👍🏽", "\u{200D}"])
    func stringLiteralsMayStartWithAnyScalar(_ text: String) throws {
        let tokens = try NXQLLexer.tokenize("dc:title = '\(text)'")
        #expect(tokens.map(\.kind) == [.identifier("dc:title"), .symbol("="), .string(text), .end])
    }

    @Test func aQueryWithAModifierInALiteralRuns() async throws {
        let repository = try await makeRepository()
        let result = try await repository.query("SELECT * FROM Document WHERE dc:title = '🏻'",
                                                options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system))
        #expect(result.page.resultsCount == 0)
    }
}
