
/// Positions of children in orderable folders (`pos`) on SQLite.
extension SQLSession {
    func lastChildPosition(of parentId: String) throws -> Int64? {
        // The partial index documents_parent_pos answers this with one lookup.
        let sql = "SELECT MAX(pos) FROM documents WHERE parent_id = ? AND pos IS NOT NULL"
        return try db.value(Int64.self, sql, [parentId])
    }

    func childPositions(of parentId: String) throws -> [(id: String, name: String, position: Int64?)] {
        let sql = "SELECT id, name, pos FROM documents WHERE parent_id = ? ORDER BY pos IS NULL, pos, name"
        return try db.all(sql, [parentId]).map { row in
            (id: row[0] as String, name: row[1] as String, position: row[2] as Int64?)
        }
    }

    func setPosition(_ position: Int64, of id: String) throws {
        let sql = "UPDATE documents SET pos = ?, sys_change = sys_change + 1 WHERE id = ?"
        try db.execute(sql, [position, id])
        // Proxies carry their target's counters (see `DocumentRecord.showing`).
        try db.execute("""
            UPDATE documents SET sys_change = (SELECT t.sys_change FROM documents t WHERE t.id = ?) WHERE proxy_target_id = ? AND is_proxy = 1
            """, [id, id])
    }
}
