import NXExpression
import Testing

/// Literals, MVEL precedence, arithmetic, comparisons, equality and `empty`.
@Suite struct OperatorTests {
    @Test(arguments: [
        ("1 + 2 * 3", ExpressionValue.int(7)),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("7 / 2", 3),
        ("-7 / 2", -3),
        ("7 % 3", 1),
        ("-7 % 3", -1),
        ("2 * -3", -6),
        ("- -3", 3),
        ("1.5 + 1", 2.5),
        ("10 / 4.0", 2.5),
        ("'a' + 1", "a1"),
        ("1 + 2 + 'a'", "3a"),
        ("'a' + 1 + 2", "a12"),
        ("'x' + null", "xnull"),
        ("'x' + true", "xtrue"),
        ("'v' + 1.0", "v1.0"),
        ("'big ' + 1.0e10", "big 1.0E10"),
        ("\"say \\\"hi\\\"\\n\"", "say \"hi\"\n"),
        ("'tab\\there'", "tab\there"),
        ("'\\u00e9'", "é"),
        ("true", true),
        ("null", .null),
        ("[1, 'a', [true]]", .list([1, "a", .list([true])])),
        ("[]", .list([])),
        ("-9223372036854775808", .int(.min)),
        ("9223372036854775807", .int(.max)),
    ])
    func evaluatesLiteralsAndArithmetic(source: String, expected: ExpressionValue) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test func concatenatingTwoAdjacentStringsNeedsAPlus() {
        #expect(parseError("'it''s'")?.message == "Unexpected string")
        #expect(parseError("'it''s'")?.column == 5)
    }

    @Test(arguments: [
        ("1 < 2", true), ("2 <= 2", true), ("3 > 4", false), ("4 >= 4.0", true),
        ("1 == 1.0", true), ("2 != 2.0", false), ("1 < 1.5", true),
        ("'abc' < 'abd'", true), ("'B' < 'a'", true), ("'b' >= 'a'", true),
        ("'1' == 1", true), ("'10' > 9", true), ("'abc' == 1", false),
        ("null == null", true), ("null == 0", false), ("'' == null", false),
        ("[1, 2] == [1.0, 2]", true), ("'true' == true", true),
        ("true && false", false), ("true || false", true), ("!true", false), ("!(1 > 2)", true),
        ("1 < 2 && 2 < 3 || false", true), ("false || 1 == 1 && 'a' == 'b'", false),
    ])
    func comparesAndCombines(source: String, expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test func comparingDatesOrdersThem() throws {
        #expect(try evaluate("CurrentDate.days(-1).date < CurrentDate") == .bool(true))
        #expect(try evaluate("CurrentDate == CurrentDate.days(0)") == .bool(true))
    }

    @Test func comparingNullIsAnErrorLocatedAtTheOperator() {
        let error = evaluationError("Context['none'] < 3")
        #expect(error?.message == "Cannot compare null with an integer in 'Context['none'] < 3'")
        #expect(error?.column == 17)
    }

    @Test func ternaryChoosesABranchAndNests() throws {
        #expect(try evaluate("1 > 2 ? 'a' : 'b'") == "b")
        #expect(try evaluate("Context.count == 3 ? 'three' : Context.count > 3 ? 'more' : 'less'") == "three")
        #expect(try evaluate("false ? 1 : true ? 2 : 3") == 2)
        #expect(try evaluate("Context['flag'] ? 'yes' : 'no'") == "no")
    }

    @Test func logicalOperatorsShortCircuit() throws {
        // The right operands would fail (a host error), so they must not be evaluated.
        #expect(try evaluate("false && Document.nope") == false)
        #expect(try evaluate("true || Document.nope") == true)
        #expect(try evaluate("true ? 1 : Document.nope") == 1)
    }

    @Test(arguments: [
        ("null == empty", true), ("'' == empty", true), ("[] == empty", true), ("'a' == empty", false),
        ("Context['none'] == empty", true), ("Context['blank'] == empty", true), ("Context['missing'] == empty", true),
        ("Context['x'] != empty", true), ("empty == Context['x']", false), ("empty != Context.list", true),
        ("0 == empty", false), ("Context.nested.missing == empty && Context.x != empty", true),
    ])
    func emptyMatchesNullEmptyStringsAndCollections(source: String, expected: Bool) throws {
        #expect(try evaluate(source) == .bool(expected))
    }

    @Test func emptyOutsideAComparisonIsAParseError() {
        #expect(parseError("empty")?.message == "'empty' can only be compared with '==' or '!='")
        #expect(parseError("1 + empty")?.column == 5)
        #expect(parseError("empty == empty") != nil)
    }

    @Test func javaWritesDoublesItsWay() throws {
        #expect(try evaluate("0.1 + 0.2").text == "0.30000000000000004")
        #expect(try evaluate("100.0").text == "100.0")
        #expect(try evaluate("1.0e7").text == "1.0E7")
        #expect(try evaluate("12345678.9").text == "1.23456789E7")
        #expect(try evaluate("0.001").text == "0.001")
        #expect(try evaluate("0.0001").text == "1.0E-4")
        #expect(try evaluate("-2.5").text == "-2.5")
        #expect(try evaluate("1.0 / 0").text == "Infinity")
    }

    @Test func valuesHaveTemplateText() throws {
        #expect(ExpressionValue.null.text == "")
        #expect(ExpressionValue.list(["a", 1, .null]).text == "[a, 1, null]")
        #expect(ExpressionValue.map([(key: "k", value: "v"), (key: "n", value: 2)]).text == "{k=v, n=2}")
        #expect(ExpressionValue.date(TestEnvironment.fixedNow).text == "2024-01-31T10:15:30.250Z")
        #expect(ExpressionValue.object(FakeDocument(title: "T")).text == "/default-domain/workspaces/ws/doc")
    }

    @Test func truthinessFollowsJavaBooleansAndEmptiness() {
        #expect(ExpressionValue.string("TRUE").truthy)
        #expect(!ExpressionValue.string("yes").truthy)
        #expect(!ExpressionValue.null.truthy)
        #expect(ExpressionValue.int(2).truthy)
        #expect(!ExpressionValue.list([]).truthy)
    }
}
