import Foundation
import HTTPTypes
import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// The `@blob/{xpath}` adapter (server-behaviour-2.md §1.4): GET/HEAD stream the blob, PUT sets it from a
/// multipart/form-data body (answering the literal `blob updated`), DELETE removes it.
extension APIHandlers {
    func getBlob(
        repository: String, doc: DocumentRef, xpath: String, inline: String?, range: String?, ifNoneMatch: String?, ifModifiedSince: String?,
        wantDigest: String?, context: NXCallContext
    ) async throws -> GetBlobOutput {
        let (repository, _) = try self.repository(repository)
        let document = try await repository.document(doc, principal: context.user)
        let download = try self.download(document, xpath: xpath, repository: repository, urlFilename: nil)
        var headers = HTTPFields()
        if let range { headers[.range] = range }
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        if let ifModifiedSince { headers[.ifModifiedSince] = ifModifiedSince }
        if let wantDigest { headers[HTTPField.Name("Want-Digest")!] = wantDigest }
        return .ok(.response(try download.response(method: .get, headers: headers, inline: inline.map { $0 != "false" } ?? false)))
    }

    /// The download of the blob at `xpath` of `document` (a Note's `blobholder:0` is its text). Unknown xpath → 404
    /// `Invalid xpath`; an empty property → 404 `No blob found`.
    func download(_ document: DocumentRecord, xpath: String, repository: Repository, urlFilename: String?) throws -> BlobDownload {
        let modified = document.properties["dc:modified"]?.stringValue
        if xpath == "blobholder:0", let note = repository.noteBlob(of: document) {
            return BlobDownload(blob: note.blob, content: .bytes(note.bytes), urlFilename: urlFilename,
                                lastModified: modified.flatMap(NXDate.parse).map { Date(timeIntervalSince1970: Double($0) / 1000) })
        }
        let (_, blob) = try repository.blob(of: document, xpath: xpath)
        guard let blob else { throw NXError.notFound("No blob found") }
        return try BlobDownload.stored(blob, binaries: repository.binaries, lastModified: modified, urlFilename: urlFilename)
    }

    func updateBlob(
        repository: String, doc: DocumentRef, xpath: String, body: NXRequestStream,
        context: NXCallContext
    ) async throws -> UpdateBlobOutput {
        let (repository, _) = try self.repository(repository)
        let contentType = body.contentType
        guard let boundary = MultipartUpload.boundary(contentType), contentType?.lowercased().hasPrefix("multipart/form-data") == true else {
            throw NXError.invalid("Not in a multi part form request: a multipart/form-data body is expected")
        }
        let document = try await repository.document(doc, principal: context.user)
        let parts = try await MultipartUpload.read(body, boundary: boundary, binaries: batches.binaries, limit: maxUploadSize, related: false)
        guard let file = parts.first(where: { $0.binary != nil }), let binary = file.binary else {
            throw NXError.invalid("Could not find any uploaded file")
        }
        var versioning: VersionIncrement?
        switch parts.first(where: { $0.name == "versioning" })?.text?.trimmingWhitespace {
        case "major"?: versioning = .major
        case "minor"?: versioning = .minor
        default: versioning = nil
        }
        let blob = BlobValue(name: file.filename, mimeType: file.contentType ?? "application/octet-stream", encoding: nil, digest: binary.digest,
                             digestAlgorithm: batches.binaries.digestAlgorithm.rawValue, length: binary.length)
        let canonical = try Self.writableXPath(xpath, of: document, repository: repository, verb: "attach")
        _ = try await repository.setBlob(blob, at: canonical, of: .id(document.id), principal: context.user, versioning: versioning)
        return .ok(.bytes(Array("blob updated".utf8), contentType: "text/plain"))
    }

    /// The canonical xpath a PUT or DELETE writes: a blob property or a list of blobs. A path naming no field → 404
    /// (as GET answers); an existing field that holds no blob → 400 `Failed to <verb> file into property: <xpath>`.
    static func writableXPath(_ xpath: String, of document: DocumentRecord, repository: Repository, verb: String) throws -> String {
        guard let type = repository.registry.type(of: document), BlobXPath.qualified(xpath, type: type) != nil || xpath.hasPrefix("blobholder:")
        else { throw NXError.notFound("Invalid xpath: \(xpath)") }
        guard let canonical = BlobXPath.resolve(xpath, type: type, properties: document.properties) ?? listXPath(xpath, type: type) else {
            throw NXError.invalid("Failed to \(verb) file into property: \(xpath)")
        }
        return canonical
    }

    /// A list property able to take a blob (`files:files`), for PUT on the list itself.
    static func listXPath(_ xpath: String, type: DocumentType) -> String? {
        guard let canonical = BlobXPath.qualified(xpath, type: type) else { return nil }
        switch BlobXPath.fieldType(canonical, type: type) {
        case .complexList?, .list(.blob)?: return canonical
        default: return nil
        }
    }

    func deleteBlob(repository: String, doc: DocumentRef, xpath: String, context: NXCallContext) async throws -> DeleteBlobOutput {
        let (repository, _) = try self.repository(repository)
        let document = try await repository.document(doc, principal: context.user)
        let canonical = try Self.writableXPath(xpath, of: document, repository: repository, verb: "delete attached")
        _ = try await repository.setBlob(nil, at: canonical, of: .id(document.id), principal: context.user)
        return .noContent
    }
}

