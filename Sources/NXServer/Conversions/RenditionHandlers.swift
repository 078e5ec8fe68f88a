import Foundation
import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `@rendition/{name}` (Nuxeo's `RenditionAdapter`, sync path) over the definitions of `Spec/renditions/`.
extension APIHandlers {
    func getRendition(repository repositoryName: String, doc: DocumentRef, renditionName: String, sync: Bool?, changeToken: String?,
                      context: NXCallContext) async throws -> GetRenditionOutput {
        let (repository, json) = try self.repository(repositoryName)
        let document = try await repository.document(doc, principal: context.user)
        guard let renditions = json.renditions else { throw NXError.notFound("No rendition '\(renditionName)' was found") }
        // An unknown name is 404 with or without sync=true (Nuxeo's work-based default path answers 500, which a client
        // cannot tell from a server failure).
        switch try await renditions.render(renditionName, of: document, principal: context.user) {
        case .stored(let blob):
            let lastModified = blob == Thumbnails.mainBlob(of: document) ? document.properties["dc:modified"]?.stringValue : nil
            return .ok(.response(try BlobDownload.stored(blob, binaries: repository.binaries, lastModified: lastModified)
                .response(method: .get, headers: [:], inline: false)))
        case .converted(let result):
            return .ok(.response(try Self.download(result)))
        case .generated(let bytes, let mimeType, let filename):
            let blob = BlobValue(name: filename, mimeType: mimeType, encoding: nil, digest: "default-thumbnail", digestAlgorithm: "none",
                                 length: Int64(bytes.count))
            return .ok(.response(try BlobDownload(blob: blob, content: .bytes(bytes), urlFilename: nil, lastModified: nil)
                .response(method: .get, headers: [:], inline: false)))
        }
    }
}

/// `@preview` (Nuxeo's `PreviewAdapter`): an HTML view of the document's main file — HTML itself, PDF, Markdown and
/// office files converted to HTML, text in a `<pre>`, an image in an `<img>` — served inline in a sandbox (no script
/// of the file runs in the server's origin).
extension APIHandlers {
    func getPreview(repository repositoryName: String, doc: DocumentRef, changeToken: String?, context: NXCallContext) async throws
        -> GetPreviewOutput {
        let (repository, _) = try self.repository(repositoryName)
        let document = try await repository.document(doc, principal: context.user)
        guard let blob = Thumbnails.mainBlob(of: document), let source = repository.conversionSource(of: blob) else {
            throw NXError.notFound("No preview available: the document has no file")
        }
        let mimeType = source.mimeType
        let html: [UInt8]
        if mimeType == "text/html" {
            html = try Self.read(source.path)
        } else if mimeType == "text/plain" {
            html = Array(("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><pre>" + MarkupEntities.escape(String(decoding: try Self.read(source.path), as: UTF8.self))
                          + "</pre></body></html>\n").utf8)
        } else if mimeType.hasPrefix("image/") {
            let url = "\(context.baseURL)api/v1/repo/\(repository.name)/id/\(document.id)/@blob/file:content"
            html = Array(("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><img src=\"" + MarkupEntities.escape(url) + "\" alt=\""
                          + MarkupEntities.escape(blob.name ?? "") + "\"></body></html>\n").utf8)
        } else {
            let result = try await state.conversions.convert(to: "text/html", source: source)
            html = try Self.read(result.path)
        }
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(bytes: html)))
        response.headers[.contentSecurityPolicy] = "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
        return .ok(.response(response))
    }

    /// A preview's source, at most 16 MiB.
    static func read(_ path: String) throws -> [UInt8] {
        let contents: [UInt8]?
        do { contents = try FileReader.contents(of: path, atMost: 16 << 20) } catch { throw NXError.notFound("No preview available: the file is missing") }
        guard let contents else { throw NXError.invalid("No preview available: the file is larger than 16 MiB") }
        return contents
    }
}
