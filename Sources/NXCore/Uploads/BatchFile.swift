/// A file of an upload batch: a whole upload (`normal`) or one assembled from chunks (`chunked`).
public struct BatchFile: Sendable, Hashable {
    /// The batch.
    public var batchId: String
    /// The file index in the batch (digits, as the client gave them).
    public var index: String
    /// Whether the file is uploaded in chunks.
    public var chunked: Bool
    /// File name (`X-File-Name`), nil when not given.
    public var name: String?
    /// Mime type (`X-File-Type`), nil when not given.
    public var mimeType: String?
    /// For chunked files: the size the client announced (`X-File-Size`).
    public var announcedSize: Int64?
    /// For chunked files: the number of chunks.
    public var chunkCount: Int?
    /// The stored binary, nil while chunks are missing.
    public var binary: StoredBinary?
    /// For chunked files: the chunk indexes received, ascending.
    public var uploadedChunks: [Int]

    public init(batchId: String, index: String, chunked: Bool, name: String?, mimeType: String?, announcedSize: Int64?, chunkCount: Int?,
                binary: StoredBinary?, uploadedChunks: [Int]) {
        self.batchId = batchId
        self.index = index
        self.chunked = chunked
        self.name = name
        self.mimeType = mimeType
        self.announcedSize = announcedSize
        self.chunkCount = chunkCount
        self.binary = binary
        self.uploadedChunks = uploadedChunks
    }

    /// Whether every chunk is there (always true for a normal file).
    public var isComplete: Bool { binary != nil }

    /// The blob a document gets from this file (nil while incomplete).
    public func blob(algorithm: DigestAlgorithm) -> BlobValue? {
        guard let binary else { return nil }
        return BlobValue(name: name, mimeType: mimeType, encoding: nil, digest: binary.digest, digestAlgorithm: algorithm.rawValue,
                         length: binary.length)
    }
}

/// The chunk headers of a chunked upload request.
public struct ChunkInfo: Sendable, Hashable {
    /// 0-based chunk index.
    public var index: Int
    /// Total number of chunks.
    public var count: Int
    /// Total file size announced.
    public var fileSize: Int64

    public init(index: Int, count: Int, fileSize: Int64) {
        self.index = index
        self.count = count
        self.fileSize = fileSize
    }
}
