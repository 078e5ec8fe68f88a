import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing
import ZIPFoundation

/// Conversions with the real tools (poppler-utils, ImageMagick; `make test` installs them) on the sample files of
/// `Tests/Fixtures/conversions`: results checked by content, page size or image size; limits, parameters and the cache.
@Suite struct ConversionServiceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/conversions").path

    static func source(_ name: String, _ mimeType: String, digest: String? = nil) -> ConversionSource {
        ConversionSource(path: fixtures + "/" + name, mimeType: mimeType, filename: name, digest: digest)
    }

    func service(_ converters: [ConverterDescriptor] = NXSchemas.converters, maxCacheBytes: Int64 = 1 << 30) throws -> ConversionService {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxconv-\(UUID().uuidString)").path
        return ConversionService(converters: converters, directory: directory, maxCacheBytes: maxCacheBytes)
    }

    /// Width and height of a PNG file (its IHDR).
    static func pngSize(_ path: String) throws -> (Int, Int) {
        let bytes = try #require(FileManager.default.contents(atPath: path)).prefix(24)
        try #require(bytes.count == 24 && Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let b = Array(bytes)
        return ((Int(b[16]) << 24) | (Int(b[17]) << 16) | (Int(b[18]) << 8) | Int(b[19]), (Int(b[20]) << 24) | (Int(b[21]) << 16) | (Int(b[22]) << 8) | Int(b[23]))
    }

    @Test func pdfTextAndPagesAsImages() async throws {
        let conversions = try service()
        let text = try await conversions.convert("pdf2text", source: Self.source("three-pages.pdf", "application/pdf"))
        let content = try String(contentsOfFile: text.path, encoding: .utf8)
        #expect(content.contains("Page one: the quick brown fox") && content.contains("Page three: the lazy dog"))
        #expect(text.mimeType == "text/plain" && text.filename == "three-pages.txt")
        // Page 2, 200 pixels on its longer side: a Letter page (612 x 792 points) is 155 x 200.
        let page = try await conversions.convert("pdf2image", source: Self.source("three-pages.pdf", "application/pdf"), parameters: ["page": "2", "size": "200"])
        #expect(try Self.pngSize(page.path) == (155, 200))
        let html = try await conversions.convert("pdf2html", source: Self.source("three-pages.pdf", "application/pdf"))
        #expect(try String(contentsOfFile: html.path, encoding: .utf8).contains("Page two: jumps over"))
    }

    @Test func thumbnailsOfImagesAndPDFs() async throws {
        let conversions = try service()
        let image = try await conversions.convert("imageToThumbnail", source: Self.source("gradient-640x480.png", "image/png"))
        #expect(try Self.pngSize(image.path) == (350, 263))
        let small = try await conversions.convert("imageToThumbnail", source: Self.source("gradient-640x480.png", "image/png"), parameters: ["size": "100"])
        #expect(try Self.pngSize(small.path) == (100, 75))
        let pdf = try await conversions.convert("pdfToThumbnail", source: Self.source("three-pages.pdf", "application/pdf"))
        let (width, height) = try Self.pngSize(pdf.path)
        #expect(height == 350 && (260...280).contains(width), "the first page at 350 pixels high, got \(width) x \(height)")
        #expect(conversions.converter(from: "image/jpeg", to: "image/png")?.name == "imageToThumbnail")
    }

    @Test func builtinMarkdownAndHTML() async throws {
        let conversions = try service()
        let html = try await conversions.convert("md2html", source: Self.source("notes.md", "text/x-web-markdown"))
        let page = try String(contentsOfFile: html.path, encoding: .utf8)
        #expect(page.contains("<h1>Meeting notes</h1>") && page.contains("<li>second item</li>") && page.contains("<em>short</em>"))
        let text = try await conversions.convert("html2text", source: Self.source("page.html", "text/html"))
        let plain = try String(contentsOfFile: text.path, encoding: .utf8)
        #expect(plain == "Conversion sample Heading & title First bold paragraph. Second paragraph.\n")
        #expect(!plain.contains("var x") && !plain.contains("color:red"))
    }

    @Test func badRequestsAreRefusedWithNuxeosMessages() async throws {
        let missingTool = ConverterDescriptor(name: "needsATool", description: "", sourceMimeTypes: ["*"], destinationMimeType: "text/plain",
                                              run: .tool(executable: "nx-no-such-tool", arguments: ["{source}"], output: "{target}", package: "none"))
        let conversions = try service(NXSchemas.converters + [missingTool])
        let pdf = Self.source("three-pages.pdf", "application/pdf")
        let unknown = await #expect(throws: NXError.self) { try await conversions.convert("nope", source: pdf) }
        #expect(unknown?.code == .internal && unknown?.message == "Converter nope is not registered")
        let unavailable = await #expect(throws: NXError.self) { try await conversions.convert("needsATool", source: pdf) }
        #expect(unavailable?.code == .invalidArgument && unavailable?.message == "The 'needsATool' converter is not available")
        #expect(!conversions.isAvailable("needsATool"))
        let wrongType = await #expect(throws: NXError.self) { try await conversions.convert("pdf2text", source: Self.source("page.html", "text/html")) }
        #expect(wrongType?.message == "text/html mime type not supported by pdf2text converter")
        for bad in ["0", "99999", "ten", "-1"] {
            let error = await #expect(throws: NXError.self) {
                try await conversions.convert("imageToThumbnail", source: Self.source("gradient-640x480.png", "image/png"), parameters: ["size": bad])
            }
            #expect(error?.code == .invalidArgument && error?.message.hasPrefix("Invalid size '\(bad)'") == true)
        }
    }

    @Test func hostileAndSlowFilesAreStoppedByTheLimits() async throws {
        let hangs = ConverterDescriptor(name: "hangs", description: "", sourceMimeTypes: ["*"], destinationMimeType: "text/plain",
                                        run: .tool(executable: "tail", arguments: ["-f", "{source}"], output: "{target}", package: "coreutils"), timeout: 1)
        let conversions = try service(NXSchemas.converters + [hangs])
        // A PNG that claims 100,000 x 100,000 pixels: ImageMagick's limits refuse it at once.
        let bomb = await #expect(throws: NXError.self) {
            try await conversions.convert("imageToThumbnail", source: Self.source("huge-dimensions.png", "image/png"))
        }
        #expect(bomb?.code == .invalidArgument && bomb?.message.hasPrefix("Conversion with imageToThumbnail failed") == true)
        let start = ContinuousClock.now
        let slow = await #expect(throws: NXError.self) { try await conversions.convert("hangs", source: Self.source("notes.md", "text/plain")) }
        #expect(slow?.message == "Conversion with hangs stopped: it took longer than 1 s")
        #expect(start.duration(to: .now) < .seconds(45), "the tool is killed at its timeout (it would run forever; the bound allows a loaded machine)")
        // Nothing is left behind in the private directories.
        let work = (try? FileManager.default.contentsOfDirectory(atPath: conversions.root + "/work")) ?? []
        #expect(work.isEmpty)
    }

    @Test func officeZipBombsAreRefusedBeforeTheToolRuns() async throws {
        // A tool that leaves a marker when it runs: it must not, the file being refused first.
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("ran-\(UUID().uuidString)").path
        let marks = ConverterDescriptor(name: "marks", description: "", sourceMimeTypes: ["*"], destinationMimeType: "text/plain",
                                        run: .tool(executable: "touch", arguments: ["{source}", marker, "{target}"], output: "{target}",
                                                   package: "coreutils"), timeout: 10)
        let conversions = try service(NXSchemas.converters + [marks])
        // A "DOCX" whose one entry expands to 64 MiB of zeros (about a thousand times its size).
        let bomb = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: bomb) }
        let archive = try Archive(url: bomb, accessMode: .create)
        let chunk = Data(count: 1 << 20)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(64 << 20), compressionMethod: .deflate,
                             provider: { _, size in chunk.prefix(size) })
        let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        let refused = await #expect(throws: NXError.self) {
            try await conversions.convert("any2pdf", source: ConversionSource(path: bomb.path, mimeType: docx, filename: "bomb.docx"))
        }
        #expect(refused?.code == .invalidArgument && refused?.message.hasPrefix("Conversion with any2pdf refused: the archive expands") == true)
        let unmarked = await #expect(throws: NXError.self) {
            try await conversions.convert("marks", source: ConversionSource(path: bomb.path, mimeType: docx, filename: "bomb.docx"))
        }
        #expect(unmarked?.message.hasPrefix("Conversion with marks refused") == true)
        #expect(!FileManager.default.fileExists(atPath: marker), "refused from the central directory: the tool never runs")
        // A small archive goes through to the tool.
        _ = try? await conversions.convert("marks", source: Self.source("letter.docx", docx))  // (an empty result: "produced nothing")
        #expect(FileManager.default.fileExists(atPath: marker))
        try? FileManager.default.removeItem(atPath: marker)
        // The guard reads the content: the same bomb declared as an old Word file is refused too.
        let declaredDoc = await #expect(throws: NXError.self) {
            try await conversions.convert("any2pdf", source: ConversionSource(path: bomb.path, mimeType: "application/msword", filename: "bomb.doc"))
        }
        #expect(declaredDoc?.message.hasPrefix("Conversion with any2pdf refused: the archive expands") == true)
        // A file that starts as a zip but is not a readable one.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 100)).write(to: broken)
        let notZip = await #expect(throws: NXError.self) {
            try await conversions.convert("any2pdf", source: ConversionSource(path: broken.path, mimeType: docx, filename: "broken.docx"))
        }
        #expect(notZip?.message == "Conversion with any2pdf refused: the file is not a readable archive")
        // The bound on the expanded size.
        #expect(throws: NXError.self) { try ArchiveLimits(maxExpandedBytes: 100).check(ConversionServiceTests.fixtures + "/letter.docx", converter: "x") }
        try ArchiveLimits().check(ConversionServiceTests.fixtures + "/letter.docx", converter: "x")
    }

    @Test func aRelativeDirectoryWorksAsTheToolsRunInTheirOwn() async throws {
        // `make run` keeps its store in `./data`: the work directories must not be relative to the tool's directory.
        let relative = "nxconv-relative-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: FileManager.default.currentDirectoryPath + "/" + relative) }
        let conversions = ConversionService(converters: NXSchemas.converters, directory: relative)
        #expect(conversions.root.hasPrefix("/"))
        let result = try await conversions.convert("imageToThumbnail", source: Self.source("gradient-640x480.png", "image/png"), parameters: ["size": "50"])
        #expect(try Self.pngSize(result.path) == (50, 38))
    }

    @Test func resultsAreCachedByDigestConverterAndParametersWithinABound() async throws {
        let conversions = try service(maxCacheBytes: 6000)
        let source = Self.source("gradient-640x480.png", "image/png", digest: "d1")
        let first = try await conversions.convert("imageToThumbnail", source: source, parameters: ["size": "64"])
        let again = try await conversions.convert("imageToThumbnail", source: source, parameters: ["size": "64", "other": "ignored"])
        #expect(first.path == again.path && first.length == again.length)
        let other = try await conversions.convert("imageToThumbnail", source: source, parameters: ["size": "65"])
        #expect(other.path != first.path)
        // More results than the bound holds: the oldest go, the cache stays within 6,000 bytes plus the newest file.
        for size in 66..<76 { _ = try await conversions.convert("imageToThumbnail", source: source, parameters: ["size": String(size)]) }
        let cache = conversions.cacheDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        let total = try files.reduce(Int64(0)) { sum, name in
            sum + ((try FileManager.default.attributesOfItem(atPath: cache + "/" + name)[.size] as? NSNumber)?.int64Value ?? 0)
        }
        #expect(files.count < 12 && total <= 6000 + 2000)
    }
}
