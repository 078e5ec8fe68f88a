import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// The batch upload API (`/upload`), as Nuxeo's `BatchUploadObject`: plain JSON maps (no `entity-type`), keys in the
/// order Nuxeo's `HashMap`s write them, every value of an upload answer a string except `chunkCount` and
/// `uploadedChunkIds`. Unknown batches and files are 404 exceptions; chunk errors Nuxeo answers with a 500 are 4xx here.
extension APIHandlers {
    func getUploadHandlers(repository: String, context: NXCallContext) async throws -> GetUploadHandlersOutput {
        .ok(.object(["handlers": .array(BatchManager.handlers.map { .object(["name": .string($0)]) })]))
    }

    func getUploadHandler(repository: String, handlerName: String, context: NXCallContext) async throws -> GetUploadHandlerOutput {
        guard BatchManager.handlers.contains(handlerName) else { throw NXError.notFound("Batch handler does not exist: \(handlerName)") }
        return .ok(.object(["name": .string(handlerName)]))
    }

    func createBatch(repository: String, context: NXCallContext) async throws -> CreateBatchOutput {
        .created(.object(["batchId": .string(try await batches.create())]))
    }

    func createBatchForHandler(repository: String, handlerName: String, context: NXCallContext) async throws -> CreateBatchForHandlerOutput {
        guard BatchManager.handlers.contains(handlerName) else { throw NXError.invalid("Batch handler does not exist: \(handlerName)") }
        let id = try await batches.create(handler: handlerName)
        return .ok(Self.batchInfo(id, handler: handlerName, files: []))
    }

    func getBatchInfo(repository: String, batchId: String, context: NXCallContext) async throws -> GetBatchInfoOutput {
        guard let handler = try await batches.handler(batchId), let files = try await batches.files(batchId) else { throw Self.unknownBatch(batchId) }
        return .ok(Self.batchInfo(batchId, handler: handler, files: files))
    }

    func getBatchFiles(repository: String, batchId: String, context: NXCallContext) async throws -> GetBatchFilesOutput {
        guard let files = try await batches.files(batchId) else { throw Self.unknownBatch(batchId) }
        if files.isEmpty { return .ok(.empty()) }
        return .ok(.json(.array(files.map(Self.fileInfo))))
    }

    func getBatchFile(repository: String, batchId: String, fileIdx: String, context: NXCallContext) async throws -> GetBatchFileOutput {
        try Self.checkIndex(fileIdx)
        guard let file = try await batches.file(batchId, index: fileIdx) else { throw Self.unknownFile(batchId, fileIdx) }
        return .ok(.json(Self.fileInfo(file), status: file.isComplete ? 200 : 202))
    }

    func deleteBatch(repository: String, batchId: String, context: NXCallContext) async throws -> DeleteBatchOutput {
        guard try await batches.delete(batchId) else { throw Self.unknownBatch(batchId) }
        return .noContent
    }

    func deleteBatchFile(repository: String, batchId: String, fileIdx: String, context: NXCallContext) async throws -> DeleteBatchFileOutput {
        try Self.checkIndex(fileIdx)
        guard try await batches.delete(batchId, index: fileIdx) else { throw Self.unknownFile(batchId, fileIdx) }
        return .noContent
    }

    func refreshBatchToken(repository: String, batchId: String, context: NXCallContext) async throws -> RefreshBatchTokenOutput {
        guard try await batches.handler(batchId) != nil else { throw Self.unknownBatch(batchId) }
        throw NXError.unsupported("The default batch handler has no token to refresh")
    }

    func completeBatchFile(repository: String, batchId: String, fileIdx: String, body: JSONValue, context: NXCallContext) async throws
        -> CompleteBatchFileOutput
    {
        guard try await batches.handler(batchId) != nil else { throw Self.unknownBatch(batchId) }
        throw NXError.conflict("The default batch handler receives files itself: there is no third-party upload to complete")
    }

    /// `POST /upload/{batchId}/{fileIdx}`: the raw body, streamed into the binary store; chunked with `X-Upload-Type: chunked`.
    func uploadFile(
        repository: String, batchId: String, fileIdx: String, xFileName: String?, xFileType: String?, xFileSize: String?, xUploadType: String?,
        xUploadChunkIndex: String?, xUploadChunkCount: String?, body: NXRequestStream,
        context: NXCallContext
    ) async throws -> UploadFileOutput {
        guard try await batches.handler(batchId) != nil else { throw Self.unknownBatch(batchId) }
        try Self.checkIndex(fileIdx)
        let chunked = xUploadType == "chunked"
        var chunk: ChunkInfo?
        if chunked {
            guard let index = xUploadChunkIndex.flatMap({ Int($0.trimmingWhitespace) }), let count = xUploadChunkCount.flatMap({ Int($0.trimmingWhitespace) }),
                  let size = xFileSize.flatMap({ Int64($0.trimmingWhitespace) })
            else { throw NXError.invalid("X-Upload-Chunk-Index, X-Upload-Chunk-Count and X-File-Size headers must be numbers") }
            guard count > 0, count <= 100_000, size >= 0 else {
                throw NXError.invalid("X-Upload-Chunk-Count must be between 1 and 100000 and X-File-Size not negative")
            }
            guard size <= maxUploadSize else { throw BinaryStoreError.tooLarge(limit: maxUploadSize).nxError }
            chunk = ChunkInfo(index: index, count: count, fileSize: size)
        }
        if let contentType = body.contentType, contentType.lowercased().contains("multipart/form-data") {
            throw NXError.invalid("Content-Type: \"multipart/form-data\" is not supported")
        }
        if let chunk {
            do {
                try await batches.checkChunk(batchId, index: fileIdx, chunk: chunk)
            } catch let error as NXError where error.code == .conflict {
                // The last chunk sent again after a lost answer (or an interrupted assembly): the file is complete.
                guard let file = try await batches.file(batchId, index: fileIdx), file.chunked, file.isComplete else { throw error }
                return .created(.json(Self.chunkAnswer(file, chunk: chunk, fileIdx: fileIdx, uploadedSize: "0"), status: 201))
            }
        }
        let name = xFileName.map { PercentEncoding.decode($0[...], plusAsSpace: true) }
        let mimeType = xFileType.map(Self.fixFileType)
        let binary = try await receive(body)
        let uploadedSize = body.contentLength.map(String.init) ?? "-1"
        if let chunk {
            let file = try await batches.storeChunk(batchId, index: fileIdx, chunk: chunk, name: name, mimeType: mimeType, binary: binary)
            return .created(.json(Self.chunkAnswer(file, chunk: chunk, fileIdx: fileIdx, uploadedSize: uploadedSize), status: file.isComplete ? 201 : 202))
        }
        _ = try await batches.storeFile(batchId, index: fileIdx, name: name, mimeType: mimeType, binary: binary)
        return .created(.json(.object(JSONObject([
            ("uploaded", "true"), ("fileIdx", .string(fileIdx)), ("uploadType", "normal"), ("uploadedSize", .string(uploadedSize)),
            ("batchId", .string(batchId)),
        ]))))
    }

    /// `{"chunkCount","uploaded","fileIdx","uploadType","uploadedSize","uploadedChunkIds","batchId"}`.
    static func chunkAnswer(_ file: BatchFile, chunk: ChunkInfo, fileIdx: String, uploadedSize: String) -> JSONValue {
        .object(JSONObject([
            ("chunkCount", .int(Int64(file.chunkCount ?? chunk.count))), ("uploaded", "true"), ("fileIdx", .string(fileIdx)),
            ("uploadType", "chunked"), ("uploadedSize", .string(uploadedSize)),
            ("uploadedChunkIds", .array(file.uploadedChunks.map { .int(Int64($0)) })), ("batchId", .string(file.batchId)),
        ]))
    }

    /// Streams a request body into the binary store (at most `maxUploadSize` bytes, else 413 and nothing kept).
    func receive(_ body: NXRequestStream) async throws -> StoredBinary {
        if let length = body.contentLength, length > maxUploadSize { throw BinaryStoreError.tooLarge(limit: maxUploadSize).nxError }
        return try await batches.binaries.receive(body, limit: maxUploadSize)
    }

    /// `HeaderFixFilter`: an `X-File-Type` without `/` is `application/<value>`; an empty one `application/octet-stream`.
    static func fixFileType(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace
        if trimmed.isEmpty { return "application/octet-stream" }
        return trimmed.contains("/") ? trimmed : "application/" + trimmed
    }

    static func checkIndex(_ fileIdx: String) throws {
        guard !fileIdx.isEmpty, fileIdx.utf8.count <= 9, fileIdx.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw NXError.invalid("fileIdx request path parameter must be a number")
        }
    }

    static func unknownBatch(_ batchId: String) -> NXError { NXError.notFound("Batch \(batchId) not found") }

    static func unknownFile(_ batchId: String, _ index: String) -> NXError {
        NXError.notFound("Unable to find batch associated with id '\(batchId)' or file associated with index '\(index)'")
    }

    /// `{"provider","fileEntries","batchId"}`.
    static func batchInfo(_ batchId: String, handler: String, files: [BatchFile]) -> JSONValue {
        .object(JSONObject([("provider", .string(handler)), ("fileEntries", .array(files.map(fileInfo))), ("batchId", .string(batchId))]))
    }

    /// Normal `{"size","name","uploadType"}`; chunked `{"size","chunkCount","name","uploadType","uploadedChunkIds"}`.
    static func fileInfo(_ file: BatchFile) -> JSONValue {
        let name = file.name.map(JSONValue.string) ?? .null
        if file.chunked {
            return .object(JSONObject([
                ("size", .int(file.announcedSize ?? file.binary?.length ?? 0)), ("chunkCount", .int(Int64(file.chunkCount ?? 0))), ("name", name),
                ("uploadType", "chunked"), ("uploadedChunkIds", .array(file.uploadedChunks.map { .int(Int64($0)) })),
            ]))
        }
        return .object(JSONObject([("size", .int(file.binary?.length ?? 0)), ("name", name), ("uploadType", "normal")]))
    }
}
