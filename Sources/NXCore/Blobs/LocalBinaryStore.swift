import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Binaries as files under a directory: `<root>/<d0d1>/<d2d3>/<digest>`, written through `<root>/tmp/`.
public final class LocalBinaryStore: BinaryStore {
    /// The directory holding the binaries.
    public let root: String
    public let digestAlgorithm: DigestAlgorithm

    /// A store under `root` (created if needed); temporary files left by a crash are removed.
    public init(root: String, digestAlgorithm: DigestAlgorithm = .md5) throws {
        self.root = root
        self.digestAlgorithm = digestAlgorithm
        do {
            try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        } catch {
            throw BinaryStoreError.io("cannot create \(root): \(error)")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/tmp")) ?? [] {
            try? FileManager.default.removeItem(atPath: root + "/tmp/" + name)
        }
    }

    func path(_ digest: String) -> String {
        let u = Array(digest.utf8)
        return root + "/" + String(decoding: u[0..<2], as: UTF8.self) + "/" + String(decoding: u[2..<4], as: UTF8.self) + "/" + digest
    }

    public func makeWriter(limit: Int64?) throws -> any BinaryWriter {
        try LocalBinaryWriter(store: self, limit: limit)
    }

    /// Any digest of a supported algorithm is looked up (a store whose algorithm changed keeps serving older binaries).
    public func file(_ digest: String) -> String? {
        guard DigestAlgorithm.isAnyDigest(digest) else { return nil }
        let path = path(digest)
        return access(path, R_OK) == 0 ? path : nil
    }

    public func list() throws -> [(binary: StoredBinary, modified: Int64)] {
        var result: [(binary: StoredBinary, modified: Int64)] = []
        let manager = FileManager.default
        for first in (try? manager.contentsOfDirectory(atPath: root)) ?? [] where first.utf8.count == 2 {
            for second in (try? manager.contentsOfDirectory(atPath: root + "/" + first)) ?? [] {
                let directory = root + "/" + first + "/" + second
                for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? []
                where DigestAlgorithm.isAnyDigest(name) {
                    var info = stat()
                    guard stat(directory + "/" + name, &info) == 0 else { continue }
                    let modified = Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
                    result.append((StoredBinary(digest: name, length: Int64(info.st_size)), modified))
                }
            }
        }
        return result
    }

    public func modified(_ digest: String) -> Int64? {
        guard let path = file(digest) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }

    public func remove(_ digest: String) throws {
        guard DigestAlgorithm.isAnyDigest(digest) else { return }
        if unlink(path(digest)) != 0 && errno != ENOENT { throw BinaryStoreError.io("unlink \(digest): errno \(errno)") }
    }

    /// Makes `directory` and its parent if missing.
    func ensureDirectory(_ directory: String) throws {
        if access(directory, F_OK) == 0 { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BinaryStoreError.io("cannot create \(directory): \(error)")
        }
    }
}

/// Streams into `<root>/tmp/<uuid>`, hashing as it goes; `finish` fsyncs and renames to the digest path.
final class LocalBinaryWriter: BinaryWriter {
    let store: LocalBinaryStore
    let limit: Int64?
    let temporary: String
    private var fd: Int32
    private var digest: IncrementalDigest
    private(set) var length: Int64 = 0
    /// Bytes gathered before a write: a few large writes instead of one per network buffer.
    private var pending: [UInt8] = []
    static let writeSize = 1 << 20
    /// Hashing moves to a thread of its own once a file passes one write (small files are hashed inline).
    private var background: BackgroundDigest?

    init(store: LocalBinaryStore, limit: Int64?) throws {
        self.store = store
        self.limit = limit
        temporary = store.root + "/tmp/" + UUID().uuidString
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BinaryStoreError.io("cannot create a temporary file: errno \(errno)") }
        digest = store.digestAlgorithm.hasher()
    }

    deinit { if fd >= 0 { cancel() } }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw BinaryStoreError.io("writer closed") }
        guard !bytes.isEmpty else { return }
        let (total, overflow) = length.addingReportingOverflow(Int64(bytes.count))
        if let limit, overflow || total > limit { throw BinaryStoreError.tooLarge(limit: limit) }
        length = total
        if pending.capacity < Self.writeSize { pending.reserveCapacity(Self.writeSize) }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.writeSize { try flush(hashingInBackground: true) }
    }

    /// Writes the gathered bytes and hands them to the hash (in the background for large files).
    private func flush(hashingInBackground: Bool) throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try writeAll($0) }
        if background == nil && hashingInBackground { background = BackgroundDigest(continuing: digest) }
        if let background {
            background.add(pending)
            pending = []
            pending.reserveCapacity(Self.writeSize)
        } else {
            pending.withUnsafeBytes { digest.update($0) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BinaryStoreError.io("write: errno \(errno)\(errno == ENOSPC ? " (no space left on device)" : "")")
            }
            offset += written
        }
    }

    func finish() throws -> StoredBinary {
        guard fd >= 0 else { throw BinaryStoreError.io("writer closed") }
        do {
            try flush(hashingInBackground: false)
        } catch {
            cancel()
            throw error
        }
        defer { fd = -1 }
        if fsync(fd) != 0 {
            let code = errno
            _ = background?.finish()
            close(fd)
            unlink(temporary)
            throw BinaryStoreError.io("fsync: errno \(code)")
        }
        close(fd)
        let binary = StoredBinary(digest: background?.finish() ?? digest.finalize(), length: length)
        let target = store.path(binary.digest)
        if access(target, F_OK) == 0 {
            // Identical content is already stored: keep it, and make it look recent for the GC grace period.
            unlink(temporary)
            utime(target, nil)
            return binary
        }
        do {
            try store.ensureDirectory(String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]))
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw BinaryStoreError.io("rename: errno \(code)")
        }
        // The rename is durable once the directory entry is synced.
        let directory = open(String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]), O_RDONLY | O_DIRECTORY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return binary
    }

    func cancel() {
        _ = background?.finish()
        background = nil
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporary)
    }
}
