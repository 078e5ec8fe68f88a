/// Plain text of an HTML document: tags, comments, declarations and `<script>`/`<style>` contents removed,
/// character references decoded. Tolerant: never fails on broken markup.
enum HTMLTextStripper {
    /// Elements rendered inline: their tags do not separate words (`H<b>e</b>llo` → `Hello`).
    private static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]

    /// Elements whose content is not text.
    private static let rawTextElements: Set<String> = ["script", "style"]

    /// The text of the UTF-8 HTML `bytes` (not whitespace-collapsed).
    static func text(of bytes: [UInt8], truncated: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            guard c == UInt8(ascii: "<") else {
                out.append(c)
                i += 1
                continue
            }
            if MarkupScan.has(bytes, "<!--", at: i) {
                i = MarkupScan.index(after: "-->", in: bytes, from: i + 4) ?? n
                out.append(0x20)
                continue
            }
            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                i = MarkupScan.index(after: ">", in: bytes, from: i + 2) ?? n
                out.append(0x20)
                continue
            }
            var k = i + 1
            let closing = k < n && bytes[k] == UInt8(ascii: "/")
            if closing { k += 1 }
            let nameStart = k
            while k < n, MarkupScan.isNameByte(bytes[k]) { k += 1 }
            guard k > nameStart, MarkupScan.isLetter(bytes[nameStart]) else {
                out.append(c)  // a lone "<" in text
                i += 1
                continue
            }
            let name = String(decoding: bytes[nameStart..<k], as: UTF8.self).lowercased()
            i = MarkupScan.endOfTag(bytes, from: k)
            if !closing, rawTextElements.contains(name) {
                i = MarkupScan.endOfRawText(bytes, element: name, from: i)
            }
            if !inlineElements.contains(name) { out.append(0x20) }
        }
        return MarkupEntities.decode(UTF8Text.decodeLossy(out, truncated: truncated))
    }
}
