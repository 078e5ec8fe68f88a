extension ExpressionDate {
    /// A calendar unit of ``adding(_:_:)``, as `DateWrapper.years(n)`, `months(n)`… name them.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Calendar years and months; fixed-length weeks, days, hours, minutes and seconds.
        case years, months, weeks, days, hours, minutes, seconds
    }

    /// The years an ``ExpressionDate`` produced by calendar arithmetic may reach.
    static let yearRange: ClosedRange<Int64> = -999_999...999_999

    /// This instant moved by `amount` units, as Java's `Calendar.add` in UTC: years and months keep the
    /// day of the month, clamped to the last day of a shorter month (Jan 31 + 1 month = Feb 28 or 29);
    /// the other units are fixed lengths. Out-of-range results are an error, never a wrap.
    public func adding(_ amount: Int64, _ unit: Unit) throws(ExpressionError) -> ExpressionDate {
        switch unit {
        case .years:
            let (months, overflow) = amount.multipliedReportingOverflow(by: 12)
            guard !overflow else { throw Self.outOfRange }
            return try addingMonths(months)
        case .months: return try addingMonths(amount)
        case .weeks: return try addingMilliseconds(amount, 7 * CivilCalendar.millisecondsPerDay)
        case .days: return try addingMilliseconds(amount, CivilCalendar.millisecondsPerDay)
        case .hours: return try addingMilliseconds(amount, 3_600_000)
        case .minutes: return try addingMilliseconds(amount, 60_000)
        case .seconds: return try addingMilliseconds(amount, 1000)
        }
    }

    /// Java's `Calendar.WEEK_OF_YEAR` with US rules (weeks start on Sunday; week 1 holds January 1st,
    /// so the last days of December may be in week 1 of the next year).
    public var weekOfYear: Int64 {
        let c = components
        let days = CivilCalendar.floorDiv(millisecondsSince1970, CivilCalendar.millisecondsPerDay)
        let saturday = days + (7 - c.weekday)
        if CivilCalendar.civilFromDays(saturday).year != c.year { return 1 }
        let january1 = CivilCalendar.daysFromCivil(year: c.year, month: 1, day: 1)
        let january1Weekday = CivilCalendar.floorMod(january1 + 4, 7)  // 0 = Sunday
        return (days - january1 + january1Weekday) / 7 + 1
    }

    private static let outOfRange = ExpressionError("Date arithmetic out of range")

    private func addingMonths(_ amount: Int64) throws(ExpressionError) -> ExpressionDate {
        let c = components
        let (base, overflow1) = c.year.multipliedReportingOverflow(by: 12)
        let (total, overflow2) = (base + c.month - 1).addingReportingOverflow(amount)
        guard !overflow1, !overflow2 else { throw Self.outOfRange }
        let year = CivilCalendar.floorDiv(total, 12)
        let month = CivilCalendar.floorMod(total, 12) + 1
        guard Self.yearRange.contains(year) else { throw Self.outOfRange }
        let day = min(c.day, CivilCalendar.daysInMonth(year: year, month: month))
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let time = ((c.hour * 60 + c.minute) * 60 + c.second) * 1000 + c.millisecond
        return ExpressionDate(millisecondsSince1970: days * CivilCalendar.millisecondsPerDay + time)
    }

    private func addingMilliseconds(_ amount: Int64, _ unit: Int64) throws(ExpressionError) -> ExpressionDate {
        let (delta, overflow1) = amount.multipliedReportingOverflow(by: unit)
        let (result, overflow2) = millisecondsSince1970.addingReportingOverflow(delta)
        guard !overflow1, !overflow2 else { throw Self.outOfRange }
        return ExpressionDate(millisecondsSince1970: result)
    }
}
