import NXExpression
import Testing

/// Constructs outside the subset are parse-time errors with a message and a 1-based column.
@Suite struct DisallowedConstructTests {
    @Test(arguments: [
        ("new java.io.File(\"x\")", "Creating objects ('new') is not allowed", 1),
        ("x = 1", "Assignment ('=') is not allowed; compare with '=='", 3),
        ("Context['x'] = 1", "Assignment ('=') is not allowed; compare with '=='", 14),
        ("Context.count += 1", "Assignment ('+=') is not allowed", 15),
        ("Context.count++", "Increment and decrement ('++') are not allowed", 14),
        ("Runtime.getRuntime()", "Unknown variable 'Runtime'", 1),
        ("System.exit(0)", "Unknown variable 'System'", 1),
        ("a; b", "Multiple statements (';') are not allowed", 2),
        ("1; 2", "Multiple statements (';') are not allowed", 2),
        ("def f() { 1 }", "Function definitions ('def') are not allowed", 1),
        ("function f() { 1 }", "Function definitions ('function') are not allowed", 1),
        ("for (x : Context) { x }", "Loops ('for') are not allowed", 1),
        ("foreach (x : Context) { x }", "Loops ('foreach') are not allowed", 1),
        ("while (true) { 1 }", "Loops ('while') are not allowed", 1),
        ("if (true) { 1 }", "Statements ('if') are not allowed; use 'condition ? a : b'", 1),
        ("Foo", "Unknown variable 'Foo'", 1),
        ("1 + foo.bar", "Unknown variable 'foo'", 5),
        ("Document.title)", "Unexpected ')'", 15),
        ("(1 + 2))", "Unexpected ')'", 8),
        ("1 +", "Unexpected end of expression", 4),
        ("'abc", "Unterminated string starting", 1),
        ("1 + 'abc", "Unterminated string starting", 5),
        ("'a\\q'", "Unknown escape '\\q'", 3),
        ("Context.x and true", "Unexpected 'and'; use '&&'", 11),
        ("1 & 2", "Bitwise operator '&' is not allowed; use '&&' or '||'", 3),
        ("{ 1 }", "Blocks ('{') are not allowed", 1),
        ("Context.x instanceof String", "Unexpected 'instanceof'", 11),
        ("this.x", "'this' is not allowed", 1),
        ("Document.", "Expected a member name after '.', found end of expression", 10),
        ("Fn.call(1,", "Unexpected end of expression", 11),
        ("(1 + 2", "Expected ')' to close '(' at column 1, found end of expression", 7),
        ("[1, 2", "Expected ']' to close the list at column 1, found end of expression", 6),
        ("true ? 1", "Expected ':' in 'condition ? a : b', found end of expression", 9),
        ("12abc", "Invalid number '12a'", 1),
        ("#{x}", "Comments and '#' are not allowed", 1),
        ("", "Empty expression", 1),
        ("  ", "Empty expression", 1),
        ("Context.x ~ 1", "Bitwise operator '~' is not allowed; use '&&' or '||'", 11),
        ("Document.title ?: 'x'", "Unexpected ':'", 17),
        ("é", "Unexpected character 'é'", 1),
    ])
    func isRejectedAtParseTime(source: String, message: String, column: Int) {
        let error = parseError(source)
        #expect(error?.message == message)
        #expect(error?.column == column)
    }

    @Test func descriptionCarriesTheColumn() {
        #expect(parseError("Foo")?.description == "Unknown variable 'Foo' at column 1")
        #expect(parseError("(1 + 2) )")?.description == "Unexpected ')' at column 9")
        #expect(ExpressionError("not located").description == "not located")
    }

    @Test func everyKnownRootParses() throws {
        for root in NXExpression.knownRoots.sorted() {
            #expect(try NXExpression.parse("\(root) == null").roots == [root])
        }
        #expect(NXExpression.knownRoots.count == 16 + NXExpression.workflowRoots.count)
    }
}
