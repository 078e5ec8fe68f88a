import AsyncHTTPClient
import Foundation
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// Blob operations (server-behaviour-2.md §1.8) and `FileManager.Import`.
extension DocumentOperations {
    func blobAttachOnDocument(_ input: Value, _ params: BlobAttachOnDocumentParams, context: Context) async throws -> Value {
        let blobs = try context.blobs(input)
        let target = try await context.repository.document(params.document, principal: context.principal)
        for blob in blobs {
            _ = try await context.repository.setBlob(blob, at: params.xpath, of: .id(target.id), principal: context.principal)
        }
        return input
    }

    func documentSetBlob(_ input: Value, _ params: DocumentSetBlobParams, context: Context) async throws -> Value {
        let blob = try await context.blobParameter(params.file, name: "file")
        return try await context.each(input) { document in
            try await context.repository.setBlob(blob, at: params.xpath, of: .id(document.id), principal: context.principal)
        }
    }

    func blobRemoveFromDocument(_ input: Value, _ params: BlobRemoveFromDocumentParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.setBlob(nil, at: params.xpath, of: .id(document.id), principal: context.principal)
        }
    }

    func documentSetBlobName(_ input: Value, _ params: DocumentSetBlobNameParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            let (xpath, found) = try context.repository.blob(of: document, xpath: params.xpath)
            guard var blob = found else { return document }
            blob.name = params.name
            return try await context.repository.setBlob(blob, at: xpath, of: .id(document.id), principal: context.principal)
        }
    }

    func documentGetBlob(_ input: Value, _ params: DocumentGetBlobParams, context: Context) async throws -> Value {
        var result: [BlobValue] = []
        for document in try await context.documents(input) {
            let atXPath = (try? context.repository.blob(of: document, xpath: params.xpath))?.blob
            if let blob = atXPath ?? context.repository.holderBlobs(of: document).first?.blob {
                result.append(blob)
            } else if let note = try context.repository.storedNoteBlob(of: document) {
                result.append(note)
            } else {
                // Nuxeo never answers null here: an empty text blob named after the document.
                guard let binaries = context.repository.binaries else { throw NXError.unsupported("No binary store is configured") }
                let empty = try binaries.store([])
                result.append(BlobValue(name: document.name + ".null", mimeType: "text/plain", encoding: "UTF-8", digest: empty.digest,
                                        digestAlgorithm: binaries.digestAlgorithm.rawValue, length: 0))
            }
        }
        if case .document = input, let blob = result.first { return .blob(blob) }
        if case .reference(let text) = input, !text.contains(","), let blob = result.first { return .blob(blob) }
        return .blobs(result)
    }

    func documentGetBlobsByProperty(_ input: Value, _ params: DocumentGetBlobsByPropertyParams, context: Context) async throws -> Value {
        var result: [BlobValue] = []
        for document in try await context.documents(input) {
            if case .array(let items)? = document.properties[params.xpath] {
                result += items.compactMap { item -> BlobValue? in
                    if let blob = BlobValue(stored: item) { return blob }
                    return BlobValue(stored: item.objectValue?["file"])
                }
            } else {
                result += context.repository.holderBlobs(of: document).map(\.blob)
            }
        }
        return .blobs(result)
    }

    func documentGetBlobs(_ input: Value, _ params: DocumentGetBlobsParams, context: Context) async throws -> Value {
        var result: [BlobValue] = []
        for document in try await context.documents(input) {
            result += context.repository.holderBlobs(of: document).map(\.blob)
            if let note = try context.repository.storedNoteBlob(of: document) { result.append(note) }
        }
        return result.isEmpty ? .void : .blobs(result)
    }

    /// `FileManager.Import`: each file becomes a document in the folder named by the `currentDocument` context variable,
    /// typed by its mime type as Nuxeo's default plugins do (text, HTML, XML and Markdown → `Note` holding the text;
    /// anything else → `File`). With `overwrite`, a child of the folder holding a file of the same name gets the new one.
    func fileManagerImport(_ input: Value, _ params: FileManagerImportParams, context: Context) async throws -> Value {
        let folder = try await context.currentDocument(role: " (the destination folder)")
        let overwrite = params.overwrite ?? params.overwite ?? false
        var created: [DocumentRecord] = []
        for blob in try context.blobs(input) {
            created.append(try await FileImporter(context: context).importBlob(blob, into: folder, overwrite: overwrite))
        }
        if case .blob = input, let document = created.first { return .document(document) }
        return .documents(created)
    }
}

/// Nuxeo's default FileManager plugins: `NoteImporter` for text types small enough to edit, `DefaultFileImporter` else.
struct FileImporter {
    let context: OperationContext
    /// Text types imported as Notes (Nuxeo's `NoteImporter` filters).
    static let noteTypes: Set<String> = ["text/plain", "text/html", "text/xml", "text/x-web-markdown", "application/xhtml+xml"]
    /// Larger text files stay Files.
    static let maxNoteSize: Int64 = 1 << 20

    func importBlob(_ blob: BlobValue, into folder: DocumentRecord, overwrite: Bool) async throws -> DocumentRecord {
        let repository = context.repository
        let filename = blob.name ?? "file"
        let mimeType = blob.mimeType.map(MimeTypes.normalize) ?? MimeTypes.forFilename(filename) ?? "application/octet-stream"
        if overwrite {
            let children = try await repository.childList(of: folder, principal: context.principal)
            if let existing = children.first(where: { BlobValue(stored: $0.properties["file:content"])?.name == filename }) {
                return try await repository.setBlob(blob, at: "file:content", of: .id(existing.id), principal: context.principal)
            }
        }
        let title = filename
        if Self.noteTypes.contains(mimeType), blob.length <= Self.maxNoteSize, repository.registry.type("Note") != nil,
           let path = repository.binaries?.file(blob.digest), let reader = try? FileReader(path: path) {
            let bytes = (try? reader.read(at: 0, maxCount: Int(blob.length))) ?? []
            reader.close()
            if let text = String(validating: bytes, as: UTF8.self) {
                return try await repository.create(
                    in: .id(folder.id), type: "Note", name: title,
                    properties: ["dc:title": .string(title), "note:note": .string(text), "note:mime_type": .string(mimeType)],
                    principal: context.principal)
            }
        }
        let created = try await repository.create(in: .id(folder.id), type: "File", name: title, properties: ["dc:title": .string(title)],
                                                  principal: context.principal)
        return try await repository.setBlob(blob, at: "file:content", of: .id(created.id), principal: context.principal)
    }
}

extension OperationContext {
    /// A blob parameter given as a batch reference (`{"upload-batch","upload-fileId"}`): Nuxeo cannot adapt JSON to a
    /// blob; nx accepts the reference, the form its clients hold after an upload.
    func blobParameter(_ value: JSONValue, name: String) async throws -> BlobValue {
        if case .blob(let blob) = evaluated[name] { return blob }
        guard case .object(let object) = value, let batchId = object["upload-batch"]?.stringValue,
              let index = BlobInput.fileIndex(object["upload-fileId"]),
              let batches, let algorithm = repository.binaries?.digestAlgorithm
        else { throw NXError.invalid("Parameter '\(name)' of \(operationId) must reference an uploaded file: {\"upload-batch\": …, \"upload-fileId\": …}") }
        guard let file = try await batches.file(batchId, index: index), let blob = file.blob(algorithm: algorithm) else {
            throw NXError.invalid("Unable to find batch associated with id '\(batchId)' or file associated with index '\(index)'")
        }
        return blob
    }
}

extension DocumentOperations {
    /// `Blob.CreateFromURL`: the content of an http(s) URL, streamed into the binary store (at most the upload limit);
    /// other schemes give no file (204), as Nuxeo. File name from the parameter or the URL's last path segment.
    func blobCreateFromURL(_ input: Value, _ params: BlobCreateFromURLParams, context: Context) async throws -> Value {
        guard let url = URL(string: params.file), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return .void }
        guard let binaries = context.repository.binaries else { throw NXError.unsupported("No binary store is configured") }
        var request = HTTPClientRequest(url: params.file)
        request.method = .GET
        let response: HTTPClientResponse
        do {
            response = try await OutboundHTTP.client.execute(request, timeout: .seconds(300))
        } catch {
            throw NXError.invalid("Cannot fetch \(params.file): \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            throw NXError.invalid("Cannot fetch \(params.file): HTTP \(response.status.code)")
        }
        let binary: StoredBinary
        do {
            binary = try await binaries.receive(response.body, limit: context.maxUploadSize)
        } catch let error as NXError {
            throw error
        } catch {
            throw NXError.invalid("Cannot fetch \(params.file): \(error)")
        }
        let name = params.filename ?? url.lastPathComponent
        let mimeType = params.mimeType ?? response.headers.first(name: "content-type").map(MimeTypes.normalize)
        return .blob(BlobValue(name: name.isEmpty ? nil : name, mimeType: mimeType, encoding: params.encoding, digest: binary.digest,
                               digestAlgorithm: binaries.digestAlgorithm.rawValue, length: binary.length))
    }
}

extension DocumentOperations {
    /// `BlobHolder.AttachOnCurrentDocument` (`BlobHolder.Attach`): the input file becomes the main blob of the document named
    /// by the `currentDocument` context variable; of a list, the first one does (with `useMainBlob`, the default) and the
    /// others are appended to `files:files` when the document has that schema. A document without a file holder is
    /// returned unchanged, as Nuxeo does when it has no blob holder.
    func blobHolderAttachOnCurrentDocument(
        _ input: Value, _ params: BlobHolderAttachOnCurrentDocumentParams, context: Context
    ) async throws -> Value {
        var document = try await context.currentDocument()
        guard let type = context.repository.registry.type(of: document), type.hasSchema("file") else { return .document(document) }
        var blobs = try context.blobs(input)
        var useMain = params.useMainBlob ?? true
        if case .blob = input { useMain = true }
        if useMain, !blobs.isEmpty {
            document = try await context.repository.setBlob(blobs.removeFirst(), at: "file:content", of: .id(document.id),
                                                            principal: context.principal)
        }
        if type.hasSchema("files") {
            for blob in blobs {
                document = try await context.repository.setBlob(blob, at: "files:files", of: .id(document.id), principal: context.principal)
            }
        }
        try context.state.setVariable("currentDocument", .document(document))
        return .document(document)
    }
}
