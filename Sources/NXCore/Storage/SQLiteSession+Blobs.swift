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

    @discardableResult
    func enqueueWork(kind: String, key: String, payload: String, time: Int64) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO work_queue(kind, key, payload, created) VALUES (?, ?, ?, ?)")
            .execute(arguments: [kind, key, payload, time])
        return db.changesCount > 0
    }

    func claimWork(kind: String, now: Int64, staleBefore: Int64) throws -> WorkItem? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, kind, key, payload, attempts FROM work_queue
            WHERE kind = ? AND failed = 0 AND next_attempt <= ? AND (claimed IS NULL OR claimed < ?) ORDER BY id LIMIT 1
            """, arguments: [kind, now, staleBefore])
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

    func failWork(id: Int64, error: String, retryAt: Int64?) throws {
        if let retryAt {
            try db.execute(sql: "UPDATE work_queue SET claimed = NULL, next_attempt = ?, error = ? WHERE id = ?", arguments: [retryAt, error, id])
        } else {
            try db.execute(sql: "UPDATE work_queue SET claimed = NULL, failed = 1, error = ? WHERE id = ?", arguments: [error, id])
        }
    }

    func retryFailedWork() throws -> [Int64] {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM work_queue WHERE failed = 1 ORDER BY id")
        try db.execute(sql: "UPDATE work_queue SET failed = 0, attempts = 0, next_attempt = 0, claimed = NULL WHERE failed = 1")
        return ids
    }

    func pendingWork(ids: [Int64]) throws -> (pending: Int, failed: Int) {
        guard !ids.isEmpty else { return (0, 0) }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(failed), 0) AS f FROM work_queue WHERE id IN (\(marks))",
                                   arguments: StatementArguments(ids))
        let total: Int = row?["n"] ?? 0
        let failed: Int = row?["f"] ?? 0
        return (total - failed, failed)
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
