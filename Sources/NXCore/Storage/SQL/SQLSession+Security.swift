import NXRuntime

/// ACL storage on SQLite: local ACLs per document and the shared table of effective read ACLs.
extension SQLSession {
    func localACLs(paths: [String]) throws -> [String: [ACL]] {
        guard !paths.isEmpty else { return [:] }
        let sql = """
            SELECT d.path, a.acl_name, a.username, a.permission, a.granted, a.creator, a.begin_ms, a.end_ms
            FROM acls a JOIN documents d ON d.id = a.doc_id
            WHERE d.path IN (\(paths.map { _ in "?" }.joined(separator: ", "))) ORDER BY d.path, a.pos
            """
        var result: [String: [ACL]] = [:]
        for row in try db.all(sql, (paths)) {
            let path: String = row[0], name: String = row[1]
            let ace = ACE(username: row[2], permission: row[3], granted: row[4], creator: row[5], begin: row[6], end: row[7])
            var acls = result[path] ?? []
            if let index = acls.firstIndex(where: { $0.name == name }) { acls[index].aces.append(ace) } else { acls.append(ACL(name: name, aces: [ace])) }
            result[path] = acls
        }
        return result
    }

    func readACLs() throws -> [(id: Int64, acl: String)] {
        try db.all("SELECT id, acl FROM read_acls ORDER BY id").map { ($0[0], $0[1]) }
    }

    func readACL(id: Int64) throws -> String? {
        try db.value(String.self, "SELECT acl FROM read_acls WHERE id = ?", [id])
    }

    func documentsWithACLs(under path: String) throws -> [(id: String, path: String)] {
        let (lower, upper) = Self.subtreeRange(path)
        let sql = """
            SELECT DISTINCT d.id, d.path FROM documents d JOIN acls a ON a.doc_id = d.id
            WHERE (d.path = ? OR (d.path >= ? AND d.path < ?)) AND d.is_version = 0
            """
        return try db.all(sql, [path, lower, upper])
            .map { (id: $0[0] as String, path: $0[1] as String) }
            .sorted { ($0.path.split(separator: "/").count, $0.path) < ($1.path.split(separator: "/").count, $1.path) }
    }

    func setLocalACLs(documentId: String, _ acls: [ACL]) throws {
        try db.execute("DELETE FROM acls WHERE doc_id = ?", [documentId])
        var position = 0
        for acl in acls {
            for ace in acl.aces {
                try db.execute("""
                    INSERT INTO acls (doc_id, acl_name, pos, username, permission, granted, creator, begin_ms, end_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [documentId, acl.name, position, ace.username, ace.permission, ace.granted, ace.creator, ace.begin, ace.end])
                position += 1
            }
        }
    }

    func readACLId(_ acl: String, timed: Bool) throws -> (id: Int64, created: Bool) {
        if let id = try db.value(Int64.self, "SELECT id FROM read_acls WHERE acl = ?", [acl]) { return (id, false) }
        let id = try db.value(Int64.self, "INSERT INTO read_acls (acl, timed) VALUES (?, ?) RETURNING id", [acl, timed ? 1 : 0]) ?? 0
        return (id, true)
    }

    func setReadACL(_ id: Int64, at path: String) throws {
        let (lower, upper) = Self.subtreeRange(path)
        let subtree = "(path = ? OR (path >= ? AND path < ?)) AND is_version = 0"
        try db.execute("UPDATE documents SET read_acl_id = ? WHERE \(subtree)", [id, path, lower, upper])
        // Versions read as their live document.
        try db.execute("UPDATE documents SET read_acl_id = ? WHERE versionable_id IN (SELECT id FROM documents WHERE \(subtree))",
                       [id, path, lower, upper])
    }
}
