import NXRuntime

/// Proxies on SQLite: rows of their own place carrying a copy of their target's state, kept in step with live targets.
extension SQLSession {
    func proxies(targetId: String) throws -> [DocumentRecord] {
        let sql = "SELECT \(Self.selectColumns) FROM documents WHERE proxy_target_id = ? AND is_proxy = 1 ORDER BY path"
        return try db.all(sql, [targetId]).map(Self.record)
    }

    func proxies(versionableId: String, parentId: String?) throws -> [DocumentRecord] {
        if let parentId {
            let sql = "SELECT \(Self.selectColumns) FROM documents WHERE proxy_versionable_id = ? AND parent_id = ? AND is_proxy = 1 ORDER BY path"
            return try db.all(sql, [versionableId, parentId]).map(Self.record)
        }
        let sql = "SELECT \(Self.selectColumns) FROM documents WHERE proxy_versionable_id = ? AND is_proxy = 1 ORDER BY path"
        return try db.all(sql, [versionableId]).map(Self.record)
    }

    func externalProxy(ofSubtree id: String, path: String) throws -> (proxyId: String, targetId: String)? {
        let (lower, upper) = Self.subtreeRange(path)
        // Targets removed with the subtree: its documents, and the versions removed with them (the document itself when
        // it is a version). A proxy inside the subtree goes with it.
        let sql = """
            SELECT p.id, p.proxy_target_id FROM documents p
            WHERE p.is_proxy = 1 AND p.proxy_target_id IN (
                SELECT t.id FROM documents t WHERE t.id = ? OR (t.path >= ? AND t.path < ?))
            AND NOT (p.id = ? OR (p.path >= ? AND p.path < ?))
            LIMIT 1
            """
        return try db.one(sql, [id, lower, upper, id, lower, upper]).map { (proxyId: $0[0] as String, targetId: $0[1] as String) }
    }

    /// Copies a live document's new state onto the proxies that show it (same transaction), as Nuxeo's DBS does.
    func refreshProxies(of target: DocumentRecord) throws {
        guard !target.isVersion else { return }
        let ids = try db.values(String.self, "SELECT id FROM documents WHERE proxy_target_id = ? AND is_proxy = 1",
                                      [target.id])
        for id in ids {
            guard var proxy = try document(id: id) else { continue }
            proxy.showing(target)
            try update(proxy)
        }
    }
}
