import Testing

@testable import NXCore

/// Which Content-Types a download may carry inline without becoming an XSS vector.
@Suite struct MimeTypeSafetyTests {
    @Test(arguments: [
        "image/png", "image/jpeg", "IMAGE/GIF", "image/webp", "image/bmp", "image/tiff", "application/pdf", "text/plain",
        "text/plain; charset=UTF-8", "text/csv", "text/x-web-markdown", "audio/mpeg", "audio/x-whatever", "video/mp4",
        "video/webm", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text", "application/vnd.ms-excel", "application/zip", "application/octet-stream",
        "application/json", "application/postscript", "text/rtf", "application/vnd.sun.xml.writer",
    ])
    func safeTypes(_ mimeType: String) {
        #expect(MimeTypes.isSafeToServe(mimeType))
    }

    @Test(arguments: [
        "text/html", "TEXT/HTML; charset=utf-8", "application/xhtml+xml", "image/svg+xml", "image/svg", "text/xml",
        "application/xml", "application/atom+xml", "application/rss+xml", "application/docbook+xml", "text/javascript",
        "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript",
        "multipart/related", "multipart/form-data", "message/rfc822", "application/x-unknown", "text/x-unknown", "",
        "text", "text/", "/plain", "text/plain/extra", "text/pl ain", "*/*", "image/*", "text/h\"tml",
    ])
    func unsafeTypes(_ mimeType: String) {
        #expect(!MimeTypes.isSafeToServe(mimeType))
    }
}
