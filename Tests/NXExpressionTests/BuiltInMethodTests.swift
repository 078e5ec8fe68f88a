import NXExpression
import Testing

/// The whitelisted methods of strings, lists and maps.
@Suite struct BuiltInMethodTests {
    @Test(arguments: [
        ("'Hello'.length()", ExpressionValue.int(5)),
        ("'😀a'.length()", 3),  // UTF-16 code units, as Java
        ("''.isEmpty()", true),
        ("'  a b \\t'.trim()", "a b"),
        ("'aBc'.toUpperCase() + 'aBc'.toLowerCase()", "ABCabc"),
        ("'report.pdf'.endsWith('.pdf') && 'report.pdf'.startsWith('rep')", true),
        ("'abc'.contains('bc')", true),
        ("'abc'.contains('x')", false),
        ("'Hello'.substring(1)", "ello"),
        ("'Hello'.substring(1, 3)", "el"),
        ("'Hello'.substring(5)", ""),
        ("'a-b-c'.replace('-', '+')", "a+b+c"),
        ("'ab'.replace('', '.')", ".a.b."),
        ("'a,b,,c,,'.split(',')", .list(["a", "b", "", "c"])),
        ("'a.b'.split('.')", .list(["a", "b"])),
        ("''.split(',')", .list([""])),
        ("'abc'.split('')", .list(["a", "b", "c"])),
        ("'a'.equals('a')", true),
        ("'1'.equals(1)", false),
        ("'ABC'.equalsIgnoreCase('abc')", true),
        ("'hello'.indexOf('l')", 2),
        ("'hello'.indexOf('z')", -1),
        ("12.toString() + 1", "121"),
        ("Context.list.toString()", "[1, 2, 3]"),
        ("Context.list.size()", 3),
        ("Context.list.isEmpty()", false),
        ("[1, 2].contains(3)", false),
        ("['a', 'b'][1]", "b"),
        ("Context.get('nested').get('k')", "v"),
        ("Context.isEmpty()", false),
    ])
    func answersTheWhitelist(source: String, expected: ExpressionValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test func methodsOutsideTheWhitelistAreParseErrorsOnKnownTypes() {
        let error = parseError("'x'.exec('rm')")
        #expect(error?.message == "Method 'exec' is not allowed on a string")
        #expect(error?.column == 5)
        #expect(parseError("'x'.getClass()")?.message == "Method 'getClass' is not allowed on a string")
        #expect(parseError("'x'.length")?.message == "Member 'length' is not allowed on a string; call it as 'length()'")
        #expect(parseError("'x'.substring()")?.message == "Method 'substring' takes 1 or 2 arguments, got 0")
        #expect(parseError("'x'[0]")?.message == "Indexing with '[ ]' is not allowed on a string")
        #expect(parseError("[1].size().exec()")?.message == "Method 'exec' is not allowed on an integer")
        #expect(parseError("null.x")?.message == "Member 'x' is not allowed on null")
        #expect(parseError("'a' - 1")?.message == "Operator '-' cannot be applied to a string")
        #expect(parseError("-'a'")?.message == "Operator '-' cannot be applied to a string")
    }

    @Test func methodsOutsideTheWhitelistAreRunTimeErrorsOnHostValues() {
        let error = evaluationError("Context.x.exec()")
        #expect(error?.message == "Method 'exec' is not allowed on a string")
        #expect(error?.column == 11)
        #expect(evaluationError("Context.list.clear()")?.message == "Method 'clear' is not allowed on a list")
        #expect(evaluationError("Context.put('a', 1)")?.message == "Method 'put' is not allowed on a map")
        #expect(evaluationError("Context.x.startsWith(1)")?.message == "Argument 1 of 'startsWith' must be a string, not an integer")
        #expect(evaluationError("Context.x.substring(1, 2, 3)")?.message == "Method 'substring' takes 1 or 2 arguments, got 3")
    }

    @Test func outOfRangePositionsAreErrorsNotCrashes() {
        #expect(evaluationError("'abc'.substring(2, 5)")?.message == "substring(2, 5) is out of range for a string of length 3")
        #expect(evaluationError("'abc'.substring(-1)")?.message == "substring(-1) is out of range for a string of length 3")
        #expect(evaluationError("'abc'.substring(2, 1)") != nil)
        #expect(evaluationError("'😀'.substring(1)")?.message == "substring(1, 2) would split a surrogate pair")
        #expect(evaluationError("Context.list.get(3)")?.message == "Index 3 is out of range for a list of 3 elements")
        #expect(evaluationError("Context.list.get(-1)")?.message == "Index -1 is out of range for a list of 3 elements")
        #expect(evaluationError("Context.list['a']")?.message == "A list index must be an integer, not a string")
    }
}
