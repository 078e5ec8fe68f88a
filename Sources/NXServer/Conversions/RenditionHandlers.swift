import Foundation
import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `@rendition/{name}` (Nuxeo's `RenditionAdapter`, sync path): `thumbnail`, `pdf`, `mainBlob`.
extension APIHandlers {
    func getRendition(repository repositoryName: String, doc: DocumentRef, renditionName: String, sync: Bool?, changeToken: String?,
                      context: NXCallContext) async throws -> GetRenditionOutput {
        let (repository, _) = try self.repository(repositoryName)
        let document = try await repository.document(doc, principal: context.user)
        switch renditionName {
        case "thumbnail":
            var thumbnail = Thumbnails.stored(on: document)
            if thumbnail == nil {
                thumbnail = try await state.thumbnails.compute(document)
                if let thumbnail { try await state.thumbnails.store(thumbnail, on: document.id) }
            }
            guard let thumbnail else { throw NXError.notFound("No Blob was found for rendition 'thumbnail'") }
            return .ok(.response(try BlobDownload.stored(thumbnail, binaries: repository.binaries, lastModified: nil)
                .response(method: .get, headers: [:], inline: false)))
        case "mainBlob", "pdf":
            guard let blob = Thumbnails.mainBlob(of: document) else { throw NXError.notFound("No Blob was found for rendition '\(renditionName)'") }
            let download = try BlobDownload.stored(blob, binaries: repository.binaries, lastModified: document.properties["dc:modified"]?.stringValue)
            let mimeType = MimeTypes.normalize(blob.mimeType ?? "application/octet-stream")
            if renditionName == "mainBlob" || mimeType == "application/pdf" {
                return .ok(.response(try download.response(method: .get, headers: [:], inline: false)))
            }
            guard case .file(let path) = download.content else { throw NXError.notFound("No Blob was found for rendition 'pdf'") }
            let result = try await state.conversions.convert(to: "application/pdf", source: ConversionSource(
                path: path, mimeType: mimeType, filename: blob.name, digest: blob.digest))
            return .ok(.response(try Self.download(result)))
        default:
            throw NXError.notFound("No rendition '\(renditionName)' was found")
        }
    }
}
