import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NXAPI
import Testing

/// The REST API explorer (`GET /doc`) opened in headless Chromium (Debian's `chromium`, which `make test` installs):
/// the page renders (a screenshot is drawn, the parsed document holds every endpoint and entity section), every
/// in-page link reaches an element, and its link to the OpenAPI document answers.
@Suite struct APIReferenceTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func theExplorerRendersInChromiumAndItsLinksResolve() async throws {
        let chromium = try #require(Self.chromium, "headless Chromium is needed: apt-get install chromium (make test installs it)")
        try await withLiveServer { port in
            let page = "http://Administrator:Administrator@127.0.0.1:\(port)/nuxeo/api/v1/doc"
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let screenshot = directory.appendingPathComponent("page.png").path
            let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(directory.path)/profile"]
            _ = try Self.run(chromium, flags + ["--window-size=1280,1600", "--screenshot=\(screenshot)", page])
            let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
            #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a drawn page, got \(png.count) bytes")

            let dom = try Self.run(chromium, flags + ["--dump-dom", page])
            // Everything the server sent was parsed: as many endpoint and entity sections as the generated page has.
            let source = APIReference.html
            for marker in ["class=\"endpoint\"", "class=\"entity\"", "class=\"example\""] {
                let expected = source.components(separatedBy: marker).count - 1
                #expect(expected > 10 && dom.components(separatedBy: marker).count - 1 == expected, "\(marker): \(expected) in the page")
            }
            #expect(dom.contains("<h1>Nuxeo Platform REST API"))
            #expect(dom.contains("id=\"endpoint-getDocument\"") && dom.contains("id=\"entity-document\""))

            let ids = Self.matches(##"id="([^"]+)""##, in: dom)
            #expect(Set(ids).count == ids.count, "duplicate ids")
            let targets = Set(Self.matches(##"href="#([^"]+)""##, in: dom))
            #expect(targets.count > 100)
            #expect(targets.subtracting(ids).isEmpty, "links to no element: \(targets.subtracting(ids).sorted())")

            // The page's only other link, resolved as the browser does, answers the OpenAPI document.
            let relative = try #require(Self.matches(##"class="openapi" href="([^"#]+)""##, in: dom).first)
            let resolved = try #require(URL(string: relative, relativeTo: URL(string: "http://127.0.0.1:\(port)/nuxeo/api/v1/doc")))
            var request = URLRequest(url: resolved.absoluteURL)
            request.setValue("Basic " + Data("Administrator:Administrator".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: body, as: UTF8.self).contains("\nopenapi: 3.1.0\n"))
        }
    }

    /// Runs Chromium and returns its standard output; a run past 60 s is stopped and fails.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else { throw ChromiumFailed(status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    struct ChromiumFailed: Error { var status: Int32 }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
