/// A single satisfiable byte range of a download, inclusive at both ends (Nuxeo's `ByteRange`).
public struct ByteRange: Sendable, Hashable {
    /// The first byte served.
    public var start: Int64
    /// The last byte served (inclusive).
    public var end: Int64
    /// The number of bytes served.
    public var count: Int64 { end - start + 1 }

    /// Creates a range from `start` to `end`, both inclusive.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Parses a `Range` request header like Nuxeo's `DownloadHelper.parseRange`.
    ///
    /// Only a single `bytes=a-b`, `bytes=a-` or `bytes=-n` is understood; multiple ranges, anything malformed
    /// (signs, letters, empty `bytes=-`), `start > end`, `start ≥ length` and `-0` give nil, meaning "serve the whole
    /// file" (never 416). `a-` ends at `length-1`; `-n` starts at `max(0, length-n)`. Unlike Nuxeo, an explicit end
    /// past the file is clamped to `length-1`: we never promise bytes we do not have. Numbers too large for `Int64`
    /// give nil. A zero (or negative) length gives nil. Spaces around the numbers are allowed, as in Nuxeo.
    public static func parse(_ header: String?, length: Int64) -> ByteRange? {
        guard let header, length > 0 else { return nil }
        let value = header.trimmingASCIISpaces()
        guard value.hasPrefix("bytes="), !value.contains(",") else { return nil }
        let spec = value.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { return nil }
        let startText = spec[..<dash].trimmingASCIISpaces()
        let endText = spec[spec.index(after: dash)...].trimmingASCIISpaces()
        let start: Int64
        var end = length - 1
        if startText.isEmpty {
            guard let suffix = parseDigits(endText), suffix > 0 else { return nil }
            start = max(0, length - suffix)
        } else {
            guard let first = parseDigits(startText) else { return nil }
            start = first
            if !endText.isEmpty {
                guard let last = parseDigits(endText) else { return nil }
                end = min(last, length - 1)
            }
        }
        guard start <= end else { return nil }
        return ByteRange(start: start, end: end)
    }

    /// The `Content-Range` value for this range of a file of `length` bytes: `bytes <start>-<end>/<length>`.
    public func contentRange(length: Int64) -> String {
        "bytes \(start)-\(end)/\(length)"
    }

    /// A non-negative decimal made of ASCII digits only, or nil (also on `Int64` overflow).
    private static func parseDigits(_ text: Substring) -> Int64? {
        guard !text.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (as Java's `trim` does for header parts).
    fileprivate func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let sub = self[...]
        guard let first = sub.firstIndex(where: { !isSpace($0) }),
            let last = sub.lastIndex(where: { !isSpace($0) })
        else { return Substring() }
        return Substring(sub[first...last])
    }
}
