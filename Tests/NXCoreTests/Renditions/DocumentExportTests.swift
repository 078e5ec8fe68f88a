import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing
import ZIPFoundation

/// Nuxeo's XML export of a document and its archive of a folder tree (`xmlExport`, `zipTreeExport`, `Document.Export`).
@Suite struct DocumentExportTests {
    func file(_ f: BlobFixture, in parent: String, name: String, title: String) async throws -> DocumentRecord {
        let batch = try await f.batches.create()
        _ = try await f.batches.storeFile(batch, index: "0", name: "hello.txt", mimeType: "text/plain", binary: try f.binaries.store(Array("hello".utf8)))
        return try await f.repository.create(in: .path(parent), type: "File", name: name,
                                             properties: ["dc:title": .string(title), "dc:subjects": ["art", "science"],
                                                          "file:content": ["upload-batch": .string(batch), "upload-fileId": "0"]],
                                             principal: f.admin, blobs: BlobInput(baseURL: "http://localhost/nuxeo/"))
    }

    static func text(_ f: BlobFixture, _ blob: BlobValue) throws -> String {
        let path = try #require(f.binaries.file(blob.digest))
        return String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
    }

    @Test func xmlExportWritesSystemSchemasAndBlobs() async throws {
        let f = try await BlobFixture()
        let document = try await file(f, in: "/default-domain/workspaces", name: "myfile", title: "Café & <co>")
        let blob = try await f.repository.exportXML(document, principal: f.admin)
        #expect(blob.name == "document.xml" && blob.mimeType == "text/xml")
        let xml = try Self.text(f, blob)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document repository=\"default\" id=\"\(document.id)\">\n  <system>\n"
                              + "    <type>File</type>\n    <path>default-domain/workspaces/myfile</path>\n    <lifecycle-state>project</lifecycle-state>\n"
                              + "    <lifecycle-policy>default</lifecycle-policy>\n    <facet>Commentable</facet>\n"))
        #expect(xml.contains("    <access-control>\n      <acl name=\"inherited\">\n        <entry principal=\"Administrator\" permission=\"Everything\" grant=\"true\"/>\n"))
        #expect(xml.contains("  <schema xmlns:dc=\"http://www.nuxeo.org/ecm/schemas/dublincore/\" name=\"dublincore\">\n"))
        #expect(xml.contains("    <dc:subjects>\n      <item>art</item>\n      <item>science</item>\n    </dc:subjects>\n"))
        #expect(xml.contains("    <dc:title><![CDATA[Café & <co>]]></dc:title>\n"))
        let digest = try #require(Thumbnails.mainBlob(of: document)?.digest)
        #expect(xml.contains("    <file:content>\n      <encoding></encoding>\n      <mime-type>text/plain</mime-type>\n      <filename>hello.txt</filename>\n"
                             + "      <data>\(digest).blob</data>\n      <digest>\(digest)</digest>\n    </file:content>\n"))
        // Schemas in name order, fields in name order.
        let schemas = xml.split(separator: "\n").filter { $0.hasPrefix("  <schema ") }.compactMap { $0.split(separator: "name=\"").last?.split(separator: "\"").first }
        #expect(schemas == schemas.sorted() && schemas.contains("file"))
        #expect(xml.hasSuffix("</document>\n"))
    }

    @Test func textEscapingFollowsNuxeo() {
        #expect(XMLText.content("plain > text") == "plain &gt; text")
        #expect(XMLText.content("a]]>b\n") == "<![CDATA[a]]]]><![CDATA[>b\n]]>")
    }

    @Test func zipTreeExportHoldsTheMarkerEachDocumentAndItsFiles() async throws {
        let f = try await BlobFixture()
        let folder = try await f.repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "ws", properties: [:], principal: f.admin)
        let child = try await file(f, in: folder.path, name: "child", title: "Child")
        let sub = try await f.repository.create(in: .id(folder.id), type: "Folder", name: "sub", properties: [:], principal: f.admin)
        _ = try await file(f, in: sub.path, name: "grandchild", title: "Grandchild")
        let blob = try await f.repository.exportZip(folder, tree: true, principal: f.admin)
        #expect(blob.name == "export.zip" && blob.mimeType == "application/zip")
        let path = try #require(f.binaries.file(blob.digest))
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let digest = try #require(Thumbnails.mainBlob(of: child)?.digest)
        let names = archive.map(\.path)
        #expect(names == [".nuxeo-archive", "ws/", "ws/document.xml", "ws/child/", "ws/child/document.xml", "ws/child/\(digest).blob",
                          "ws/sub/", "ws/sub/document.xml", "ws/sub/grandchild/", "ws/sub/grandchild/document.xml",
                          "ws/sub/grandchild/\(digest).blob"])
        var content = Data()
        _ = try archive.extract(try #require(archive["ws/child/\(digest).blob"])) { content.append($0) }
        #expect(String(decoding: content, as: UTF8.self) == "hello")
        // A single document zipped without its tree keeps its whole path.
        let single = try await f.repository.exportZip(child, tree: false, principal: f.admin)
        let singlePath = try #require(f.binaries.file(single.digest))
        let singleArchive = try Archive(url: URL(fileURLWithPath: singlePath), accessMode: .read)
        #expect(singleArchive.map(\.path).contains("default-domain/workspaces/ws/child/document.xml"))
    }

    @Test func renditionsApplyByFilterAndProducer() async throws {
        let f = try await BlobFixture()
        let conversions = ConversionService(converters: NXSchemas.converters, directory: f.directory + "/conversions")
        let service = RenditionService(definitions: NXSchemas.renditions, repository: f.repository, conversions: conversions)
        let document = try await file(f, in: "/default-domain/workspaces", name: "text", title: "Text")
        let folder = try await f.repository.document(.path("/default-domain/workspaces"))
        // A text file converts to PDF through LibreOffice (when installed) and has no thumbnail converter.
        let names = service.available(for: document, visibleOnly: true).map(\.name)
        #expect(names.contains("xmlExport") && names.contains("zipExport") && !names.contains("zipTreeExport") && !names.contains("mainBlob"))
        #expect(names.contains("pdf") == conversions.isAvailable("any2pdf"))
        #expect(service.available(for: folder, visibleOnly: true).map(\.name) == ["xmlExport", "zipTreeExport", "thumbnail"])
        guard case .generated(let icon, "image/png", "workspaceroot_100.png") = try await service.render("thumbnail", of: folder, principal: f.admin) else {
            Issue.record("a folder without a file has the default thumbnail")
            return
        }
        #expect(ImageHeader.parse(icon) == ImageHeader(width: 100, height: 100, format: "PNG"))
        #expect(service.available(for: document, visibleOnly: false).map(\.name).contains("mainBlob"))
        await #expect(throws: NXError.notFound("No rendition 'nope' was found")) { try await service.render("nope", of: document, principal: f.admin) }
        await #expect(throws: NXError.notFound("No Blob was found for rendition 'Medium'")) {
            try await service.render("Medium", of: document, principal: f.admin)
        }
        guard case .stored(let main) = try await service.render("mainBlob", of: document, principal: f.admin) else {
            Issue.record("mainBlob is the stored file")
            return
        }
        #expect(main == Thumbnails.mainBlob(of: document))
    }
}
