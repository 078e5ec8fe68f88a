/// UTF-8 helpers for sniffing and text extraction: validation, lossy decoding of a capped prefix, whitespace collapsing.
enum UTF8Text {
    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    /// With `allowTruncatedEnd`, a sequence cut short by the end of the buffer is accepted.
    static func isValid(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // Sequence length and the allowed range of the second byte (RFC 3629 table).
            let (length, low, high): (Int, UInt8, UInt8)
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return false
            }
            for k in 1..<length {
                guard i + k < n else { return allowTruncatedEnd }
                let c = bytes[i + k]
                let (lo, hi): (UInt8, UInt8) = k == 1 ? (low, high) : (0x80, 0xBF)
                if c < lo || c > hi { return false }
            }
            i += length
        }
        return true
    }

    /// The number of trailing bytes that form the start of a multi-byte sequence cut by the end of `bytes`.
    static func truncatedTailLength(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        var back = 0
        while back < min(3, n) {
            let c = bytes[n - 1 - back]
            if c & 0xC0 != 0x80 {
                let needed: Int
                switch c {
                case 0xC2...0xDF: needed = 2
                case 0xE0...0xEF: needed = 3
                case 0xF0...0xF4: needed = 4
                default: return 0
                }
                return back + 1 < needed ? back + 1 : 0
            }
            back += 1
        }
        return 0
    }

    /// Decodes UTF-8, replacing invalid bytes with U+FFFD; a sequence cut by the end of a capped read is dropped.
    static func decodeLossy(_ bytes: [UInt8], truncated: Bool) -> String {
        if truncated {
            let cut = truncatedTailLength(bytes)
            if cut > 0 { return String(decoding: bytes.dropLast(cut), as: UTF8.self) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Collapses every run of whitespace (including no-break spaces and line separators) to one space, trimmed.
    static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{0}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }
}
