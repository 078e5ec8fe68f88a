/// Text of an XML document: character data (CDATA included) and attribute values, with character references
/// decoded; comments, processing instructions and the DOCTYPE are dropped. Tolerant: never fails on broken markup.
enum XMLTextStripper {
    /// The text pieces of the UTF-8 XML `bytes`, joined with spaces (not whitespace-collapsed).
    static func text(of bytes: [UInt8], truncated: Bool) -> String {
        var pieces: [String] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty {
                pieces.append(MarkupEntities.decode(UTF8Text.decodeLossy(pending, truncated: truncated)))
                pending.removeAll(keepingCapacity: true)
            }
        }
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            guard c == UInt8(ascii: "<") else {
                pending.append(c)
                i += 1
                continue
            }
            flush()
            if MarkupScan.has(bytes, "<!--", at: i) {
                i = MarkupScan.index(after: "-->", in: bytes, from: i + 4) ?? n
            } else if MarkupScan.has(bytes, "<![CDATA[", at: i) {
                let start = i + 9
                let end = MarkupScan.index(after: "]]>", in: bytes, from: start)
                let contentEnd = end.map { $0 - 3 } ?? n
                pieces.append(UTF8Text.decodeLossy(Array(bytes[start..<contentEnd]), truncated: truncated))
                i = end ?? n
            } else if MarkupScan.has(bytes, "<?", at: i) {
                i = MarkupScan.index(after: "?>", in: bytes, from: i + 2) ?? n
            } else if MarkupScan.has(bytes, "<!", at: i) {
                i = endOfDeclaration(bytes, from: i + 2)
            } else {
                i = scanTag(bytes, from: i + 1, truncated: truncated, into: &pieces)
            }
        }
        flush()
        return pieces.joined(separator: " ")
    }

    /// Skips a `<!DOCTYPE …>` (or other declaration) including an internal subset in brackets.
    private static func endOfDeclaration(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var k = start
        while k < bytes.count {
            let c = bytes[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let close = bytes[(k + 1)...].firstIndex(of: c) else { return bytes.count }
                k = close + 1
                continue
            }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") { depth = max(0, depth - 1) }
            if c == UInt8(ascii: ">"), depth == 0 { return k + 1 }
            k += 1
        }
        return bytes.count
    }

    /// Reads a start or end tag after its `<`, adding attribute values to `pieces`; returns the index after `>`.
    private static func scanTag(_ bytes: [UInt8], from start: Int, truncated: Bool, into pieces: inout [String]) -> Int {
        let n = bytes.count
        var k = start
        if k < n, bytes[k] == UInt8(ascii: "/") { return MarkupScan.endOfTag(bytes, from: k) }
        while k < n, MarkupScan.isNameByte(bytes[k]) { k += 1 }
        while k < n {
            let c = bytes[k]
            if c == UInt8(ascii: ">") { return k + 1 }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // A quoted attribute value.
                let valueStart = k + 1
                let close = bytes[valueStart...].firstIndex(of: c) ?? n
                let value = UTF8Text.decodeLossy(Array(bytes[valueStart..<close]), truncated: truncated)
                pieces.append(MarkupEntities.decode(value))
                k = close + 1
                continue
            }
            k += 1
        }
        return n
    }
}
