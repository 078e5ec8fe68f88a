/// Byte-scanning helpers shared by the HTML and XML strippers (markup delimiters are ASCII).
enum MarkupScan {
    /// Whether `needle` occurs in `bytes` at `offset`, ASCII case-insensitively.
    static func has(_ bytes: [UInt8], _ needle: String, at offset: Int) -> Bool {
        let pattern = Array(needle.utf8)
        guard offset >= 0, offset + pattern.count <= bytes.count else { return false }
        for (j, p) in pattern.enumerated() where lower(bytes[offset + j]) != lower(p) { return false }
        return true
    }

    /// The index just past the first occurrence of `needle` at or after `start`, or nil.
    static func index(after needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, start >= 0 else { return nil }
        var i = start
        while i + pattern.count <= bytes.count {
            if lower(bytes[i]) == lower(first), has(bytes, needle, at: i) { return i + pattern.count }
            i += 1
        }
        return nil
    }

    /// The index after the `>` closing a tag whose attributes start at `start` (quoted values may hold `>`).
    static func endOfTag(_ bytes: [UInt8], from start: Int) -> Int {
        var k = start
        while k < bytes.count {
            let c = bytes[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let close = bytes[(k + 1)...].firstIndex(of: c) else { return bytes.count }
                k = close + 1
                continue
            }
            if c == UInt8(ascii: ">") { return k + 1 }
            k += 1
        }
        return bytes.count
    }

    /// The index after the end tag closing a raw-text element (`</script …>`), or the end of the input.
    static func endOfRawText(_ bytes: [UInt8], element: String, from start: Int) -> Int {
        var i = start
        while let close = index(after: "</" + element, in: bytes, from: i) {
            if close >= bytes.count || !isNameByte(bytes[close]) {
                return endOfTag(bytes, from: close)
            }
            i = close
        }
        return bytes.count
    }

    static func isLetter(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }

    /// Bytes of an element or attribute name (ASCII letters, digits, `-_:.`, and any non-ASCII byte).
    static func isNameByte(_ c: UInt8) -> Bool {
        isLetter(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") || c >= 0x80
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    private static func lower(_ c: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) ? c + 0x20 : c
    }
}
