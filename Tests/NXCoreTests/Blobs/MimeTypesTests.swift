import Testing

@testable import NXCore

/// Extension table, alias normalization, charset parameters and icons of Nuxeo's mime-type registry.
@Suite struct MimeTypesTests {
    @Test(arguments: [
        ("hello.txt", "text/plain"), ("REPORT.PDF", "application/pdf"), ("a.Docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("letter.doc", "application/msword"), ("old.xls", "application/vnd.ms-excel"),
        ("old.ppt", "application/vnd.ms-powerpoint"), ("text.odt", "application/vnd.oasis.opendocument.text"),
        ("calc.ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("show.odp", "application/vnd.oasis.opendocument.presentation"), ("photo.JPG", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"), ("icon.png", "image/png"), ("anim.gif", "image/gif"), ("scan.tif", "image/tiff"),
        ("scan.TIFF", "image/tiff"), ("logo.svg", "image/svg+xml"), ("pic.bmp", "image/bmp"),
        ("art.psd", "application/photoshop"), ("page.html", "text/html"), ("page.xhtml", "text/html"),
        ("data.csv", "text/csv"), ("README.md", "text/x-web-markdown"), ("notes.markdown", "text/x-web-markdown"),
        ("doc.rtf", "text/rtf"), ("archive.zip", "application/zip"), ("song.mp3", "audio/mpeg"),
        ("sound.wav", "audio/x-wav"), ("movie.mp4", "video/mp4"), ("song.m4a", "audio/aac"),
        ("clip.mov", "video/quicktime"), ("clip.avi", "video/x-msvideo"), ("clip.webm", "video/webm"),
        ("mail.eml", "message/rfc822"), ("mail.msg", "application/vnd.ms-outlook"), ("lib.jar", "application/java-archive"),
        ("fig.eps", "application/postscript"), ("img.ppm", "image/x-portable-pixmap"), ("plan.vsd", "application/visio"),
        ("slides.key", "application/vnd.apple.keynote"), ("draw.ai", "application/illustrator"),
        ("macro.docm", "application/vnd.ms-word.document.macroEnabled.12"), ("script.py", "text/python-source"),
        ("C:\\My Documents\\page.HTML", "text/html"), ("/tmp/a.b/c.wav", "audio/x-wav"),
    ])
    func extensionTable(_ name: String, _ expected: String) {
        #expect(MimeTypes.forFilename(name) == expected)
    }

    @Test(arguments: ["data.xml", "DATA.XML", "data.json", "README", "archive.", "dir.d/noext", "x.unknownext", "", "a. "])
    func ambiguousMissingOrUnknownExtensionsGiveNil(_ name: String) {
        #expect(MimeTypes.forFilename(name) == nil)
    }

    @Test(arguments: ["foo.tmp", "FOO.TMP", "~$report.docx", "/path/to/~$x.xlsx", "~$"])
    func temporaryFilesAreOctetStream(_ name: String) {
        #expect(MimeTypes.forFilename(name) == "application/octet-stream")
    }

    @Test(arguments: [
        ("image/pjpeg", "image/jpeg"), ("image/jpg", "image/jpeg"), ("IMAGE/JPEG; q=1", "image/jpeg"),
        ("application/x-zip-compressed", "application/zip"), ("text/comma-separated-values", "text/csv"),
        ("application/csv", "text/csv"), ("application/vnd.ms-excel", "application/vnd.ms-excel"),
        ("image/x-bitmap", "image/bmp"), ("audio/mp4", "audio/aac"), ("audio/MP4A-LATM", "audio/aac"),
        ("text/x-python", "text/python-source"), ("application/x-photoshop", "application/photoshop"),
        ("application/vnd.visio", "application/visio"), ("text/restructured", "text/x-rst"), ("image/CR2", "image/x-canon-cr2"),
        ("application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-word.document.macroEnabled.12"),
        (" text/xml ", "text/xml"), ("Application/Unknown-Thing; a=b", "application/unknown-thing"),
    ])
    func normalizeAliases(_ input: String, _ expected: String) {
        #expect(MimeTypes.normalize(input) == expected)
    }

    @Test(arguments: [
        ("text/plain; charset=UTF-8", "UTF-8"), ("text/html;Charset=\"iso-8859-1\"", "iso-8859-1"),
        ("text/plain; format=flowed; charset=utf-8", "utf-8"),
    ])
    func charsetParameter(_ contentType: String, _ expected: String) {
        #expect(MimeTypes.charset(of: contentType) == expected)
    }

    @Test(arguments: ["text/plain", "text/plain; charset=", "text/plain; charsetx=utf-8", "charset=utf-8"])
    func noCharsetParameter(_ contentType: String) {
        #expect(MimeTypes.charset(of: contentType) == nil)
    }

    @Test(arguments: [
        ("application/pdf", "/icons/pdf.png"), ("text/plain", "/icons/text.png"), ("image/png", "/icons/image.gif"),
        ("image/pjpeg", "/icons/image.gif"), ("application/msword", "/icons/word.png"), ("text/csv", "/icons/csv.png"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "/icons/docx.png"),
        ("application/zip", "/icons/zip.png"), ("video/mp4", "/icons/video.png"), ("audio/x-wav", "/icons/wav.png"),
        ("message/rfc822", "/icons/email.png"), ("application/x-unknown", "/icons/application.png"),
        ("application/vnd.apple.keynote", "/icons/application.png"), ("", "/icons/application.png"),
    ])
    func icons(_ mimeType: String, _ expected: String) {
        #expect(MimeTypes.icon(for: mimeType) == expected)
    }
}
