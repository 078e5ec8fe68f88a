/// Nuxeo's wire date format `yyyy-MM-ddTHH:mm:ss.SSSZ` (UTC) and W3C date-time parsing.
/// Works on milliseconds since 1970 so it needs no formatter objects.
public enum NXDate {
    /// Formats milliseconds since 1970 as `2014-06-06T10:23:59.760Z`.
    public static func format(millis: Int64) -> String {
        let days = floorDiv(millis, 86_400_000)
        let msOfDay = millis - days * 86_400_000
        let (y, m, d) = civil(fromDays: days)
        let h = msOfDay / 3_600_000, mi = (msOfDay / 60_000) % 60, s = (msOfDay / 1000) % 60, ms = msOfDay % 1000
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2) + "." + pad(ms, 3) + "Z"
    }

    /// Parses a W3C date-time (`2014-06-06`, `2014-06-06T10:23`, `…:59`, `…:59.76`, with `Z` or `±hh:mm`, or none = UTC)
    /// into milliseconds since 1970. Returns nil when the text is not such a date.
    public static func parse(_ text: String) -> Int64? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4) else { return nil }
        var month: Int64 = 1, day: Int64 = 1, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, millis: Int64 = 0
        var offsetMinutes: Int64 = 0
        if scanner.take(UInt8(ascii: "-")) {
            guard let m = scanner.digits(2), (1...12).contains(m) else { return nil }
            month = m
            if scanner.take(UInt8(ascii: "-")) {
                guard let d = scanner.digits(2), (1...31).contains(d) else { return nil }
                day = d
            }
        }
        if scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: " ")) {
            guard let h = scanner.digits(2), h < 24, scanner.take(UInt8(ascii: ":")), let mi = scanner.digits(2), mi < 60 else { return nil }
            hour = h
            minute = mi
            if scanner.take(UInt8(ascii: ":")) {
                guard let s = scanner.digits(2), s < 61 else { return nil }
                second = s
                if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                    var scale: Int64 = 100
                    var any = false
                    while let digit = scanner.digit() {
                        millis += digit * scale
                        scale /= 10
                        any = true
                    }
                    if !any { return nil }
                }
            }
            if scanner.take(UInt8(ascii: "Z")) {
            } else if let sign = scanner.sign() {
                guard let oh = scanner.digits(2) else { return nil }
                _ = scanner.take(UInt8(ascii: ":"))
                let om = scanner.digits(2) ?? 0
                offsetMinutes = sign * (oh * 60 + om)
            }
        } else {
            _ = scanner.take(UInt8(ascii: "Z"))
        }
        guard scanner.atEnd else { return nil }
        let days = days(fromCivil: year, month, day)
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis
    }

    /// Normalises any accepted W3C date text to the wire format.
    public static func normalize(_ text: String) -> String? { parse(text).map { format(millis: $0) } }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    // Howard Hinnant's civil calendar algorithms.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index == bytes.count }
        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        mutating func digit() -> Int64? {
            guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            defer { index += 1 }
            return Int64(bytes[index] - 48)
        }
        mutating func digits(_ n: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<n {
                guard let d = digit() else { return nil }
                value = value * 10 + d
            }
            return value
        }
        mutating func sign() -> Int64? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
