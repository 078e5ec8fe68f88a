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

    /// The content as chunks, reporting progress as they are produced.
    public func chunks() -> AsyncThrowingStream<[UInt8], any Error> {
        let content = self.content, length = self.length, progress = self.progress, chunkSize = self.chunkSize
        return AsyncThrowingStream { continuation in
            switch content {
            case .bytes(let bytes):
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunkSize)
                    continuation.yield(Array(bytes[offset..<end]))
                    offset = end
                    progress?(Int64(offset), length)
                }
                continuation.finish()
            case .file(let path):
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    continuation.finish(throwing: CocoaError(.fileReadNoSuchFile))
                    return
                }
                var sent: Int64 = 0
                while true {
                    let data = handle.readData(ofLength: chunkSize)
                    if data.isEmpty { break }
                    sent += Int64(data.count)
                    continuation.yield(Array(data))
                    progress?(sent, length)
                }
                try? handle.close()
                continuation.finish()
            }
        }
    }

    /// The whole content (for transports that cannot stream).
    public func collect() async throws -> [UInt8] {
        var result: [UInt8] = []
        for try await chunk in chunks() { result += chunk }
        return result
    }
}
