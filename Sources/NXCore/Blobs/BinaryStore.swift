/// A stored binary: its digest (the key) and length.
public struct StoredBinary: Sendable, Hashable {
    /// Lowercase hex digest of the content.
    public var digest: String
    /// Length in bytes.
    public var length: Int64

    public init(digest: String, length: Int64) {
        self.digest = digest
        self.length = length
    }
}

/// Content-addressed storage of binaries: a binary is named by the digest of its bytes, so identical content is
/// stored once. Writes stream into a temporary file that becomes visible only when complete (fsync, then atomic rename);
/// nothing is ever held whole in memory.
public protocol BinaryStore: Sendable {
    /// The digest algorithm naming binaries.
    var digestAlgorithm: DigestAlgorithm { get }
    /// Starts writing a new binary; `limit` bytes at most (more → `BinaryStoreError.tooLarge`).
    func makeWriter(limit: Int64?) throws -> any BinaryWriter
    /// The local file holding `digest`, nil when absent (or not a digest of the store's algorithm).
    func file(_ digest: String) -> String?
    /// Every stored binary with its length and last modification time (ms since 1970), for garbage collection.
    func list() throws -> [(binary: StoredBinary, modified: Int64)]
    /// Removes a binary (a missing one is not an error).
    func remove(_ digest: String) throws
    /// When a binary was last stored (ms since 1970), nil when absent.
    func modified(_ digest: String) -> Int64?
}

/// A binary being written: bytes are appended as they arrive, then `finish` stores them (or `cancel` drops them).
public protocol BinaryWriter: AnyObject {
    /// Appends bytes (written to the temporary file and hashed).
    func append(_ bytes: UnsafeRawBufferPointer) throws
    /// Syncs, names the file by its digest (a binary already stored is kept and the copy dropped) and returns it.
    func finish() throws -> StoredBinary
    /// Drops what was written.
    func cancel()
    /// Bytes appended so far.
    var length: Int64 { get }
}

extension BinaryWriter {
    /// Appends an array of bytes.
    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }
}

/// Why a binary could not be written.
public enum BinaryStoreError: Error, Sendable, Equatable {
    /// More bytes than the writer's limit.
    case tooLarge(limit: Int64)
    /// The file system refused (disk full, permissions…): errno and what was being done.
    case io(String)
}

extension BinaryStore {
    /// Stores `bytes` (small contents: inline text blobs, generated files).
    public func store(_ bytes: [UInt8]) throws -> StoredBinary {
        try store { try $0.append(bytes) }
    }

    /// Stores what `write` appends to a new writer; a failure drops it.
    func store(_ write: (any BinaryWriter) throws -> Void) throws -> StoredBinary {
        let writer = try makeWriter(limit: nil)
        do {
            try write(writer)
            return try writer.finish()
        } catch {
            writer.cancel()
            throw error
        }
    }

    /// Copies a stored binary's content through `writer` (used to concatenate chunks), in 1 MiB reads.
    public func copy(_ digest: String, into writer: any BinaryWriter) throws {
        guard let path = file(digest) else { throw BinaryStoreError.io("binary \(digest) is missing") }
        try Self.append(file: path, to: writer)
    }

    /// Stores the content of the local file at `path` (a file a tool or a library wrote), in 1 MiB reads.
    public func store(file path: String) throws -> StoredBinary {
        try store { try Self.append(file: path, to: $0) }
    }

    /// Stores the local file at `path` and describes it as a blob named `name` of type `mimeType`.
    public func storeBlob(file path: String, name: String?, mimeType: String?) throws -> BlobValue {
        let stored = try store(file: path)
        return BlobValue(name: name, mimeType: mimeType, encoding: nil, digest: stored.digest, digestAlgorithm: digestAlgorithm.rawValue,
                         length: stored.length)
    }

    /// Appends the content of the file at `path` to `writer`, in 1 MiB reads.
    static func append(file path: String, to writer: any BinaryWriter) throws {
        let reader = try FileReader(path: path)
        defer { reader.close() }
        while try reader.read(maxCount: 1 << 20, { chunk in try writer.append(chunk) }) > 0 {}
    }
}
