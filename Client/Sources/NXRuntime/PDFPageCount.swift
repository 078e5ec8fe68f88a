/// The number of pages of a PDF read from its bytes, without a PDF library: the page objects (`/Type /Page`) when
/// they are written in the clear, else the largest page-tree `/Count`. Nil when neither is visible (a PDF whose objects
/// are all in compressed object streams) or when the bytes are not a PDF. A check for tests and conformance runs, not a
/// parser for hostile input (it never fails, it may answer nil).
public enum PDFPageCount {
    public static func count(_ b: [UInt8]) -> Int? {
        guard b.starts(with: Array("%PDF-".utf8)) else { return nil }
        let type = Array("/Type".utf8), page = Array("/Page".utf8), countKey = Array("/Count".utf8)
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
        func isNameChar(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
        func matches(_ word: [UInt8], at i: Int) -> Bool { i + word.count <= b.count && b[i..<(i + word.count)].elementsEqual(word) }
        var pages = 0
        var largestCount: Int?
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "/") {
                if matches(type, at: i) {
                    var j = i + type.count
                    while j < b.count, isSpace(b[j]) { j += 1 }
                    if matches(page, at: j), j + page.count == b.count || !isNameChar(b[j + page.count]) { pages += 1 }
                } else if matches(countKey, at: i) {
                    var j = i + countKey.count
                    while j < b.count, isSpace(b[j]) { j += 1 }
                    var value = 0
                    var digits = 0
                    while j < b.count, (0x30...0x39).contains(b[j]), digits < 9 { value = value * 10 + Int(b[j] - 0x30); j += 1; digits += 1 }
                    if digits > 0 { largestCount = max(largestCount ?? 0, value) }
                }
            }
            i += 1
        }
        return pages > 0 ? pages : largestCount
    }
}
