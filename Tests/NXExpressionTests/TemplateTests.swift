import NXExpression
import Testing

/// Templates: literal text with `@{…}` holes.
@Suite struct TemplateTests {
    @Test func holesAreReplacedByTheValuesText() throws {
        let template = try NXExpression.parse("Hello @{CurrentUser.name}!")
        #expect(template.isTemplate)
        #expect(template.roots == ["CurrentUser"])
        #expect(try template.evaluate(in: TestEnvironment()) == "Hello jdoe!")
    }

    @Test func severalHolesAndValuesOfEveryKind() throws {
        #expect(try evaluate("@{Document.title} (@{Context.count + 1}) @{Context.none}|@{Context.list}") == "My Doc (4) |[1, 2, 3]")
        #expect(try evaluate("@{CurrentDate}") == "2024-01-31T10:15:30.250Z")
        #expect(try evaluate("@{1 == 1}") == "true")
        #expect(try evaluate("/path/@{Document['dc:title']}/x") == "/path/My Doc/x")
    }

    @Test func aHoleMayContainBracesInStrings() throws {
        #expect(try evaluate("[@{'}' + \"{\"}]") == "[}{]")
    }

    @Test func aLoneAtSignIsText() throws {
        #expect(try evaluate("mail @ @{Context.x} @ home") == "mail @ ex @ home")
    }

    @Test func unterminatedHoleIsAnErrorAtItsColumn() {
        let error = parseError("Hi @{Document.title")
        #expect(error?.message == "Unterminated '@{' in template")
        #expect(error?.column == 4)
    }

    @Test func errorsInsideAHoleAreLocatedInTheWholeSource() {
        let error = parseError("abc @{Foo.bar}")
        #expect(error?.message == "Unknown variable 'Foo'")
        #expect(error?.column == 7)
        #expect(parseError("x @{ }")?.message == "Empty '@{}' in template")
        #expect(parseError("x @{'abc}")?.message == "Unterminated string starting")
        #expect(parseError("x @{'abc}")?.column == 5)
        let runtime = evaluationError("ab @{Document.nope}")
        #expect(runtime?.column == 15)
    }
}
