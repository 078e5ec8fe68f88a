import GRDB
import NXRuntime

/// Blob references, extracted binary text, the work queue and batch lookups of the SQLite store.
extension SQLiteSession {
    func batchFile(batchId: String, index: String, notBefore: Int64) throws -> BatchFile? {
        try BatchTables.file(db, batchId: batchId, index: index, notBefore: notBefore)
    }

    func referencedDigests() throws -> Set<String> {
        var result = Set(try String.fetchAll(db, sql: "SELECT DISTINCT digest FROM document_blobs"))
        result.formUnion(try String.fetchAll(db, sql: "SELECT digest FROM upload_files WHERE digest IS NOT NULL"))
        result.formUnion(try String.fetchAll(db, sql: "SELECT digest FROM upload_chunks"))
        result.formUnion(try String.fetchAll(db, sql: "SELECT result_blob FROM bulk_commands WHERE result_blob IS NOT NULL"))
        return result
    }

    func claimWork(kind: String, now: Int64, staleBefore: Int64) throws -> WorkItem? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, kind, key, payload, attempts FROM work_queue
            WHERE kind = ? AND (claimed IS NULL OR claimed < ?) ORDER BY id LIMIT 1
            """, arguments: [kind, staleBefore])
        else { return nil }
        let id: Int64 = row[0]
        try db.execute(sql: "UPDATE work_queue SET claimed = ?, attempts = attempts + 1 WHERE id = ?", arguments: [now, id])
        return WorkItem(id: id, kind: row[1], key: row[2], payload: row[3], attempts: (row[4] as Int) + 1)
    }

    func finishWork(id: Int64) throws {
        try db.execute(sql: "DELETE FROM work_queue WHERE id = ?", arguments: [id])
    }

    func releaseWork(id: Int64) throws {
        try db.execute(sql: "UPDATE work_queue SET claimed = NULL WHERE id = ?", arguments: [id])
    }

    func storeBinaryText(digest: String, text: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO blob_text(digest, text) VALUES (?, ?)", arguments: [digest, text])
        let rowids = try Int64.fetchAll(db, sql: "SELECT DISTINCT doc_rowid FROM document_blobs WHERE digest = ?", arguments: [digest])
        for rowid in rowids {
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.selectColumns) FROM documents WHERE rowid = ?", arguments: [rowid]) else { continue }
            try index(Self.record(row), rowid: rowid)
        }
    }
}
