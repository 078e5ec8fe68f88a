import NXExpression
import Testing

/// Every bound is a typed error: nothing crashes, nothing hangs.
@Suite struct SafetyBoundTests {
    @Test func deepNestingFailsQuicklyWithAnError() {
        let clock = ContinuousClock()
        let start = clock.now
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let limits = ExpressionLimits()
        var unbounded = limits
        unbounded.maxSourceLength = 100_000
        let error = parseError(deep, limits: unbounded)
        #expect(error?.message == "Expression is nested too deeply (more than 64 levels)")
        #expect(error?.column == 65)
        #expect(parseError(String(repeating: "!", count: 5000) + "true", limits: unbounded)?.column == 64)
        #expect(parseError(String(repeating: "[", count: 5000), limits: unbounded) != nil)
        #expect(clock.now - start < .seconds(2))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let ok = String(repeating: "(", count: 63) + "1" + String(repeating: ")", count: 63)
        #expect(try evaluate(ok) == 1)
        let tooDeep = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(parseError(tooDeep) != nil)
    }

    @Test func longFlatChainsNeedNoDeepRecursion() throws {
        let sum = Array(repeating: "1", count: 2000).joined(separator: "+")
        #expect(try evaluate(sum) == 2000)
        let path = "Context" + String(repeating: ".nested", count: 1) + ".k" + String(repeating: ".toString()", count: 300)
        #expect(try evaluate(path) == "v")
    }

    @Test func sourceLengthIsBounded() {
        let long = "'" + String(repeating: "a", count: 4096) + "'"
        let error = parseError(long)
        #expect(error?.message == "Expression is longer than 4096 characters")
        #expect(error?.column == 4097)
        #expect(parseError("'" + String(repeating: "a", count: 4094) + "'") == nil)
    }

    @Test func stepBudgetIsBounded() throws {
        var limits = ExpressionLimits()
        limits.maxSteps = 10
        let error = evaluationError("1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1", limits: limits)
        #expect(error?.message == "Evaluation exceeded 10 steps")
        #expect(error?.column == 37)  // the 11th node visited
        #expect(try evaluate("1 + 1 + 1 + 1", limits: limits) == 4)
    }

    @Test(arguments: [
        "9223372036854775807 + 1", "-9223372036854775808 - 1", "9223372036854775807 * 2",
        "-(-9223372036854775807 - 1)", "(-9223372036854775807 - 1) / -1", "-9223372036854775808 * -1",
    ])
    func integerOverflowIsAnError(source: String) {
        #expect(evaluationError(source)?.message.hasPrefix("Integer overflow in '") == true)
    }

    @Test func overflowingLiteralsAreParseErrors() {
        #expect(parseError("9223372036854775808")?.message == "Integer '9223372036854775808' is out of range")
        #expect(parseError("99999999999999999999")?.message == "Integer '99999999999999999999' is out of range")
        #expect(parseError("1e999")?.message == "Number '1e999' is out of range")
    }

    @Test func minDividedByMinusOneRemainderIsZero() throws {
        #expect(try evaluate("(-9223372036854775807 - 1) % -1") == 0)
    }

    @Test func divisionByZeroIsAnErrorNamingTheFragment() {
        let error = evaluationError("Context.count / (Context.count - 3)")
        #expect(error?.message == "Division by zero in 'Context.count / (Context.count - 3)'")
        #expect(error?.column == 15)
        #expect(evaluationError("1 % 0")?.message == "Division by zero in '1 % 0'")
    }

    @Test func indexOutOfRangeIsAnError() {
        let error = evaluationError("Context['list'][3]")
        #expect(error?.message == "Index 3 is out of range for a list of 3 elements")
        #expect(error?.column == 16)
        #expect(evaluationError("[1, 2][-1]")?.message == "Index -1 is out of range for a list of 2 elements")
    }

    @Test func hugeStringsAreRefused() {
        let concat = evaluationError("Fn.big() + Fn.big()")
        #expect(concat?.message == "String longer than 1048576 bytes in 'Fn.big() + Fn.big()'")
        #expect(concat?.column == 10)
        let replace = evaluationError("Fn.big().replace('x', 'xx')")
        #expect(replace?.message == "String longer than 1048576 bytes")
        #expect(replace?.column == 10)
        #expect(evaluationError("Fn.big().replace('', Fn.big())")?.message == "String longer than 1048576 bytes")
        #expect(evaluationError("@{Fn.big()}@{Fn.big()}")?.message == "String longer than 1048576 bytes")
        var limits = ExpressionLimits()
        limits.maxStringBytes = 8
        #expect(evaluationError("'abcd' + 'efghi'", limits: limits)?.message == "String longer than 8 bytes in ''abcd' + 'efghi''")
    }

    @Test func producedBytesAreBoundedPerEvaluation() throws {
        var limits = ExpressionLimits()
        limits.maxProducedBytes = 1_000_000
        let error = evaluationError("Fn.big().trim() + ''", limits: limits)
        #expect(error?.message == "Evaluation produced more than 1000000 bytes of strings in 'Fn.big().trim() + '''")
        #expect(try evaluate("Fn.big().trim().length()", limits: limits) == 600_000)
    }

    @Test func listLiteralsAreBounded() throws {
        let big = "[" + Array(repeating: "1", count: 1001).joined(separator: ",") + "]"
        let error = parseError(big)
        #expect(error?.message == "List literal has more than 1000 elements")
        #expect(error?.column == 2002)
        let ok = "[" + Array(repeating: "1", count: 1000).joined(separator: ",") + "]"
        #expect(try evaluate(ok).text.count == 3000)
    }

    @Test func splitResultsAreBounded() {
        var limits = ExpressionLimits()
        limits.maxListElements = 3
        #expect(evaluationError("'a,b,c,d'.split(',')", limits: limits)?.message == "split would produce more than 3 elements")
    }
}
