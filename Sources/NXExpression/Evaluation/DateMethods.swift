/// Nuxeo's `DateWrapper` vocabulary on dates (`CurrentDate` and every `.date` value), in UTC.
///
/// As in Nuxeo, `month` is 0-based (`Calendar.MONTH`: January is 0) and `hour` is on the 12-hour clock
/// (`Calendar.HOUR`: 0–11); `format("MM")`/`format("HH")` give the usual numbers. `toString()` writes the W3C form
/// (Nuxeo's writes `toQueryString()`'s `TIMESTAMP '…'`, available under that name). `hours(n)` and `minutes(n)`
/// extend Nuxeo's `years/months/weeks/days/seconds(n)`.
enum DateMethods {
    /// A property (`year`) or nil when the date has none.
    static func member(_ name: String, of date: ExpressionDate) -> ExpressionValue? {
        let c = date.components
        switch name {
        case "date", "calendar": return .date(date)
        case "time": return .int(date.millisecondsSince1970)
        case "year": return .int(c.year)
        case "month": return .int(c.month - 1)
        case "day": return .int(c.day)
        case "hour": return .int(c.hour % 12)
        case "minute": return .int(c.minute)
        case "second": return .int(c.second)
        case "week": return .int(date.weekOfYear)
        default: return nil
        }
    }

    static func call(_ name: String, _ date: ExpressionDate, _ arguments: Arguments) throws(ExpressionError) -> ExpressionValue {
        if let unit = ExpressionDate.Unit(rawValue: name) {
            return .date(try date.adding(try arguments.int(0), unit))
        }
        switch name {
        case "format": return .string(try date.format(try arguments.string(0)))
        case "toQueryString": return .string(date.queryText)
        default: break
        }
        for property in BuiltInVocabulary.dateMembers.keys where BuiltInVocabulary.getter(property) == name {
            if let value = member(property, of: date) { return value }
        }
        throw ExpressionError("Method '\(name)' is not allowed on a date")
    }
}
