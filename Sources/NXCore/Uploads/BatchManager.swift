import Foundation
import NXRuntime

/// Nuxeo's batch upload manager (`default` handler): batches of files uploaded whole or in chunks, kept in the store
/// (rows) and the binary store (content), so a restart between two chunks loses nothing. A batch not written to for
/// `timeToLive` ms behaves as unknown and is purged by `purgeExpired()`.
public final class BatchManager: Sendable {
    /// The only handler nx ships, as Nuxeo's default server.
    public static let handlers = ["default"]

    let pool: any SQLAccess
    /// Where file contents go.
    public let binaries: any BinaryStore
    /// Idle time after which a batch expires, in ms (Nuxeo: `nuxeo.transientstore.ttl`, 72 h).
    public let timeToLive: Int64
    /// Largest assembled file, in bytes (nil: no limit).
    public let maxLength: Int64?
    let now: @Sendable () -> Int64

    public init(store: any SQLStore, binaries: any BinaryStore, timeToLive: Int64 = 72 * 3600 * 1000, maxLength: Int64? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        pool = store.sql
        self.binaries = binaries
        self.timeToLive = timeToLive
        self.maxLength = maxLength
        self.now = now
    }

    /// Batches idle since before this time (ms) are expired.
    public var notBefore: Int64 { now() - timeToLive }

    /// A new batch of `handler`; its id is `batchId-<uuid>` as Nuxeo's.
    public func create(handler: String = "default") async throws -> String {
        let id = "batchId-" + UUID().uuidString.lowercased()
        let time = now()
        try await pool.write { db in
            try db.execute("INSERT INTO upload_batches(id, handler, created, touched) VALUES (?, ?, ?, ?)", [id, handler, time, time])
        }
        return id
    }

    /// The handler of a live batch, nil when unknown or expired.
    public func handler(_ batchId: String) async throws -> String? {
        let limit = notBefore
        return try await pool.read { db in
            try db.value(String.self, "SELECT handler FROM upload_batches WHERE id = ? AND touched >= ?", [batchId, limit])
        }
    }

    /// The files of a live batch in index order, nil when the batch is unknown or expired.
    public func files(_ batchId: String) async throws -> [BatchFile]? {
        let limit = notBefore
        return try await pool.read { db in
            guard try db.value(Bool.self, "SELECT 1 FROM upload_batches WHERE id = ? AND touched >= ?", [batchId, limit]) != nil
            else { return nil }
            return try BatchTables.files(db, batchId: batchId)
        }
    }

    /// One file of a live batch, nil when the batch or the file is unknown. A chunked file whose chunks are all there but
    /// whose assembly was interrupted (a crash, a full disk) is assembled now.
    public func file(_ batchId: String, index: String) async throws -> BatchFile? {
        let limit = notBefore
        let file = try await pool.read { db in try BatchTables.file(db, batchId: batchId, index: index, notBefore: limit) }
        if let file, file.chunked, file.binary == nil, let count = file.chunkCount, file.uploadedChunks.count == count {
            return try await assemble(file)
        }
        return file
    }

    /// Records a whole file (a re-upload to the same index replaces it). Unknown batch → 404.
    public func storeFile(_ batchId: String, index: String, name: String?, mimeType: String?, binary: StoredBinary) async throws -> BatchFile {
        let limit = notBefore, time = now()
        return try await pool.write { db in
            try Self.touch(db, batchId, limit: limit, time: time)
            try db.execute("DELETE FROM upload_chunks WHERE batch_id = ? AND idx = ?", [batchId, index])
            try db.execute("""
                INSERT INTO upload_files(batch_id, idx, chunked, name, mime, size, chunk_count, digest, length)
                VALUES (?, ?, 0, ?, ?, NULL, NULL, ?, ?)
                ON CONFLICT(batch_id, idx) DO UPDATE SET chunked = 0, name = excluded.name, mime = excluded.mime, size = NULL,
                chunk_count = NULL, digest = excluded.digest, length = excluded.length
                """, [batchId, index, name, mimeType, binary.digest, binary.length])
            return BatchFile(batchId: batchId, index: index, chunked: false, name: name, mimeType: mimeType, announcedSize: nil, chunkCount: nil,
                             binary: binary, uploadedChunks: [])
        }
    }

    /// Checks, before its bytes are read, that a chunk can be added: the batch exists, the index is in range and not
    /// received yet, the file is not a normal one. Nuxeo answers these with a 500; nx with a 4xx carrying Nuxeo's message.
    public func checkChunk(_ batchId: String, index: String, chunk: ChunkInfo) async throws {
        let limit = notBefore
        try await pool.read { db in try Self.checkChunk(db, batchId, index: index, chunk: chunk, limit: limit) }
    }

    static func checkChunk(_ db: any SQLConnection, _ batchId: String, index: String, chunk: ChunkInfo, limit: Int64) throws {
        guard try db.value(Bool.self, "SELECT 1 FROM upload_batches WHERE id = ? AND touched >= ?", [batchId, limit]) != nil
        else { throw NXError.notFound("Batch \(batchId) not found") }
        let row = try db.one("SELECT chunked, chunk_count FROM upload_files WHERE batch_id = ? AND idx = ?", [batchId, index])
        if let row, !(row[0] as Bool) { throw NXError.conflict("Cannot add a chunk to a non chunked file entry.") }
        let count = (row?[1] as Int?) ?? chunk.count
        guard chunk.index >= 0, chunk.index < count else {
            throw NXError.invalid("Cannot add chunk with index \(chunk.index) to file entry \(batchId)_\(index) as it is out of range (chunk count: \(count)).")
        }
        if try db.value(Bool.self, "SELECT 1 FROM upload_chunks WHERE batch_id = ? AND idx = ? AND chunk = ?",
                             [batchId, index, chunk.index]) != nil {
            throw NXError.conflict("Cannot add chunk with index \(chunk.index) to file entry \(batchId)_\(index) as it already exists.")
        }
    }

    /// Records a received chunk; the first chunk of a file fixes its name, type, size and chunk count. When the last
    /// chunk arrives, the chunks are concatenated (streamed) into the file's binary. Returns the file.
    public func storeChunk(_ batchId: String, index: String, chunk: ChunkInfo, name: String?, mimeType: String?,
                           binary: StoredBinary) async throws -> BatchFile {
        let limit = notBefore, time = now()
        let file = try await pool.write { db -> BatchFile in
            try Self.checkChunk(db, batchId, index: index, chunk: chunk, limit: limit)
            try Self.touch(db, batchId, limit: limit, time: time)
            try db.execute("""
                INSERT INTO upload_files(batch_id, idx, chunked, name, mime, size, chunk_count) VALUES (?, ?, 1, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, [batchId, index, name, mimeType, chunk.fileSize, chunk.count])
            try db.execute("INSERT INTO upload_chunks(batch_id, idx, chunk, digest, length) VALUES (?, ?, ?, ?, ?)",
                           [batchId, index, chunk.index, binary.digest, binary.length])
            guard let file = try BatchTables.file(db, batchId: batchId, index: index, notBefore: limit) else {
                throw NXError.notFound("Batch \(batchId) not found")
            }
            return file
        }
        guard let count = file.chunkCount, file.uploadedChunks.count == count, file.binary == nil else { return file }
        return try await assemble(file)
    }

    /// Concatenates the chunks of a complete chunked file into one binary, in chunk order, without holding them in memory.
    func assemble(_ file: BatchFile) async throws -> BatchFile {
        let (batchId, index) = (file.batchId, file.index)
        let digests = try await pool.read { db in
            try db.values(String.self, "SELECT digest FROM upload_chunks WHERE batch_id = ? AND idx = ? ORDER BY chunk", [batchId, index])
        }
        let binaries = self.binaries, limit = maxLength
        let binary = try await BlockingIO.run { () throws -> StoredBinary in
            let writer = try binaries.makeWriter(limit: limit)
            do {
                for digest in digests { try binaries.copy(digest, into: writer) }
                return try writer.finish()
            } catch {
                writer.cancel()
                throw error
            }
        }
        let assembled = try await pool.write { db -> BatchFile? in
            // Only the entry that was assembled: a file replaced or deleted meanwhile is left as it now is.
            try db.execute("UPDATE upload_files SET digest = ?, length = ? WHERE batch_id = ? AND idx = ? AND chunked = 1 AND digest IS NULL",
                           [binary.digest, binary.length, batchId, index])
            return try BatchTables.file(db, batchId: batchId, index: index, notBefore: 0)
        }
        guard let assembled else { throw NXError.notFound("Unable to find batch associated with id '\(batchId)' or file associated with index '\(index)'") }
        return assembled
    }

    /// Removes a batch and its files; false when it did not exist.
    @discardableResult
    public func delete(_ batchId: String) async throws -> Bool {
        let limit = notBefore
        return try await pool.write { db in
            let existed = try db.value(Bool.self, "SELECT 1 FROM upload_batches WHERE id = ? AND touched >= ?", [batchId, limit]) != nil
            try Self.remove(db, batchId)
            return existed
        }
    }

    /// Removes one file of a batch; false when the batch or the file did not exist.
    public func delete(_ batchId: String, index: String) async throws -> Bool {
        let limit = notBefore, time = now()
        return try await pool.write { db in
            guard try BatchTables.file(db, batchId: batchId, index: index, notBefore: limit) != nil else { return false }
            try Self.touch(db, batchId, limit: limit, time: time)
            try db.execute("DELETE FROM upload_chunks WHERE batch_id = ? AND idx = ?", [batchId, index])
            try db.execute("DELETE FROM upload_files WHERE batch_id = ? AND idx = ?", [batchId, index])
            return true
        }
    }

    /// Removes every expired batch; returns how many. (Their binaries become orphans for the binary GC.)
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let limit = notBefore
        return try await pool.write { db in
            let ids = try db.values(String.self, "SELECT id FROM upload_batches WHERE touched < ?", [limit])
            for id in ids { try Self.remove(db, id) }
            return ids.count
        }
    }

    static func remove(_ db: any SQLConnection, _ batchId: String) throws {
        try db.execute("DELETE FROM upload_chunks WHERE batch_id = ?", [batchId])
        try db.execute("DELETE FROM upload_files WHERE batch_id = ?", [batchId])
        try db.execute("DELETE FROM upload_batches WHERE id = ?", [batchId])
    }

    /// Refreshes a live batch's expiry; unknown or expired → 404.
    static func touch(_ db: any SQLConnection, _ batchId: String, limit: Int64, time: Int64) throws {
        let changed = try db.execute("UPDATE upload_batches SET touched = ? WHERE id = ? AND touched >= ?", [time, batchId, limit])
        guard changed == 1 else { throw NXError.notFound("Batch \(batchId) not found") }
    }
}
