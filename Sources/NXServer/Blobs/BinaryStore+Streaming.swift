import Hummingbird
import NXCore
import NXRuntime

extension BinaryStore {
    /// Streams byte buffers (a request body, a fetched response) into a new binary of at most `limit` bytes; the final
    /// fsync runs on its own thread. Store failures become `NXError`s (413 over the limit); any other error of the
    /// sequence is rethrown as is. Nothing is kept on failure.
    func receive<S: AsyncSequence>(_ buffers: S, limit: Int64) async throws -> StoredBinary where S.Element == ByteBuffer {
        let writer = try BinaryStoreError.mapping { try makeWriter(limit: limit) }
        do {
            for try await buffer in buffers {
                try BinaryStoreError.mapping { try buffer.withUnsafeReadableBytes { try writer.append($0) } }
            }
            let handed = Handed(writer)
            return try await BinaryStoreError.mapping { try await BlockingIO.run { try handed.value.finish() } }
        } catch {
            writer.cancel()
            throw error
        }
    }
}

/// Writes `count` bytes of the file at `path` from `start` to a response, read straight into the connection's buffers
/// 1 MiB at a time (downloads and multipart responses).
enum FileStreaming {
    static func write(path: String, from start: Int64, count: Int64, to writer: inout any ResponseBodyWriter) async throws {
        let reader = try FileReader(path: path)
        defer { reader.close() }
        var offset = start
        let end = start + count
        let allocator = ByteBufferAllocator()
        while offset < end {
            let wanted = Int(min(1 << 20, end - offset))
            var buffer = allocator.buffer(capacity: wanted)
            let read = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                try reader.read(at: offset, maxCount: wanted, into: raw)
            }
            if read == 0 { break }
            try await writer.write(buffer)
            offset += Int64(read)
        }
    }
}
