/// An instant, as milliseconds since 1970-01-01T00:00:00Z, read in UTC on the proleptic Gregorian calendar.
///
/// It backs `CurrentDate` and every `.date` value, and answers Nuxeo's `DateWrapper` vocabulary
/// (see ``ExpressionValue/date(_:)``).
public struct ExpressionDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    /// The instant `millisecondsSince1970` ms after the epoch.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The instant at a UTC calendar date and time, or nil when a field is out of range
    /// (month 1–12, day within the month, hour 0–23, minute and second 0–59, millisecond 0–999, year ±999,999).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        guard (-999_999...999_999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month))).contains(Int64(day)),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second), (0...999).contains(millisecond)
        else { return nil }
        let days = CivilCalendar.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let time = ((Int64(hour) * 60 + Int64(minute)) * 60 + Int64(second)) * 1000 + Int64(millisecond)
        self.millisecondsSince1970 = days * CivilCalendar.millisecondsPerDay + time
    }

    /// The UTC calendar fields of this instant.
    public var components: Components { Components(self) }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC (Nuxeo's W3C date form).
    public var w3cText: String {
        let c = components
        return "\(CivilCalendar.pad(c.year, 4))-\(CivilCalendar.pad(c.month, 2))-\(CivilCalendar.pad(c.day, 2))T"
            + "\(CivilCalendar.pad(c.hour, 2)):\(CivilCalendar.pad(c.minute, 2)):\(CivilCalendar.pad(c.second, 2))."
            + "\(CivilCalendar.pad(c.millisecond, 3))Z"
    }

    /// The W3C form.
    public var description: String { w3cText }

    /// Earlier instants first.
    public static func < (lhs: ExpressionDate, rhs: ExpressionDate) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// The UTC calendar fields of an instant.
    public struct Components: Sendable, Hashable {
        /// The year (proleptic Gregorian; 0 is 1 BC).
        public var year: Int64
        /// 1 (January) to 12.
        public var month: Int64
        /// 1 to 31.
        public var day: Int64
        /// 0 to 23.
        public var hour: Int64
        /// 0 to 59.
        public var minute: Int64
        /// 0 to 59.
        public var second: Int64
        /// 0 to 999.
        public var millisecond: Int64
        /// 1 (Sunday) to 7 (Saturday), as Java's `Calendar.DAY_OF_WEEK`.
        public var weekday: Int64

        init(_ date: ExpressionDate) {
            let ms = date.millisecondsSince1970
            let days = CivilCalendar.floorDiv(ms, CivilCalendar.millisecondsPerDay)
            let time = CivilCalendar.floorMod(ms, CivilCalendar.millisecondsPerDay)
            (year, month, day) = CivilCalendar.civilFromDays(days)
            hour = time / 3_600_000
            minute = time / 60_000 % 60
            second = time / 1000 % 60
            millisecond = time % 1000
            weekday = CivilCalendar.floorMod(days + 4, 7) + 1  // 1970-01-01 was a Thursday (5)
        }
    }
}
