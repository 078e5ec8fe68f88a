import NXExpression
import Testing

/// `CurrentDate` (Nuxeo's DateWrapper) with `now` fixed at 2024-01-31T10:15:30.250Z (a Wednesday), UTC.
@Suite struct CurrentDateTests {
    func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0) -> TestEnvironment {
        var environment = TestEnvironment()
        environment.now = ExpressionDate(year: year, month: month, day: day, hour: hour) ?? TestEnvironment.fixedNow
        return environment
    }

    @Test(arguments: [
        ("CurrentDate.format('yyyy-MM-dd')", "2024-01-31"),
        ("CurrentDate.format(\"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\")", "2024-01-31T10:15:30.250Z"),
        ("CurrentDate.format('yy/M/d H:m:s')", "24/1/31 10:15:30"),
        ("CurrentDate.format('dd MMM yyyy, EEEE hh a')", "31 Jan 2024, Wednesday 10 AM"),
        ("CurrentDate.format('MMMM D w')", "January 31 5"),
        ("CurrentDate.format(\"'at' HH 'o''clock'''\")", "at 10 o'clock'"),
        ("CurrentDate.format('yyyyMMdd-S')", "20240131-250"),
        ("CurrentDate.toString()", "2024-01-31T10:15:30.250Z"),
        ("CurrentDate.toQueryString()", "TIMESTAMP '2024-01-31 10:15:30.250'"),
        ("CurrentDate.days(-7).format('yyyy-MM-dd')", "2024-01-24"),
        ("CurrentDate.weeks(1).format('yyyy-MM-dd')", "2024-02-07"),
        ("CurrentDate.hours(14).minutes(-15).seconds(5).format('yyyy-MM-dd HH:mm:ss')", "2024-02-01 00:00:35"),
        ("CurrentDate.years(-1).format('yyyy-MM-dd')", "2023-01-31"),
    ])
    func formatsAndMoves(source: String, expected: String) throws {
        #expect(try evaluate(source) == .string(expected))
    }

    @Test func monthsClampToTheEndOfAShorterMonth() throws {
        #expect(try evaluate("CurrentDate.months(1).format('yyyy-MM-dd')") == "2024-02-29")  // leap year
        #expect(try evaluate("CurrentDate.months(1).format('yyyy-MM-dd')", at(2023, 1, 31)) == "2023-02-28")
        #expect(try evaluate("CurrentDate.months(-1).format('yyyy-MM-dd')", at(2024, 3, 31)) == "2024-02-29")
        #expect(try evaluate("CurrentDate.months(-13).format('yyyy-MM-dd')", at(2024, 3, 31)) == "2023-02-28")
        #expect(try evaluate("CurrentDate.months(3).format('yyyy-MM-dd')", at(2024, 1, 31)) == "2024-04-30")
        #expect(try evaluate("CurrentDate.months(12).format('yyyy-MM-dd HH')", at(2024, 12, 15, 23)) == "2025-12-15 23")
    }

    @Test func yearsFromALeapDayLandOnFebruary28() throws {
        #expect(try evaluate("CurrentDate.years(1).format('yyyy-MM-dd')", at(2024, 2, 29)) == "2025-02-28")
        #expect(try evaluate("CurrentDate.years(4).format('yyyy-MM-dd')", at(2024, 2, 29)) == "2028-02-29")
        #expect(try evaluate("CurrentDate.days(1).format('MM-dd')", at(2100, 2, 28)) == "03-01")  // 2100 is not leap
        #expect(try evaluate("CurrentDate.days(1).format('MM-dd')", at(2000, 2, 28)) == "02-29")  // 2000 is
    }

    @Test func negativeOffsetsCrossYearsAndTheEpoch() throws {
        #expect(try evaluate("CurrentDate.days(-31).format('yyyy-MM-dd')") == "2023-12-31")
        #expect(try evaluate("CurrentDate.days(-1).format('yyyy-MM-dd HH:mm')", at(1970, 1, 1)) == "1969-12-31 00:00")
        #expect(try evaluate("CurrentDate.seconds(-1).time", at(1970, 1, 1)) == -1000)
    }

    @Test func propertiesFollowNuxeosDateWrapper() throws {
        #expect(try evaluate("CurrentDate.year") == 2024)
        #expect(try evaluate("CurrentDate.month") == 0)  // Calendar.MONTH: January is 0
        #expect(try evaluate("CurrentDate.getMonth()") == 0)
        #expect(try evaluate("CurrentDate.day") == 31)
        #expect(try evaluate("CurrentDate.hour") == 10)
        #expect(try evaluate("CurrentDate.hours(5).hour") == 3)  // Calendar.HOUR: the 12-hour clock
        #expect(try evaluate("CurrentDate.minute + CurrentDate.second") == 45)
        #expect(try evaluate("CurrentDate.week") == 5)
        #expect(try evaluate("CurrentDate.time") == 1_706_696_130_250)
        #expect(try evaluate("CurrentDate.getTime()") == 1_706_696_130_250)
        #expect(try evaluate("CurrentDate.date") == .date(TestEnvironment.fixedNow))
        #expect(try evaluate("CurrentDate.calendar.days(1).day") == 1)
    }

    @Test func weekOfYearFollowsJavaUSRules() throws {
        #expect(try evaluate("CurrentDate.week", at(2023, 12, 31)) == 1)  // Sunday of the week holding Jan 1st
        #expect(try evaluate("CurrentDate.week", at(2023, 12, 30)) == 52)
        #expect(try evaluate("CurrentDate.week", at(2022, 1, 1)) == 1)
        #expect(try evaluate("CurrentDate.week", at(2022, 1, 2)) == 2)
    }

    @Test func unknownFormatLettersAndMembersAreParseErrors() {
        let letter = parseError("CurrentDate.format('yyyy-QQ')")
        #expect(letter?.message == "Unknown date format letter 'Q' in 'yyyy-QQ'")
        #expect(letter?.column == 20)
        #expect(parseError("CurrentDate.format(\"'T\")")?.message == "Unterminated quote in date format ''T'")
        let member = parseError("CurrentDate.tomorrow")
        #expect(member?.message == "Member 'tomorrow' is not allowed on a date")
        #expect(member?.column == 13)
        #expect(parseError("CurrentDate.days(1).exec()")?.message == "Method 'exec' is not allowed on a date")
        #expect(parseError("CurrentDate.days()")?.message == "Method 'days' takes 1 argument, got 0")
        #expect(parseError("CurrentDate.days")?.message == "Member 'days' is not allowed on a date; call it as 'days()'")
    }

    @Test func aDynamicPatternIsCheckedAtRunTime() {
        let error = evaluationError("CurrentDate.format(Context.x)")
        #expect(error?.message == "Unknown date format letter 'e' in 'ex'")
        #expect(error?.column == 13)
    }

    @Test func dateArithmeticOutOfRangeIsAnError() {
        #expect(evaluationError("CurrentDate.years(9223372036854775807)")?.message == "Date arithmetic out of range")
        #expect(evaluationError("CurrentDate.days(9223372036854775807)")?.message == "Date arithmetic out of range")
        #expect(evaluationError("CurrentDate.years(2000000)")?.message == "Date arithmetic out of range")
        #expect(evaluationError("CurrentDate.days('x')")?.message == "Argument 1 of 'days' must be an integer, not a string")
    }

    @Test func datesConvertToAndFromComponents() {
        let date = ExpressionDate(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58, millisecond: 7)
        #expect(date?.w3cText == "2024-02-29T23:59:58.007Z")
        #expect(date?.components.weekday == 5)  // Thursday
        #expect(ExpressionDate(year: 2023, month: 2, day: 29) == nil)
        #expect(ExpressionDate(millisecondsSince1970: -1).w3cText == "1969-12-31T23:59:59.999Z")
        #expect(ExpressionDate(year: 1, month: 1, day: 1)?.w3cText == "0001-01-01T00:00:00.000Z")
    }

    @Test func extremeInstantsFormatWithoutOverflow() throws {
        #expect(ExpressionDate(millisecondsSince1970: .max).w3cText == "292278994-08-17T07:12:55.807Z")
        #expect(ExpressionDate(millisecondsSince1970: .min).w3cText == "-292275055-05-16T16:47:04.192Z")
        #expect(try ExpressionDate(millisecondsSince1970: .min).format("yyyy w D E") == "-292275055 21 136 Sun")  // Jan 1st was a Friday: (135 + 5) / 7 + 1
        #expect(throws: ExpressionError.self) { try ExpressionDate(millisecondsSince1970: .min).adding(-1, .seconds) }
        #expect(throws: ExpressionError.self) { try ExpressionDate(millisecondsSince1970: .max).adding(1, .months) }
    }
}
