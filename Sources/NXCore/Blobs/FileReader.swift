#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential or positioned reads of a file through a small reusable buffer (downloads, copies, extraction).
public final class FileReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// The size of the file when opened.
    public let size: Int64

    /// Opens `path` for reading; a missing or unreadable file → `BinaryStoreError.io`.
    public init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BinaryStoreError.io("open \(path): errno \(errno)") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw BinaryStoreError.io("stat \(path): errno \(errno)")
        }
        size = Int64(info.st_size)
    }

    /// Reads up to `maxCount` bytes at the current position and hands them to `body`; returns the count (0 at the end).
    @discardableResult
    public func read(maxCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        if buffer.count < maxCount { buffer = [UInt8](repeating: 0, count: maxCount) }
        let count = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress, maxCount) }
        guard count >= 0 else { throw BinaryStoreError.io("read: errno \(errno)") }
        if count > 0 { try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
        return count
    }

    /// Reads up to `maxCount` bytes at `offset` straight into `buffer`'s writable memory; returns the count (0 at the end).
    public func read(at offset: Int64, maxCount: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = pread(fd, buffer.baseAddress, min(maxCount, buffer.count), off_t(offset))
        guard count >= 0 else { throw BinaryStoreError.io("read: errno \(errno)") }
        return count
    }

    /// Reads up to `maxCount` bytes at `offset` into a new array (empty at the end).
    public func read(at offset: Int64, maxCount: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(0, maxCount))
        let count = out.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress, maxCount, off_t(offset)) }
        guard count >= 0 else { throw BinaryStoreError.io("read: errno \(errno)") }
        out.removeSubrange(count...)
        return out
    }

    /// Closes the file.
    public func close() { Glibc.close(fd) }

    /// The whole content of the file at `path`, or nil when it is larger than `limit` bytes (read in one call: for
    /// small files only). A missing or unreadable file → `BinaryStoreError.io`.
    public static func contents(of path: String, atMost limit: Int) throws -> [UInt8]? {
        let reader = try FileReader(path: path)
        defer { reader.close() }
        guard reader.size <= Int64(limit) else { return nil }
        return try reader.read(at: 0, maxCount: Int(reader.size))
    }
}
