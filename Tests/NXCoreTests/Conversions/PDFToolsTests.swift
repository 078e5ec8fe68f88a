import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing

/// The PDF operations' tools (qpdf, poppler-utils, Ghostscript; `make tools` installs them) on the sample files of
/// `Tests/Fixtures/conversions`: results checked by page count, text, word positions and document information.
@Suite struct PDFToolsTests {
    static let threePages = ConversionServiceTests.fixtures + "/three-pages.pdf"
    static let links = ConversionServiceTests.fixtures + "/links.pdf"

    func tools() -> PDFTools {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxpdf-\(UUID().uuidString)").path
        return ConversionService(converters: [], directory: directory).pdf
    }

    /// The words of a PDF with their boxes (poppler's `-bbox`): (page, word, xMin, yMin from the top).
    static func words(_ work: PDFWorkDirectory, _ file: String) async throws -> [(page: Int, word: String, x: Double, y: Double)] {
        let html = newFile(work, "html")
        try await work.run(.pdftotext, ["-bbox-layout", "-enc", "UTF-8", file, html], failure: "words")
        let pages = PDFWorkDirectory.parseWordBoxes(try work.read(html, failure: "words"))
        return pages.keys.sorted().flatMap { page in
            (pages[page]?.lines ?? []).flatMap { $0 }.map { (page, $0.word, $0.x0, $0.y0) }
        }
    }

    static func newFile(_ work: PDFWorkDirectory, _ ext: String) -> String { work.newFile(ext) }

    static func info(_ work: PDFWorkDirectory, _ file: String) async throws -> [String: String] {
        let entries = try await work.info(of: file, fileName: "f.pdf", fileSize: 1, timeZone: TimeZone(identifier: "UTC") ?? .current)
        return Dictionary(entries.map { ($0.label, $0.value ?? "<null>") }, uniquingKeysWith: { a, _ in a })
    }

    @Test func extractsPagesAsNuxeoClampsThem() async throws {
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(Self.threePages)
            let middle = try await work.extractPages(plain, from: 2, to: 3)
            #expect(try await work.pageCount(middle) == 2)
            let text = try await work.text(of: middle)
            #expect(text.contains("Page two: jumps over") && text.contains("Page three") && !text.contains("Page one"))
            // Below 1 is 1, past the end is the end; an empty range is a document without pages, not an error.
            #expect(try await work.pageCount(try await work.extractPages(plain, from: -5, to: .max)) == 3)
            #expect(try await work.pageCount(try await work.extractPages(plain, from: 3, to: 2)) == 0)
            #expect(try await work.pageCount(try await work.extractPages(plain, from: .max, to: .max)) == 0)
        }
    }

    @Test func setsAndKeepsTheDocumentInformation() async throws {
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(Self.links)
            let titled = try await work.settingInfo([("Title", "Café \"quoted\" ) (paren \\"), ("Author", "Жук")], of: plain, failure: "info")
            var info = try await Self.info(work, titled)
            #expect(info["Title"] == "Café \"quoted\" ) (paren \\" && info["Author"] == "Жук")
            #expect(info["Subject"] == "PDF links" && info["Keywords"] == "links, pdf", "other entries are kept")
            // A file without an information dictionary gets one; pages taken out of the titled file keep its title.
            let untitled = try await work.extractPages(try await work.load(Self.threePages), from: 1, to: 1)
            info = try await Self.info(work, try await work.settingInfo([("Subject", "S")], of: untitled, failure: "info"))
            #expect(info["Subject"] == "S" && info["Title"] == "")
            info = try await Self.info(work, try await work.extractPages(titled, from: 5, to: 9))
            #expect(info["Title"] == "Café \"quoted\" ) (paren \\" && info["Page count"] == "0")
        }
    }

    @Test func mergesInOrder() async throws {
        try await tools().withWorkDirectory { work in
            let merged = try await work.merge([try await work.load(Self.links), try await work.load(Self.threePages), try await work.load(Self.links)])
            #expect(try await work.pageCount(merged) == 5)
            let words = try await Self.words(work, merged)
            #expect(words.first(where: { $0.word == "Visit" })?.page == 1)
            #expect(words.first(where: { $0.word == "three:" })?.page == 4)
            #expect(try await Self.info(work, merged)["Title"] == "Links sample", "the first file's information is kept")
        }
    }

    @Test func encryptsAndDecrypts() async throws {
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(Self.threePages)
            let locked = try await work.encrypt(plain, ownerPassword: "owner pass", userPassword: "us\"er", keyLength: 128, permissions: .readOnly)
            #expect(try await work.isEncrypted(locked))
            #expect(!(try await work.isEncrypted(plain)))
            await #expect(throws: NXError.invalid("Failed to load the PDF")) { try await work.load(locked) }
            await #expect(throws: NXError.invalid("Failed to load the PDF")) { try await work.load(locked, password: "wrong") }
            // The user's and the owner's password both open it.
            #expect(try await work.text(of: try await work.load(locked, password: "us\"er")).contains("Page one"))
            let opened = try await work.load(locked, password: "owner pass")
            #expect(!(try await work.isEncrypted(opened)))
            // A user password that is empty opens without one: the permissions are the user's.
            var permissions = PDFPermissions()
            permissions.print = true
            permissions.modifyAnnotations = true
            let restricted = try await work.encrypt(plain, ownerPassword: "o", userPassword: "", keyLength: 40, permissions: permissions)
            let info = try await Self.info(work, restricted)
            #expect(info["Encrypted"] == "true" && info["Can Print"] == "true" && info["Can Modify Annotations"] == "true")
            #expect(info["Can Modify"] == "false" && info["Can Extract"] == "false")
            let readOnly = try await Self.info(work, try await work.encrypt(plain, ownerPassword: "o", userPassword: "", keyLength: 128,
                                                                              permissions: .readOnly))
            #expect(readOnly["Can Print"] == "true" && readOnly["Can Print Degraded"] == "true" && readOnly["Can Extract"] == "true")
            #expect(readOnly["Can Extract for Accessibility"] == "true")
            #expect(readOnly["Can Modify"] == "false" && readOnly["Can Assemble"] == "false" && readOnly["Can Fill Forms"] == "false")
            await #expect(throws: NXError.invalid("Failed to encrypt the PDF: a password of a 40-bit key cannot hold line breaks nor start with '-'")) {
                try await work.encrypt(plain, ownerPassword: "--", userPassword: "", keyLength: 40, permissions: .readOnly)
            }
            // 128-bit keys take any password (qpdf's job JSON).
            let dashed = try await work.encrypt(plain, ownerPassword: "--owner", userPassword: "-u\nser", keyLength: 128, permissions: .readOnly)
            #expect(try await work.pageCount(try await work.load(dashed, password: "-u\nser")) == 3)
            await #expect(throws: NXError.invalid("Cannot use 56 is not allowed as lenght for the encrytion key")) {
                try await work.encrypt(plain, ownerPassword: "o", userPassword: "", keyLength: 56, permissions: .readOnly)
            }
        }
    }

    @Test func refusesWhatIsNotAPDF() async throws {
        try await tools().withWorkDirectory { work in
            let png = ConversionServiceTests.fixtures + "/gradient-64x48.png"
            await #expect(throws: NXError.invalid("Failed to load the PDF")) { try await work.load(png) }
            await #expect(throws: NXError.invalid("Failed to load the PDF")) { try await Self.info(work, png) }
            let missing = work.path + "/missing.pdf"
            await #expect(throws: NXError.invalid("Failed to encrypt the PDF")) { try await work.load(missing, failure: "Failed to encrypt the PDF") }
        }
    }

    @Test func readsDamagedFilesAsQpdfRepairsThem() async throws {
        // The three-page PDF with a wrong cross-reference offset: qpdf warns, rebuilds the table and reads it.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.threePages)))
        let marker = Array("startxref".utf8)
        let at = try #require((0...(bytes.count - marker.count)).last { Array(bytes[$0..<($0 + marker.count)]) == marker })
        bytes = Array(bytes[..<at]) + Array("startxref\n99\n%%EOF\n".utf8)
        try await tools().withWorkDirectory { work in
            let damaged = work.newFile("pdf")
            try Data(bytes).write(to: URL(fileURLWithPath: damaged))
            #expect(try await Self.info(work, damaged)["Page count"] == "3")
            let plain = try await work.load(damaged)
            #expect(try await work.pageCount(plain) == 3)
        }
    }

    @Test func numbersPagesWhereNuxeoDrawsThem() async throws {
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(Self.threePages)
            var numbering = PDFPageNumbering()
            numbering.startAtPage = 2
            numbering.startAtNumber = 7
            numbering.color = try PDFColor(hex255: "#000000")
            let bottomRight = try await Self.words(work, try await work.addPageNumbers(plain, numbering))
            let numbers = bottomRight.filter { Int($0.word) != nil }
            #expect(numbers.map(\.page) == [2, 3] && numbers.map(\.word) == ["7", "8"])
            // 16-point Helvetica "7" is 8.9 points wide: 10 points from the right edge, its baseline 10 points up.
            #expect(numbers.allSatisfy { abs($0.x - (612 - 10 - 8.9)) < 1 && $0.y > 792 - 30 })
            numbering.position = .init(option: "TOP LEFT")
            numbering.startAtPage = 9   // past the last page: from the first
            numbering.fontName = "Courier-Bold"
            let topLeft = try await Self.words(work, try await work.addPageNumbers(plain, numbering)).filter { Int($0.word) != nil }
            #expect(topLeft.map(\.word) == ["7", "8", "9"] && topLeft.allSatisfy { abs($0.x - 10) < 1 && $0.y < 30 })
            numbering.fontName = "Comic Sans"
            await #expect(throws: NXError.invalid("Not a standard font: Comic Sans")) { try await work.addPageNumbers(plain, numbering) }
        }
    }

    @Test func watermarksEveryPageWithTheTextAsGiven() async throws {
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(Self.threePages)
            var watermark = try PDFTextWatermark(properties: [("fontSize", "20"), ("xPosition", "100"), ("yPosition", "0.5"),
                                                              ("invertY", "true"), ("hex255Color", "0xff0000"), ("alphaColor", "1")])
            // PostScript's own syntax in the text is drawn as text.
            let hostile = ") show (x) quit % é€"
            let marked = try await work.watermark(plain, text: hostile, watermark)
            #expect(try await work.pageCount(marked) == 3)
            let text = try await work.text(of: marked)
            #expect(text.components(separatedBy: hostile).count == 4, "once per page: \(text)")
            let first = try #require(try await Self.words(work, marked).first { $0.word == ")" })
            // invertY: 0.5 points below the top, minus the text's height (its font size).
            #expect(abs(first.x - 100) < 1 && first.y < 20)
            watermark.rotation = 45
            watermark.relativeCoordinates = true
            watermark.x = 0.5
            let rotated = try await work.watermark(plain, text: "DRAFT", watermark)
            // poppler reads 45° text a few letters at a time.
            let letters = try await work.text(of: rotated).filter { !$0.isWhitespace }
            #expect(letters.contains("DRAFTPageone:"), "\(letters)")
            await #expect(throws: NXError.invalid("U+0416 is not available in the encoding of font Helvetica")) {
                try await work.watermark(plain, text: "Ж", watermark)
            }
        }
    }

    @Test func readsTextInformationLinksAndPictures() async throws {
        try await tools().withWorkDirectory { work in
            let info = try await Self.info(work, Self.threePages)
            #expect(info["Page count"] == "3" && info["PDF version"] == "1.4" && info["Page layout"] == "SinglePage")
            #expect(info["Page size"] == "612.0 x 792.0 points" && info["Page width"] == "612.0" && info["Crop box height"] == "792.0")
            #expect(info["Encrypted"] == "false" && info["Can Assemble"] == "true" && info["File name"] == "f.pdf")
            let linksInfo = try await Self.info(work, Self.links)
            #expect(linksInfo["Title"] == "Links sample" && linksInfo["Creation date"]?.count == 19)
            let plain = try await work.load(Self.links)
            let links = try await work.links(of: plain, kinds: [.uri, .launch, .remoteGoTo])
            #expect(links == [
                PDFLink(page: 1, kind: .uri, text: "Visit the Nuxeo site\n", link: "https://www.nuxeo.com/"),
                PDFLink(page: 1, kind: .launch, text: "Run the tool\n", link: "tool.exe"),
                PDFLink(page: 1, kind: .remoteGoTo, text: "Open the report\n", link: "report.pdf"),
            ])
            #expect(try await work.links(of: plain, kinds: [.remoteGoTo]).map(\.link) == ["report.pdf"])
            #expect(try await work.links(of: try await work.load(Self.threePages), kinds: [.uri]).isEmpty)
            let pictures = try await work.pictures(of: plain)
            #expect(pictures.count == 1)
            #expect(try ConversionServiceTests.pngSize(try #require(pictures.first)) == (2550, 3300))
        }
    }

    @Test func boundsPicturesByPageCount() async throws {
        var tools = tools()
        tools.maxPictures = 2
        try await tools.withWorkDirectory { work in
            await #expect(throws: NXError.invalid("Failed to extract the pages: the PDF has 3 pages, at most 2 are converted to pictures")) {
                try await work.pictures(of: Self.threePages)
            }
        }
    }

    @Test func boundsHostileFiles() async throws {
        // A 200-inch page: poppler cannot allocate its 300 DPI picture (and answers a 1 x 1 one).
        try await tools().withWorkDirectory { work in
            await #expect(throws: NXError.invalid("Failed to extract the pages: a page is too large to render")) {
                try await work.pictures(of: ConversionServiceTests.fixtures + "/huge-page.pdf")
            }
        }
        // A run past its time is stopped: a 400 naming the failure.
        var impatient = tools()
        impatient.timeout = 0
        try await impatient.withWorkDirectory { work in
            do {
                _ = try await work.load(Self.threePages)
                Issue.record("a run without time left succeeded")
            } catch let error as NXError {
                #expect(error.code == .invalidArgument && error.message.hasPrefix("Failed to load the PDF"))
            }
        }
    }

    @Test func readsSourcesGivenFromTheCurrentDirectory() async throws {
        // A store under a relative data directory gives relative paths; the tools run elsewhere.
        let current = FileManager.default.currentDirectoryPath
        guard Self.threePages.hasPrefix(current + "/") else { return }
        let relative = String(Self.threePages.dropFirst(current.count + 1))
        try await tools().withWorkDirectory { work in
            let plain = try await work.load(relative)
            #expect(try await work.pageCount(plain) == 3)
            #expect(!(try await work.isEncrypted(relative)))
            #expect(try await Self.info(work, relative)["Page count"] == "3")
        }
    }

    @Test func removesItsWorkDirectory() async throws {
        let tools = tools()
        let path = try await tools.withWorkDirectory { work in
            _ = try await work.load(Self.threePages)
            return work.path
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
