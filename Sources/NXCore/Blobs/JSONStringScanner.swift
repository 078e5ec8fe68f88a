/// The string values of a JSON document (object keys excluded), found by a tolerant scan that needs neither a
/// valid nor a complete document: a string followed by `:` is a key, every other string is a value.
enum JSONStringScanner {
    /// The string values of the UTF-8 JSON `bytes`, in document order.
    static func values(in bytes: [UInt8], truncated: Bool) -> [String] {
        var values: [String] = []
        let n = bytes.count
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "\"") else {
                i += 1
                continue
            }
            let (decoded, next) = readString(bytes, from: i + 1)
            var k = next
            while k < n, MarkupScan.isSpace(bytes[k]) { k += 1 }
            let isKey = k < n && bytes[k] == UInt8(ascii: ":")
            if !isKey { values.append(UTF8Text.decodeLossy(decoded, truncated: truncated && next >= n)) }
            i = next
        }
        return values
    }

    /// The UTF-8 bytes of the string whose content starts at `start`, and the index after its closing quote.
    private static func readString(_ b: [UInt8], from start: Int) -> ([UInt8], Int) {
        var out: [UInt8] = []
        var i = start
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return (out, i + 1) }
            guard c == UInt8(ascii: "\\"), i + 1 < b.count else {
                if c != UInt8(ascii: "\\") { out.append(c) }
                i += 1
                continue
            }
            let escape = b[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar: Unicode.Scalar = "\u{FFFD}"
                if let high = hex4(b, at: i) {
                    i += 4
                    if (0xD800...0xDBFF).contains(high), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
                        b[i + 1] == UInt8(ascii: "u"), let low = hex4(b, at: i + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        i += 6
                        scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                    } else {
                        scalar = Unicode.Scalar(high) ?? "\u{FFFD}"
                    }
                }
                out.append(contentsOf: Array(String(scalar).utf8))
            default: out.append(escape)  // \" \\ \/ and unknown escapes: the character itself
            }
        }
        return (out, b.count)
    }

    private static func hex4(_ b: [UInt8], at i: Int) -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var value: UInt32 = 0
        for c in b[i..<(i + 4)] {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
