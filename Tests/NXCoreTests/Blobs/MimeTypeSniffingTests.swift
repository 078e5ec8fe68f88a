import Testing

@testable import NXCore

/// Content sniffing from real magic bytes, and the precedence rules of `MimeTypes.detect`.
@Suite struct MimeTypeSniffingTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
    static let bmp: [UInt8] =
        [0x42, 0x4D, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func riff(_ form: String) -> [UInt8] { bytes("RIFF") + [0x24, 0, 0, 0] + bytes(form) + bytes("fmt ") }

    static func isoMedia(_ brand: String) -> [UInt8] { [0, 0, 0, 0x18] + bytes("ftyp") + bytes(brand) + [0, 0, 2, 0] }

    static let cases: [([UInt8], String)] = [
        (bytes("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj"), "application/pdf"),
        (png, "image/png"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00], "image/jpeg"),
        (bytes("GIF89a") + [0x01, 0x00, 0x01, 0x00], "image/gif"),
        (bytes("GIF87a") + [0x01, 0x00], "image/gif"),
        ([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00], "image/tiff"),
        ([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08], "image/tiff"),
        (bmp, "image/bmp"),
        (Array(riff("WEBP").prefix(12)) + bytes("VP8 "), "image/webp"),
        (riff("WAVE"), "audio/x-wav"),
        (Array(riff("AVI ").prefix(12)) + bytes("LIST"), "video/x-msvideo"),
        (bytes("8BPS") + [0, 1, 0, 0], "application/photoshop"),
        (BlobTestFiles.zipEntry("hello.txt", data: bytes("hello")), "application/zip"),
        ([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18), "application/zip"),
        (BlobTestFiles.zipEntry("mimetype", data: bytes("application/vnd.oasis.opendocument.text"))
            + BlobTestFiles.zipEntry("content.xml", data: bytes("<x/>"), method: 8),
            "application/vnd.oasis.opendocument.text"),
        (BlobTestFiles.zipEntry("[Content_Types].xml", data: [UInt8](repeating: 7, count: 300), method: 8)
            + BlobTestFiles.zipEntry("_rels/.rels", data: [1, 2, 3], method: 8)
            + BlobTestFiles.zipEntry("word/document.xml", data: [4, 5], method: 8),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (BlobTestFiles.zipEntry("[Content_Types].xml", data: [9, 9], method: 8)
            + BlobTestFiles.zipEntry("xl/workbook.xml", data: [4, 5], method: 8),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (BlobTestFiles.zipEntry("[Content_Types].xml", data: [9, 9], method: 8)
            + BlobTestFiles.zipEntry("ppt/presentation.xml", data: [4, 5], method: 8),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        (BlobTestFiles.zipEntry("META-INF/MANIFEST.MF", data: bytes("Manifest-Version: 1.0\n")),
            "application/java-archive"),
        ([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0], "application/gzip"),
        (bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<note/>"), "text/xml"),
        ([0xEF, 0xBB, 0xBF] + bytes("<?xml version=\"1.0\"?><a/>"), "text/xml"),
        (bytes("<!DOCTYPE html>\n<html><body>x</body></html>"), "text/html"),
        (bytes("  \n\t<!doctype HTML><title>x</title>"), "text/html"),
        ([0xEF, 0xBB, 0xBF] + bytes("<HTML lang=\"en\">"), "text/html"),
        (bytes("<html>"), "text/html"),
        (bytes("<body onload=\"x()\">"), "text/html"),
        (bytes("{\\rtf1\\ansi\\deff0 {\\fonttbl}}"), "text/rtf"),
        (bytes("%!PS-Adobe-3.0\n%%Title: x"), "application/postscript"),
        ([0xC5, 0xD0, 0xD3, 0xC6, 0x20, 0, 0, 0], "application/postscript"),
        (bytes("ID3") + [0x04, 0x00, 0x00, 0, 0, 0, 0x23], "audio/mpeg"),
        ([0xFF, 0xFB, 0x90, 0x64, 0x00, 0x00], "audio/mpeg"),
        (bytes("OggS") + [0, 2] + [UInt8](repeating: 0, count: 22) + [0x01] + bytes("vorbis"), "audio/ogg"),
        (bytes("OggS") + [0, 2] + [UInt8](repeating: 0, count: 22) + [0x80] + bytes("theora"), "video/ogg"),
        (bytes("fLaC") + [0, 0, 0, 0x22], "audio/flac"),
        (isoMedia("isom"), "video/mp4"),
        (isoMedia("mp42"), "video/mp4"),
        (isoMedia("qt  "), "video/quicktime"),
        (isoMedia("M4A "), "audio/mp4"),
        (isoMedia("3gp5"), "video/3gpp"),
        ([0, 0, 0, 8] + bytes("wide") + [0, 0, 0, 0] + bytes("mdat"), "video/quicktime"),
        ([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84] + bytes("webm"), "video/webm"),
        ([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88] + bytes("matroska"), "video/x-matroska"),
        (bytes("Hello, World!\nPlain text."), "text/plain"),
        (bytes("{\"json\": true}"), "text/plain"),
        (bytes("Caf\u{E9} cr\u{E8}me \u{1F600}"), "text/plain"),
        (bytes("BMW cars are nice"), "text/plain"),
        (bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "text/plain"),
        (bytes("<htmlfoo>"), "text/plain"),
    ]

    @Test(arguments: cases)
    func sniffsMagicBytes(_ prefix: [UInt8], _ expected: String) {
        #expect(MimeTypes.sniff(prefix) == expected)
    }

    @Test func aUTF8SequenceCutByThePrefixEndIsStillText() {
        let text = Self.bytes(String(repeating: "\u{E9}", count: 10))
        #expect(MimeTypes.sniff(Array(text.dropLast())) == "text/plain")
    }

    @Test(arguments: [
        [UInt8](), [0x41, 0x00, 0x42], [0xFF, 0xFE, 0x41, 0x00, 0x42, 0x00], [0xC3, 0x28, 0x41], [0xED, 0xA0, 0x80],
        [0xC0, 0xAF], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    ])
    func binaryOrEmptyGivesNil(_ prefix: [UInt8]) {
        #expect(MimeTypes.sniff(prefix) == nil)
    }

    @Test func nulAfterTheFirstSixteenBytesIsStillText() {
        #expect(MimeTypes.sniff(Self.bytes("0123456789abcdefgh") + [0]) == "text/plain")
    }

    @Test func declaredOctetStreamIsReplacedByTheExtensionFirst() {
        #expect(MimeTypes.detect(declared: "application/octet-stream", filename: "a.pdf", prefix: Self.png) == "application/pdf")
        #expect(MimeTypes.detect(declared: "application/octet-stream; x=y", filename: "a.PNG", prefix: []) == "image/png")
        #expect(MimeTypes.detect(declared: "Application/Octet-Stream", filename: "doc.txt", prefix: []) == "text/plain")
        #expect(MimeTypes.detect(declared: nil, filename: "a.docx", prefix: Self.bytes("hello"))
            == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(MimeTypes.detect(declared: "  ", filename: "a.csv", prefix: []) == "text/csv")
    }

    @Test func aDeclaredTypeIsKeptNormalized() {
        #expect(MimeTypes.detect(declared: "text/plain", filename: "a.pdf", prefix: Self.png) == "text/plain")
        #expect(MimeTypes.detect(declared: "image/pjpeg", filename: nil, prefix: []) == "image/jpeg")
        #expect(MimeTypes.detect(declared: "text/plain; charset=UTF-8", filename: "x.txt", prefix: []) == "text/plain")
        #expect(MimeTypes.detect(declared: "APPLICATION/PDF", filename: nil, prefix: []) == "application/pdf")
        #expect(MimeTypes.detect(declared: "application/x-custom", filename: "a.txt", prefix: []) == "application/x-custom")
    }

    @Test func withoutAUsefulNameTheContentIsSniffed() {
        #expect(MimeTypes.detect(declared: nil, filename: nil, prefix: Self.png) == "image/png")
        #expect(MimeTypes.detect(declared: "", filename: "scan", prefix: Self.bytes("%PDF-1.4")) == "application/pdf")
        #expect(MimeTypes.detect(declared: nil, filename: "notes.xml", prefix: Self.bytes("<?xml version=\"1.0\"?><a/>"))
            == "text/xml")
        #expect(MimeTypes.detect(declared: nil, filename: "data.json", prefix: Self.bytes("{\"a\": 1}")) == "text/plain")
        #expect(MimeTypes.detect(declared: nil, filename: nil, prefix: Self.isoMedia("M4A ")) == "audio/aac")
    }

    @Test func nulInTheFirstSixteenBytesIsOctetStream() {
        let prefix: [UInt8] = [0x41, 0x42, 0x00, 0x43] + Self.bytes("rest of the text")
        #expect(MimeTypes.detect(declared: nil, filename: "blob", prefix: prefix) == "application/octet-stream")
        #expect(MimeTypes.detect(declared: nil, filename: nil, prefix: []) == "application/octet-stream")
    }

    @Test func temporaryNamesAreNotSniffed() {
        #expect(MimeTypes.detect(declared: nil, filename: "~$doc.docx", prefix: Self.png) == "application/octet-stream")
        #expect(MimeTypes.detect(declared: nil, filename: "upload.tmp", prefix: Self.png) == "application/octet-stream")
    }
}
