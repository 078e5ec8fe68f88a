import Foundation

/// What an upload sends: bytes in memory or a file read in chunks (never loaded whole), with an optional progress
/// callback receiving (bytes sent, total).
public struct NXUploadSource: Sendable {
    /// Where the bytes come from.
    public enum Content: Sendable {
        case bytes([UInt8])
        case file(path: String)
    }

    public var content: Content
    /// Total length in bytes.
    public var length: Int64
    /// Called as bytes are handed to the connection.
    public var progress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)?
    /// Size of the chunks a file is read in.
    public var chunkSize: Int

    /// Bytes in memory.
    public static func bytes(_ bytes: [UInt8], progress: (@Sendable (Int64, Int64) -> Void)? = nil) -> NXUploadSource {
        NXUploadSource(content: .bytes(bytes), length: Int64(bytes.count), progress: progress, chunkSize: 1 << 20)
    }

    /// A file, streamed; a missing file throws.
    public static func file(_ path: String, progress: (@Sendable (Int64, Int64) -> Void)? = nil, chunkSize: Int = 1 << 20) throws -> NXUploadSource {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        return NXUploadSource(content: .file(path: path), length: size, progress: progress, chunkSize: max(4096, chunkSize))
    }

    /// The content as chunks, each read only when the connection asks for the next one (a file is never loaded whole),
    /// progress reported as chunks are handed over.
    public func chunks() -> AsyncThrowingStream<[UInt8], any Error> {
        let reader = ChunkReader(content: content, chunkSize: chunkSize)
        let length = self.length, progress = self.progress
        return AsyncThrowingStream(unfolding: {
            guard let chunk = try reader.next() else { return nil }
            progress?(reader.sent, length)
            return chunk
        })
    }

    /// The whole content (for transports that cannot stream).
    public func collect() async throws -> [UInt8] {
        var result: [UInt8] = []
        for try await chunk in chunks() { result += chunk }
        return result
    }
}

/// Reads an upload's content one chunk at a time (used by one consumer at a time).
final class ChunkReader: @unchecked Sendable {
    let content: NXUploadSource.Content
    let chunkSize: Int
    private var offset = 0
    private var handle: FileHandle?
    private var done = false
    private(set) var sent: Int64 = 0

    init(content: NXUploadSource.Content, chunkSize: Int) {
        self.content = content
        self.chunkSize = max(1, chunkSize)
    }

    deinit { try? handle?.close() }

    func next() throws -> [UInt8]? {
        guard !done else { return nil }
        switch content {
        case .bytes(let bytes):
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + chunkSize)
            defer { offset = end }
            sent = Int64(end)
            return Array(bytes[offset..<end])
        case .file(let path):
            if handle == nil {
                guard let opened = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
                handle = opened
            }
            guard let data = try handle?.read(upToCount: chunkSize), !data.isEmpty else {
                try? handle?.close()
                handle = nil
                done = true
                return nil
            }
            sent += Int64(data.count)
            return Array(data)
        }
    }
}
