// Hand-written helpers of the SDK's resources: streamed uploads and downloads with progress, over the generated
// endpoints' paths (`/upload`, `@blob`). The resources themselves are generated (Generated/).

extension NXClient.Uploads {
    /// Uploads `source` (a file or bytes, with its progress callback) into a batch, in chunks of `chunkSize` bytes
    /// when it is larger; a new batch is opened unless `batchId` is given. Attach the result to a document with
    /// `file.reference` as a blob property's value (`["file:content": file.reference]`).
    ///
    /// - Throws: `NXClientError` (`.transport` when the file cannot be read).
    public func send(
        _ source: NXUploadSource, name: String, mimeType: String? = nil, batchId: String? = nil, fileIndex: String = "0",
        chunkSize: Int = 8 << 20
    ) async throws(NXClientError) -> NXBatchFile {
        try await core.upload(source, name: name, mimeType: mimeType, batchId: batchId, fileIndex: fileIndex, chunkSize: chunkSize)
    }
}

extension NXClient.Blobs {
    /// Streams the blob at `xpath` of `doc` (`GET {doc}/@blob/{xpath}`): its status, type, length and an async
    /// sequence of byte chunks (`write(to:)` saves it to a file); `range` as `bytes=a-b`.
    ///
    /// - Throws: `NXClientError` (`.notFound` when the document or the blob does not exist).
    public func download(
        of doc: DocumentRef, xpath: String = "file:content", range: String? = nil, repository: String? = nil
    ) async throws(NXClientError) -> NXDownload {
        try await core.download(NXClientCore.repositoryPrefix(repository) + doc.urlPath + "/@blob/" + NXClientCore.encodeXPath(xpath), range: range)
    }
}
