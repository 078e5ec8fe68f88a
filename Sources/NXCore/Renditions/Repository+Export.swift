import Foundation
import NXRuntime
import ZIPFoundation

/// `Document.Export` and the `xmlExport` / `zipExport` / `zipTreeExport` renditions (nuxeo-platform-io's
/// `ExportDocument`): one document as `document.xml` (`text/xml`), or a document and, for a folder, every descendant the
/// principal may read (breadth first) as Nuxeo's archive `export.zip` (`application/zip`): a `.nuxeo-archive` marker,
/// then per document a `<path>/` directory, its `<path>/document.xml` and each of its files as `<path>/<digest>.blob`,
/// paths relative to the exported document's parent. The result is stored as a binary (collected with other orphans).
extension Repository {
    /// At most this many documents in one zip export (a larger tree answers 400).
    public static let maxExportedDocuments = 10_000
    /// At most this many bytes of files in one zip export (more answers 400).
    public static let maxExportedBytes: Int64 = 4 << 30

    /// The XML export of `document` as the principal sees it.
    public func exportXML(_ document: DocumentRecord, principal: Principal) async throws -> BlobValue {
        let acp = try await store.read { tx in try self.acp(of: document, tx) }
        let (xml, _) = DocumentXMLExport(registry: registry, repositoryName: name).export(document, acp: acp)
        return try await storeGenerated(name: "document.xml", mimeType: "text/xml") { url in
            try Data(xml.utf8).write(to: url)
        }
    }

    /// The zip export of `document`, with its descendants when it is folderish (`tree`).
    public func exportZip(_ document: DocumentRecord, tree: Bool, principal: Principal) async throws -> BlobValue {
        guard let binaries else { throw NXError.unsupported("No binary store is configured") }
        let exporter = DocumentXMLExport(registry: registry, repositoryName: name)
        let rootDepth = Self.lineage(document.path).count - 1
        var entries: [(path: String, xml: String, blobs: [(name: String, file: String)])] = []
        var queue = [document]
        var index = 0
        var bytes: Int64 = 0
        while index < queue.count {
            let current = queue[index]
            index += 1
            let acp = try await store.read { tx in try self.acp(of: current, tx) }
            let (xml, blobs) = exporter.export(current, acp: acp)
            // Relative to the exported document's parent: `…/ws` → `ws`, its children `ws/child`.
            // A single document zipped without its tree keeps its whole path, as Nuxeo's archive writer.
            let segments = current.path.split(separator: "/").map(String.init)
            let relative = segments.dropFirst(tree ? max(0, rootDepth - 1) : 0).joined(separator: "/")
            var files: [(String, String)] = []
            for blob in blobs where !files.contains(where: { $0.0 == DocumentXMLExport.dataName(blob) }) {
                guard let file = binaries.file(blob.digest) else { continue }
                let (sum, overflow) = bytes.addingReportingOverflow(max(0, blob.length))
                bytes = overflow ? Int64.max : sum
                guard bytes <= Self.maxExportedBytes else {
                    throw NXError.invalid("Too much to export: more than \(Self.maxExportedBytes >> 30) GiB of files")
                }
                files.append((DocumentXMLExport.dataName(blob), file))
            }
            entries.append((relative, xml, files))
            if tree, registry.type(of: current)?.facets.contains("Folderish") == true {
                queue += try await childList(of: current, principal: principal)
                if queue.count > Self.maxExportedDocuments {
                    throw NXError.invalid("Too many documents to export: more than \(Self.maxExportedDocuments)")
                }
            }
        }
        return try await storeGenerated(name: "export.zip", mimeType: "application/zip") { [entries] url in
            let archive = try Archive(url: url, accessMode: .create)
            try archive.addEntry(with: ".nuxeo-archive", type: .file, uncompressedSize: Int64(0), provider: { _, _ in Data() })
            for entry in entries {
                let prefix = entry.path.isEmpty ? "" : entry.path + "/"
                if !prefix.isEmpty {
                    try archive.addEntry(with: prefix, type: .directory, uncompressedSize: Int64(0), provider: { _, _ in Data() })
                }
                let xml = Data(entry.xml.utf8)
                try archive.addEntry(with: prefix + "document.xml", type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate,
                                     provider: { position, size in xml.subdata(in: Int(position)..<Int(position) + size) })
                for blob in entry.blobs {
                    try archive.addEntry(with: prefix + blob.name, fileURL: URL(fileURLWithPath: blob.file), compressionMethod: .deflate)
                }
            }
        }
    }

    /// A file `write` makes (exports, zips) stored as a blob named `name` of type `mimeType`: written to a private
    /// temporary directory, off the event loop, then stored as a binary.
    public func storeGenerated(name: String?, mimeType: String, _ write: @escaping @Sendable (URL) throws -> Void) async throws -> BlobValue {
        guard let binaries else { throw NXError.unsupported("No binary store is configured") }
        return try await BlockingIO.run {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-generated-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("content")
            try write(url)
            return try binaries.storeBlob(file: url.path, name: name, mimeType: mimeType)
        }
    }
}
