import Foundation
import Testing

@testable import NXCore

/// Text extraction from stored files: plain text, HTML, XML, JSON, the byte cap, and PDF through `pdftotext`.
@Suite struct TextExtractorTests {
    let extractor = TextExtractor(pdftotext: nil)

    @Test func plainTextIsDecodedAndCollapsed() async throws {
        let path = try BlobTestFiles.write("  Hello,\n\n\tWorld!  caf\u{E9}  \r\n")
        #expect(await extractor.extract(path: path, mimeType: "text/plain") == "Hello, World! caf\u{E9}")
        #expect(await extractor.extract(path: path, mimeType: "text/csv; charset=UTF-8") == "Hello, World! caf\u{E9}")
        #expect(await extractor.extract(path: path, mimeType: "application/javascript") == "Hello, World! caf\u{E9}")
    }

    @Test func invalidUTF8BytesAreReplaced() async throws {
        let path = try BlobTestFiles.write([0x61, 0xFF, 0x62, 0xC3, 0x28])
        #expect(await extractor.extract(path: path, mimeType: "text/plain") == "a\u{FFFD}b\u{FFFD}(")
    }

    @Test func emptyFileGivesEmptyText() async throws {
        let path = try BlobTestFiles.write([UInt8]())
        #expect(await extractor.extract(path: path, mimeType: "text/plain") == "")
    }

    @Test func neverReadsPastTheCap() async throws {
        let path = try BlobTestFiles.write(String(repeating: "abcdefghij", count: 1000))
        var capped = extractor
        capped.maxBytes = 25
        #expect(await capped.extract(path: path, mimeType: "text/plain") == "abcdefghijabcdefghijabcde")
    }

    @Test func aCharacterCutByTheCapIsDropped() async throws {
        let path = try BlobTestFiles.write(String(repeating: "\u{E9}", count: 10))
        var capped = extractor
        capped.maxBytes = 5
        #expect(await capped.extract(path: path, mimeType: "text/plain") == "\u{E9}\u{E9}")
    }

    @Test func htmlLosesTagsScriptsStylesAndComments() async throws {
        let html = """
            <!DOCTYPE html><html><head><title>Title</title><style>.x { color: red }</style>
            <script type="text/javascript">var secret = "<b>no</b>"; if (a < b) {}</script></head>
            <body><!-- hidden comment --><p class="a>b">Caf&eacute; &amp; cr&egrave;me &lt;tag&gt; &#65;&#x42;
            &quot;q&quot; &#39;s&#39; a&nbsp;b</p><p>H<b>e</b>llo</p><div>one</div><div>two</div>
            <SCRIPT>alert(1)</SCRIPT >after &unknown; &amp x < y</body></html>
            """
        let path = try BlobTestFiles.write(html, name: "page.html")
        let text = await extractor.extract(path: path, mimeType: "text/html; charset=utf-8")
        #expect(
            text == "Title Caf\u{E9} & cr\u{E8}me <tag> AB \"q\" 's' a b Hello one two after &unknown; &amp x < y")
        #expect(await extractor.extract(path: path, mimeType: "application/xhtml+xml") == text)
    }

    @Test func unterminatedScriptHidesTheRest() async throws {
        let path = try BlobTestFiles.write("<p>visible</p><script>var x = 1; // never closed")
        #expect(await extractor.extract(path: path, mimeType: "text/html") == "visible")
    }

    @Test func xmlKeepsCharacterDataAndAttributeValues() async throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE note [<!ENTITY x "y"> <!ELEMENT note ANY>]>
            <note lang="fr" id='n1'><!-- a comment --><to>Tove &amp; Jani</to>
            <body><![CDATA[raw <b> &amp;]]></body><empty/><num>&#233;t&#xE9;</num></note>
            """
        let path = try BlobTestFiles.write(xml, name: "note.xml")
        #expect(
            await extractor.extract(path: path, mimeType: "text/xml")
                == "fr n1 Tove & Jani raw <b> &amp; \u{E9}t\u{E9}")
        #expect(await extractor.extract(path: path, mimeType: "application/atom+xml") != nil)
    }

    @Test func jsonGivesStringValuesWithoutKeys() async throws {
        let json = """
            {"title": "Hello", "n": 3, "ok": true, "tags": ["a\\"b", "caf\\u00e9", "\\ud83d\\ude00"],
             "nested": {"key": "value\\nline", "empty": ""}, "k2" : "v2"}
            """
        let path = try BlobTestFiles.write(json, name: "doc.json")
        #expect(
            await extractor.extract(path: path, mimeType: "application/json")
                == "Hello a\"b caf\u{E9} \u{1F600} value line v2")
        #expect(await extractor.extract(path: path, mimeType: "application/ld+json") != nil)
    }

    @Test func truncatedJSONStillGivesItsStrings() async throws {
        let path = try BlobTestFiles.write("{\"a\": \"one\", \"list\": [\"two\", \"thr")
        #expect(await extractor.extract(path: path, mimeType: "application/json") == "one two thr")
    }

    @Test func unsupportedTypesAndMissingFilesGiveNil() async throws {
        let path = try BlobTestFiles.write("hello")
        #expect(await extractor.extract(path: path, mimeType: "image/png") == nil)
        #expect(await extractor.extract(path: path, mimeType: "garbage") == nil)
        #expect(await extractor.extract(path: path + ".missing", mimeType: "text/plain") == nil)
    }

    @Test func supportedTypes() {
        for type in [
            "text/plain", "text/html", "application/xhtml+xml", "text/xml", "application/xml", "image/svg+xml",
            "application/json", "application/vnd.api+json", "application/javascript", "text/csv",
        ] {
            #expect(extractor.supports(type), "\(type)")
        }
        for type in ["application/pdf", "image/png", "application/zip", "application/octet-stream", "", "text"] {
            #expect(!extractor.supports(type), "\(type)")
        }
        #expect(TextExtractor(pdftotext: "/usr/bin/pdftotext").supports("application/pdf"))
    }

    @Test func findExecutable() {
        #expect(TextExtractor.findExecutable("sh") != nil)
        #expect(TextExtractor.findExecutable("/bin/sh") == "/bin/sh")
        #expect(TextExtractor.findExecutable("no-such-tool-\(UUID().uuidString)") == nil)
        #expect(TextExtractor.findExecutable("") == nil)
    }
}

/// PDF extraction: the real `pdftotext` when installed, and stand-in tools for arguments, failure, cap and timeout.
@Suite struct PDFTextExtractionTests {
    static let pdftotext = TextExtractor.findExecutable("pdftotext")

    @Test(.enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed"))
    func pdftotextFindsTheWord() async throws {
        let path = try BlobTestFiles.write(BlobTestFiles.pdf(showing: "Hello Zanzibar"), name: "hello.pdf")
        let text = await TextExtractor(pdftotext: Self.pdftotext).extract(path: path, mimeType: "application/pdf")
        #expect(text?.contains("Zanzibar") == true)
    }

    @Test(.enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed"))
    func aBrokenPDFGivesNil() async throws {
        let path = try BlobTestFiles.write("this is not a PDF", name: "broken.pdf")
        #expect(await TextExtractor(pdftotext: Self.pdftotext).extract(path: path, mimeType: "application/pdf") == nil)
    }

    @Test func withoutThePDFToolThereIsNoText() async throws {
        let path = try BlobTestFiles.write(BlobTestFiles.pdf(showing: "Hello Zanzibar"), name: "hello.pdf")
        #expect(await TextExtractor(pdftotext: nil).extract(path: path, mimeType: "application/pdf") == nil)
        let missingTool = TextExtractor(pdftotext: "/nonexistent/pdftotext-\(UUID().uuidString)")
        #expect(await missingTool.extract(path: path, mimeType: "application/pdf") == nil)
    }

    @Test func theToolGetsAnArgumentArray() async throws {
        let tool = try BlobTestFiles.script("printf '%s|' \"$@\"")
        let path = try BlobTestFiles.write([0x25, 0x50, 0x44, 0x46], name: "a b;$(touch x) 'q'.pdf")
        let text = await TextExtractor(pdftotext: tool).extract(path: path, mimeType: "application/pdf")
        #expect(text == "-q|-enc|UTF-8|\(path)|-|")
    }

    @Test func aFailingToolGivesNil() async throws {
        let tool = try BlobTestFiles.script("echo partial output; exit 3")
        let path = try BlobTestFiles.write([0x25, 0x50, 0x44, 0x46], name: "a.pdf")
        #expect(await TextExtractor(pdftotext: tool).extract(path: path, mimeType: "application/pdf") == nil)
    }

    @Test func toolOutputIsCapped() async throws {
        let tool = try BlobTestFiles.script("exec yes zanzibar")
        let path = try BlobTestFiles.write([0x25, 0x50, 0x44, 0x46], name: "a.pdf")
        let extractor = TextExtractor(pdftotext: tool, maxBytes: 1000, timeoutSeconds: 20)
        let text = try #require(await extractor.extract(path: path, mimeType: "application/pdf"))
        #expect(text.utf8.count <= 1000)
        #expect(text.hasPrefix("zanzibar zanzibar"))
    }

    @Test func aSlowToolIsKilledAfterTheTimeout() async throws {
        let tool = try BlobTestFiles.script("exec sleep 20")
        let path = try BlobTestFiles.write([0x25, 0x50, 0x44, 0x46], name: "a.pdf")
        #expect(await TextExtractor(pdftotext: tool, timeoutSeconds: 0.3).extract(path: path, mimeType: "application/pdf") == nil)
        // Killed, not waited for: a `sleep 20` that ran its course would have exited normally. (No wall-clock bound:
        // under a loaded test run the awaiting task itself may be scheduled late.)
        let output = try #require(await CappedProcess.run(executable: tool, arguments: [], maxBytes: 10, timeoutSeconds: 0.3))
        #expect(output.timedOut && !output.succeeded)
    }
}
