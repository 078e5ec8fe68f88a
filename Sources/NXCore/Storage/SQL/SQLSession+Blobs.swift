import NXRuntime

/// Blob references, extracted binary text, the work queue and batch lookups of the SQLite store.
extension SQLSession {
    func batchFile(batchId: String, index: String, notBefore: Int64) throws -> BatchFile? {
        try BatchTables.file(db, batchId: batchId, index: index, notBefore: notBefore)
    }

    func referencedDigests() throws -> Set<String> {
        var result = Set(try db.values(String.self, "SELECT DISTINCT digest FROM document_blobs"))
        result.formUnion(try db.values(String.self, "SELECT digest FROM upload_files WHERE digest IS NOT NULL"))
        result.formUnion(try db.values(String.self, "SELECT digest FROM upload_chunks"))
        result.formUnion(try db.values(String.self, "SELECT result_blob FROM bulk_commands WHERE result_blob IS NOT NULL"))
        return result
    }

    @discardableResult
    func enqueueWork(kind: String, key: String, payload: String, time: Int64) throws -> Bool {
        try db.execute("INSERT INTO work_queue(kind, key, payload, created) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       [kind, key, payload, time]) > 0
    }

    func claimWork(kind: String, now: Int64, staleBefore: Int64) throws -> WorkItem? {
        guard let row = try db.one("""
            SELECT id, kind, key, payload, attempts FROM work_queue
            WHERE kind = ? AND failed = 0 AND next_attempt <= ? AND (claimed IS NULL OR claimed < ?) ORDER BY id LIMIT 1
            """, [kind, now, staleBefore])
        else { return nil }
        let id: Int64 = row[0]
        try db.execute("UPDATE work_queue SET claimed = ?, attempts = attempts + 1 WHERE id = ?", [now, id])
        return WorkItem(id: id, kind: row[1], key: row[2], payload: row[3], attempts: (row[4] as Int) + 1)
    }

    func finishWork(id: Int64) throws {
        try db.execute("DELETE FROM work_queue WHERE id = ?", [id])
    }

    func releaseWork(id: Int64) throws {
        try db.execute("UPDATE work_queue SET claimed = NULL WHERE id = ?", [id])
    }

    func failWork(id: Int64, error: String, retryAt: Int64?) throws {
        if let retryAt {
            try db.execute("UPDATE work_queue SET claimed = NULL, next_attempt = ?, error = ? WHERE id = ?", [retryAt, error, id])
        } else {
            try db.execute("UPDATE work_queue SET claimed = NULL, failed = 1, error = ? WHERE id = ?", [error, id])
        }
    }

    func retryFailedWork() throws -> [Int64] {
        let ids = try db.values(Int64.self, "SELECT id FROM work_queue WHERE failed = 1 ORDER BY id")
        try db.execute("UPDATE work_queue SET failed = 0, attempts = 0, next_attempt = 0, claimed = NULL WHERE failed = 1")
        return ids
    }

    func pendingWork(ids: [Int64]) throws -> (pending: Int, failed: Int) {
        guard !ids.isEmpty else { return (0, 0) }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let row = try db.one("SELECT COUNT(*) AS n, COALESCE(SUM(failed), 0) AS f FROM work_queue WHERE id IN (\(marks))",
                                   (ids))
        let total: Int = row?["n"] ?? 0
        let failed: Int = row?["f"] ?? 0
        return (total - failed, failed)
    }

    func storeBinaryText(digest: String, text: String) throws {
        try db.execute("INSERT INTO blob_text(digest, text) VALUES (?, ?) ON CONFLICT(digest) DO UPDATE SET text = excluded.text", [digest, text.replacingOccurrences(of: "\u{0}", with: " ")])
        let rowids = try db.values(Int64.self, "SELECT DISTINCT doc_rowid FROM document_blobs WHERE digest = ?", [digest])
        for rowid in rowids {
            guard let row = try db.one("SELECT \(Self.selectColumns) FROM documents WHERE rowid = ?", [rowid]) else { continue }
            try index(Self.record(row), rowid: rowid)
        }
    }
}
