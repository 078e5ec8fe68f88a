import NXRuntime

/// Versions, subtree operations and the audit log on SQLite.
extension SQLSession {
    func versions(of versionableId: String) throws -> [DocumentRecord] {
        let sql = "SELECT \(Self.selectColumns) FROM documents WHERE versionable_id = ? AND is_version = 1 ORDER BY created, rowid"
        return try db.all(sql, [versionableId]).map(Self.record)
    }

    func children(of parentId: String, readable: ReadFilter?, byPosition: Bool) throws -> [DocumentRecord] {
        var sql = "SELECT \(Self.columns) FROM documents WHERE parent_id = ?"
        var arguments: [any SQLBindable] = [parentId]
        if let readable {
            let condition = readable.condition("read_acl_id")
            sql += " AND " + condition.sql
            arguments += condition.arguments.map { $0 as any SQLBindable }
        }
        let order = byPosition ? " ORDER BY pos IS NULL, pos, name" : " ORDER BY name"
        return try db.all(sql + order, (arguments)).map(Self.record)
    }

    func descendants(of path: String) throws -> [DocumentRecord] {
        let (lower, upper) = Self.subtreeRange(path)
        let sql = "SELECT \(Self.columns) FROM documents WHERE path >= ? AND path < ? ORDER BY path"
        return try db.all(sql, [lower, upper]).map(Self.record)
    }

    func movePaths(from oldPath: String, to newPath: String) throws {
        let (lower, upper) = Self.subtreeRange(oldPath)
        let sql = "UPDATE documents SET path = ? || substr(path, ?) WHERE path >= ? AND path < ?"
        try db.execute(sql, [newPath, oldPath.unicodeScalars.count + 1, lower, upper])
    }

    func setTrashed(descendantsOf path: String, _ trashed: Bool) throws {
        let (lower, upper) = Self.subtreeRange(path)
        let sql = "UPDATE documents SET is_trashed = ?, sys_change = sys_change + 1 WHERE path >= ? AND path < ?"
        try db.execute(sql, [trashed, lower, upper])
    }

    func clearLatestFlags(versionableId: String, major: Bool) throws {
        let sql = major
            ? "UPDATE documents SET is_latest_version = 0, is_latest_major = 0 WHERE versionable_id = ?"
            : "UPDATE documents SET is_latest_version = 0 WHERE versionable_id = ?"
        try db.execute(sql, [versionableId])
    }

    /// Descendants of `path` are the paths in [`path/`, `path0`): an index range scan (`0` follows `/`).
    static func subtreeRange(_ path: String) -> (String, String) {
        let prefix = path == "/" ? "/" : path + "/"
        return (prefix, String(prefix.dropLast()) + "0")
    }

    func appendAudit(_ e: AuditEntry) throws {
        let sql = """
            INSERT INTO audit_log (event_id, category, principal, comment, doc_lifecycle, doc_path, doc_type, doc_uuid, repository,
            event_date, log_date, extended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let extended = String(decoding: JSONValue.object(e.extended).jsonBytes(), as: UTF8.self)
        try db.execute(sql, [
            e.eventId, e.category, e.principalName, e.comment, e.docLifeCycle, e.docPath, e.docType, e.docUUID, e.repositoryId,
            e.eventDate, e.logDate, extended])
    }

    func audit(_ q: AuditQuery, limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int) {
        var conditions = ["doc_uuid = ?"]
        var arguments: [any SQLBindable] = [q.docUUID]
        func anyOf(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += values.map { $0 as any SQLBindable }
        }
        anyOf("event_id", q.eventIds)
        anyOf("category", q.categories)
        anyOf("principal", q.principalNames)
        if let start = q.startDate { conditions.append("event_date >= ?"); arguments.append(start) }
        if let end = q.endDate { conditions.append("event_date <= ?"); arguments.append(end) }
        let condition = conditions.joined(separator: " AND ")
        let total = try db.value(Int.self, "SELECT COUNT(*) FROM audit_log WHERE \(condition)", (arguments)) ?? 0
        let direction = q.descending ? "DESC" : "ASC"
        let sql = """
            SELECT id, event_id, category, principal, comment, doc_lifecycle, doc_path, doc_type, doc_uuid, repository, event_date,
            log_date, extended FROM audit_log WHERE \(condition) ORDER BY event_date \(direction), id \(direction) LIMIT ? OFFSET ?
            """
        let rows = try db.all(sql, (arguments + [limit, offset]))
        return (rows.map(Self.auditEntry), total)
    }

    func audit(_ query: AuditLogQuery, limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int) {
        let condition = query.condition
        let total = try db.value(Int.self, "SELECT COUNT(*) FROM audit_log WHERE \(condition.sql)", (condition.arguments)) ?? 0
        let sql = """
            SELECT id, event_id, category, principal, comment, doc_lifecycle, doc_path, doc_type, doc_uuid, repository, event_date,
            log_date, extended FROM audit_log WHERE \(condition.sql) ORDER BY \(query.orderBy) LIMIT ? OFFSET ?
            """
        let rows = try db.all(sql, (condition.arguments + [.integer(Int64(limit)), .integer(Int64(offset))]))
        return (rows.map(Self.auditEntry), total)
    }

    /// An audit entry from a row of the columns the audit queries select.
    static func auditEntry(_ row: SQLRow) -> AuditEntry {
        let extendedText: String = row[12]
        return AuditEntry(
            id: row[0], eventId: row[1], category: row[2], principalName: row[3], comment: row[4], docLifeCycle: row[5],
            docPath: row[6], docType: row[7], docUUID: row[8], repositoryId: row[9], eventDate: row[10], logDate: row[11],
            extended: (try? NXJSON.parse(Array(extendedText.utf8)))?.objectValue ?? JSONObject())
    }
}
