import GRDB

/// SQL of the batch tables, shared by `BatchManager` and document writes resolving `upload-batch` references.
enum BatchTables {
    /// The batch's file `index`, nil when the batch is unknown, expired (`touched < notBefore`) or has no such file.
    static func file(_ db: Database, batchId: String, index: String, notBefore: Int64) throws -> BatchFile? {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM upload_batches WHERE id = ? AND touched >= ?", arguments: [batchId, notBefore]) != nil
        else { return nil }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT idx, chunked, name, mime, size, chunk_count, digest, length FROM upload_files WHERE batch_id = ? AND idx = ?
            """, arguments: [batchId, index])
        else { return nil }
        return try file(db, batchId: batchId, row: row)
    }

    /// Every file of a batch, in numeric index order.
    static func files(_ db: Database, batchId: String) throws -> [BatchFile] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT idx, chunked, name, mime, size, chunk_count, digest, length FROM upload_files WHERE batch_id = ?
            ORDER BY length(idx), idx
            """, arguments: [batchId])
        return try rows.map { try file(db, batchId: batchId, row: $0) }
    }

    static func file(_ db: Database, batchId: String, row: Row) throws -> BatchFile {
        let index: String = row[0]
        let chunked: Bool = row[1]
        let digest: String? = row[6]
        let length: Int64? = row[7]
        let chunks = chunked
            ? try Int.fetchAll(db, sql: "SELECT chunk FROM upload_chunks WHERE batch_id = ? AND idx = ? ORDER BY chunk", arguments: [batchId, index])
            : []
        return BatchFile(batchId: batchId, index: index, chunked: chunked, name: row[2], mimeType: row[3], announcedSize: row[4],
                         chunkCount: row[5], binary: digest.flatMap { d in length.map { StoredBinary(digest: d, length: $0) } },
                         uploadedChunks: chunks)
    }
}
