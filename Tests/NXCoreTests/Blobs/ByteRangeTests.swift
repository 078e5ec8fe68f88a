import Testing

@testable import NXCore

/// `Range` header parsing (Nuxeo's DownloadHelper.parseRange, with ends clamped to the file).
@Suite struct ByteRangeTests {
    /// "Hello World" is 11 bytes long.
    static let length: Int64 = 11

    @Test(arguments: [
        ("bytes=0-4", 0, 4), ("bytes=6-10", 6, 10), ("bytes=6-", 6, 10), ("bytes=-5", 6, 10), ("bytes=-20", 0, 10),
        ("bytes=0-0", 0, 0), ("bytes=10-10", 10, 10), ("bytes=-11", 0, 10), ("bytes=5-100", 5, 10),
        ("bytes=0-99999999999", 0, 10), ("bytes= 2 - 3 ", 2, 3), (" bytes=2-3\t", 2, 3),
    ])
    func validRanges(_ header: String, _ start: Int64, _ end: Int64) throws {
        let range = try #require(ByteRange.parse(header, length: Self.length))
        #expect(range == ByteRange(start: start, end: end))
        #expect(range.count == end - start + 1)
    }

    @Test(arguments: [
        "", "bytes=", "bytes=-", "bytes=-0", "bytes=5-2", "bytes=11-", "bytes=11-12", "bytes=20-30", "bytes=0-1,3-4",
        "bytes=0-1, 3-4", "bytes=a-b", "bytes=1-b", "bytes=a-", "bytes=+1-2", "bytes=-+1", "bytes=1--2", "bytes=--1",
        "items=0-1", "bytes 0-1", "Bytes=0-1", "bytes=1", "bytes=1.5-2", "bytes=\u{0661}-2",
        "bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes=-99999999999999999999",
        "bytes=9223372036854775807-", "bytes=9223372036854775808-",
    ])
    func malformedOrUnsatisfiableRangesServeTheWholeFile(_ header: String) {
        #expect(ByteRange.parse(header, length: Self.length) == nil)
    }

    @Test func missingHeaderOrEmptyFileGivesNil() {
        #expect(ByteRange.parse(nil, length: Self.length) == nil)
        #expect(ByteRange.parse("bytes=0-", length: 0) == nil)
        #expect(ByteRange.parse("bytes=-1", length: 0) == nil)
        #expect(ByteRange.parse("bytes=0-0", length: -1) == nil)
    }

    @Test func hugeFilesDoNotOverflow() throws {
        let range = try #require(ByteRange.parse("bytes=9223372036854775805-", length: .max))
        #expect(range == ByteRange(start: .max - 2, end: .max - 1))
        #expect(range.count == 2)
        let suffix = try #require(ByteRange.parse("bytes=-9223372036854775807", length: .max))
        #expect(suffix.start == 0 && suffix.end == .max - 1)
    }

    @Test func contentRangeHeader() {
        #expect(ByteRange(start: 0, end: 4).contentRange(length: 11) == "bytes 0-4/11")
        #expect(ByteRange(start: 6, end: 10).contentRange(length: 11) == "bytes 6-10/11")
    }
}
