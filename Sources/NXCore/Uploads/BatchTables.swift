
/// SQL of the batch tables, shared by `BatchManager` and document writes resolving `upload-batch` references.
enum BatchTables {
    /// The batch's file `index`, nil when the batch is unknown, expired (`touched < notBefore`) or has no such file.
    static func file(_ db: any SQLConnection, batchId: String, index: String, notBefore: Int64) throws -> BatchFile? {
        guard try db.value(Bool.self, "SELECT 1 FROM upload_batches WHERE id = ? AND touched >= ?", [batchId, notBefore]) != nil
        else { return nil }
        guard let row = try db.one("""
            SELECT idx, chunked, name, mime, size, chunk_count, digest, length FROM upload_files WHERE batch_id = ? AND idx = ?
            """, [batchId, index])
        else { return nil }
        return try file(db, batchId: batchId, row: row)
    }

    /// Every file of a batch, in numeric index order.
    static func files(_ db: any SQLConnection, batchId: String) throws -> [BatchFile] {
        let rows = try db.all("""
            SELECT idx, chunked, name, mime, size, chunk_count, digest, length FROM upload_files WHERE batch_id = ?
            ORDER BY length(idx), idx
            """, [batchId])
        return try rows.map { try file(db, batchId: batchId, row: $0) }
    }

    static func file(_ db: any SQLConnection, batchId: String, row: SQLRow) throws -> BatchFile {
        let index: String = row[0]
        let chunked: Bool = row[1]
        let digest: String? = row[6]
        let length: Int64? = row[7]
        let chunks = chunked
            ? try db.values(Int.self, "SELECT chunk FROM upload_chunks WHERE batch_id = ? AND idx = ? ORDER BY chunk", [batchId, index])
            : []
        return BatchFile(batchId: batchId, index: index, chunked: chunked, name: row[2], mimeType: row[3], announcedSize: row[4],
                         chunkCount: row[5], binary: digest.flatMap { d in length.map { StoredBinary(digest: d, length: $0) } },
                         uploadedChunks: chunks)
    }
}
