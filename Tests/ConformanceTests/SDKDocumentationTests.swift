import Foundation
import Testing

/// The SDK's DocC catalog converts without a warning (`tools/docs.sh`, `make docs`), with a page per resource and
/// method and the getting-started article; a broken symbol link fails it.
@Suite struct SDKDocumentationTests {
    static let root = SDKExampleTests.root

    static func docs(_ output: URL, catalog: URL? = nil) async throws -> (Int32, String) {
        try await SDKExampleTests.process(root.appendingPathComponent("tools/docs.sh").path, [output.path] + (catalog.map { [$0.path] } ?? []))
    }

    @Test func theCatalogConvertsWithEveryResourceAndTheArticle() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("nx-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let (status, log) = try await Self.docs(output)
        #expect(status == 0, "\(log)")
        let pages = output.appendingPathComponent("NXClient.doccarchive/data/documentation/nxclient")
        #expect(FileManager.default.fileExists(atPath: pages.appendingPathComponent("gettingstarted.json").path))
        let documents = pages.appendingPathComponent("nxclient/documents-swift.struct")
        let methods = (try? FileManager.default.contentsOfDirectory(atPath: documents.path)) ?? []
        #expect(methods.contains { $0.hasPrefix("children(of:") } && methods.contains { $0.hasPrefix("create(in:") }, "\(methods)")
        let get = try #require(methods.first { $0.hasPrefix("get(_:") && $0.hasSuffix(".json") })
        let page = try String(contentsOf: documents.appendingPathComponent(get), encoding: .utf8)
        #expect(page.contains("Read a document."), "the spec's summary is the method's documentation")
    }

    @Test func aBrokenSymbolLinkFailsTheConversion() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nx-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let catalog = scratch.appendingPathComponent("NXClient.docc")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Client/Sources/NXClient/NXClient.docc"), to: catalog)
        let landing = catalog.appendingPathComponent("NXClient.md")
        try (try String(contentsOf: landing, encoding: .utf8) + "- ``NXClient/NXClient/NoSuchResource``\n").write(to: landing, atomically: true, encoding: .utf8)
        let (status, log) = try await Self.docs(scratch.appendingPathComponent("out"), catalog: catalog)
        #expect(status != 0, "\(log)")
    }
}
