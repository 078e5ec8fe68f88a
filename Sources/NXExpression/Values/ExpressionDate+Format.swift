extension ExpressionDate {
    /// The instant written with a Java `SimpleDateFormat` pattern, in UTC.
    ///
    /// Letters: `y` (`yy`: two digits), `M` (`MMM` Jan, `MMMM` January), `d`, `D` (day of year), `E` (Mon / Monday),
    /// `a` (AM/PM), `H`, `h` (1–12), `m`, `s`, `S` (milliseconds), `w` (week of year), `Z` (+0000), `X` (Z), `z` (UTC);
    /// a run of one letter pads numbers to its length. Text in single quotes is literal (`'T'`), `''` is a quote.
    /// Any other letter is an error, as in Java.
    public func format(_ pattern: String) throws(ExpressionError) -> String {
        let pieces = try DateFormatPattern.parse(pattern)
        let c = components
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .field(let letter, let count): out += field(letter, count, c)
            }
        }
        return out
    }

    /// Nuxeo's `DateWrapper.toQueryString()`: `TIMESTAMP 'yyyy-MM-dd HH:mm:ss.SSS'`, for NXQL.
    public var queryText: String {
        let c = components
        return "TIMESTAMP '\(CivilCalendar.pad(c.year, 4))-\(CivilCalendar.pad(c.month, 2))-\(CivilCalendar.pad(c.day, 2)) "
            + "\(CivilCalendar.pad(c.hour, 2)):\(CivilCalendar.pad(c.minute, 2)):\(CivilCalendar.pad(c.second, 2))."
            + "\(CivilCalendar.pad(c.millisecond, 3))'"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private func field(_ letter: Character, _ count: Int, _ c: Components) -> String {
        switch letter {
        case "y": return count == 2 ? CivilCalendar.pad(CivilCalendar.floorMod(c.year, 100), 2) : CivilCalendar.pad(c.year, count)
        case "M":
            let name = Self.monthNames[Int(c.month - 1)]
            return count >= 4 ? name : count == 3 ? String(name.prefix(3)) : CivilCalendar.pad(c.month, count)
        case "d": return CivilCalendar.pad(c.day, count)
        case "D":
            let january1 = CivilCalendar.daysFromCivil(year: c.year, month: 1, day: 1)
            let today = CivilCalendar.daysFromCivil(year: c.year, month: c.month, day: c.day)
            return CivilCalendar.pad(today - january1 + 1, count)
        case "E":
            let name = Self.weekdayNames[Int(c.weekday - 1)]
            return count >= 4 ? name : String(name.prefix(3))
        case "a": return c.hour < 12 ? "AM" : "PM"
        case "H": return CivilCalendar.pad(c.hour, count)
        case "h": return CivilCalendar.pad(c.hour % 12 == 0 ? 12 : c.hour % 12, count)
        case "m": return CivilCalendar.pad(c.minute, count)
        case "s": return CivilCalendar.pad(c.second, count)
        case "S": return CivilCalendar.pad(c.millisecond, count)
        case "w": return CivilCalendar.pad(weekOfYear, count)
        case "Z": return "+0000"
        case "X": return "Z"
        default: return "UTC"  // "z"
        }
    }
}

/// A `SimpleDateFormat` pattern split into literal text and field letters.
enum DateFormatPattern {
    enum Piece: Equatable {
        case literal(String)
        case field(Character, Int)
    }

    static let letters: Set<Character> = ["y", "M", "d", "D", "E", "a", "H", "h", "m", "s", "S", "w", "Z", "X", "z"]

    /// The pieces of a pattern; unknown letters and unterminated quotes are errors.
    static func parse(_ pattern: String) throws(ExpressionError) -> [Piece] {
        let chars = Array(pattern)
        var pieces: [Piece] = []
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" {
                    pieces.append(.literal("'"))
                    i += 2
                    continue
                }
                var text = ""
                var j = i + 1
                var closed = false
                while j < chars.count {
                    if chars[j] == "'" {
                        if j + 1 < chars.count, chars[j + 1] == "'" {
                            text.append("'")
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    text.append(chars[j])
                    j += 1
                }
                guard closed else { throw ExpressionError("Unterminated quote in date format '\(pattern)'") }
                pieces.append(.literal(text))
                i = j + 1
            } else if ch.isASCII, ch.isLetter {
                guard letters.contains(ch) else {
                    throw ExpressionError("Unknown date format letter '\(ch)' in '\(pattern)'")
                }
                var count = 1
                while i + count < chars.count, chars[i + count] == ch { count += 1 }
                pieces.append(.field(ch, min(count, 64)))
                i += count
            } else {
                pieces.append(.literal(String(ch)))
                i += 1
            }
        }
        return pieces
    }
}
