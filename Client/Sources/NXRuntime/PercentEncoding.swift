/// Percent-encoding of URL path segments and query components.
public enum PercentEncoding {
    /// Decodes `%XX` escapes (and `+` as space when `plusAsSpace`); invalid escapes are kept as written.
    public static func decode(_ text: Substring, plusAsSpace: Bool = false) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && text.utf8.contains(UInt8(ascii: "+"))) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let hi = hexValue(iterator[iterator.startIndex]), let lo = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                iterator = iterator.dropFirst(2)
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Encodes a path segment: unreserved characters and `@:!$&'()*+,;=` stay, everything else is escaped.
    /// An existing `%XX` escape is kept, so a path written with `%20` is sent unchanged.
    public static func encodePathSegment(_ text: String) -> String {
        encode(text, keep: "-._~!$&'()*+,;=:@", keepEscapes: true)
    }

    /// Encodes a query name or value (space as `%20`).
    public static func encodeQueryComponent(_ text: String) -> String {
        encode(text, keep: "-._~!$'()*,;:@/?", keepEscapes: false)
    }

    private static func encode(_ text: String, keep: String, keepEscapes: Bool) -> String {
        // Ids, names and most values need no escape: returned as they are, without building a new string.
        if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 46 || $0 == 95 }) {
            return text
        }
        let keepSet = Set(keep.utf8)
        let bytes = Array(text.utf8)
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let isAlnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
            if isAlnum || keepSet.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if keepEscapes, b == UInt8(ascii: "%"), i + 2 < bytes.count, hexValue(bytes[i + 1]) != nil, hexValue(bytes[i + 2]) != nil {
                out += "%"
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
            i += 1
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

extension String {
    /// The string without leading and trailing white space (spaces, tabs, newlines).
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
