import Foundation
import NXRuntime

/// Bulk commands, their scrolled documents and output on SQLite.
extension SQLSession {
    static let bulkColumns = """
        id, action, username, repository, query, params, batch_size, query_limit, state, processed, skip_count, error_count,
        error_message, total, submitted, scroll_start, scroll_end, processing_start, processing_end, completed, result, cursor, in_flight, result_blob
        """

    /// `col = excluded.col` for every column but the key: an upsert replaces the whole command.
    static let bulkUpdates = bulkColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

    static func bulkCommand(_ row: SQLRow) throws -> BulkCommand {
        var command = BulkCommand(
            id: row["id"], action: row["action"], username: row["username"], repository: row["repository"], query: row["query"],
            params: try jsonObject(row["params"]), batchSize: row["batch_size"], queryLimit: row["query_limit"], submitted: row["submitted"])
        command.state = BulkState(rawValue: row["state"]) ?? .unknown
        command.processed = row["processed"]
        command.skipCount = row["skip_count"]
        command.errorCount = row["error_count"]
        command.errorMessage = row["error_message"]
        command.total = row["total"]
        command.scrollStart = row["scroll_start"]
        command.scrollEnd = row["scroll_end"]
        command.processingStart = row["processing_start"]
        command.processingEnd = row["processing_end"]
        command.completed = row["completed"]
        command.result = try jsonObject(row["result"])
        command.cursor = row["cursor"]
        command.inFlight = row["in_flight"]
        command.resultBlob = row["result_blob"]
        return command
    }

    private static func jsonObject(_ text: String) throws -> JSONObject {
        try JSONParser.parse(Array(text.utf8)).objectValue ?? JSONObject()
    }

    private static func jsonText(_ object: JSONObject) -> String {
        String(decoding: JSONValue.object(object).jsonBytes(), as: UTF8.self)
    }

    func bulkCommand(id: String) throws -> BulkCommand? {
        try db.one("SELECT \(Self.bulkColumns) FROM bulk_commands WHERE id = ?", [id])
            .map(Self.bulkCommand)
    }

    func bulkCommands(states: [BulkState], limit: Int) throws -> [BulkCommand] {
        guard !states.isEmpty else { return [] }
        let marks = states.map { _ in "?" }.joined(separator: ", ")
        let sql = "SELECT \(Self.bulkColumns) FROM bulk_commands WHERE state IN (\(marks)) ORDER BY submitted, id LIMIT ?"
        let arguments: [any SQLBindable] = states.map(\.rawValue) + [limit]
        return try db.all(sql, arguments).map(Self.bulkCommand)
    }

    func bulkItems(commandId: String, after: Int, limit: Int) throws -> [(seq: Int, documentId: String)] {
        try db.all("SELECT seq, document_id FROM bulk_items WHERE command_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                         [commandId, after, limit]).map { ($0["seq"], $0["document_id"]) }
    }

    func bulkOutput(commandId: String) throws -> [String] {
        try db.values(String.self, "SELECT line FROM bulk_output WHERE command_id = ? ORDER BY seq", [commandId])
    }

    func scroll(_ query: CompiledQuery, after: Int64, limit: Int) throws -> [(rowid: Int64, id: String)] {
        let sql = "SELECT d.rowid AS r, d.id AS i FROM \(query.from) WHERE (\(query.condition.sql)) AND d.rowid > ? ORDER BY d.rowid LIMIT ?"
        let arguments = (query.condition.arguments + [.integer(after), .integer(Int64(limit))])
        return try db.all(sql, arguments).map { ($0["r"], $0["i"]) }
    }

    func saveBulkCommand(_ c: BulkCommand) throws {
        try db.execute("""
            INSERT INTO bulk_commands (\(Self.bulkColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET \(Self.bulkUpdates)
            """, [
                c.id, c.action, c.username, c.repository, c.query, Self.jsonText(c.params), c.batchSize, c.queryLimit, c.state.rawValue,
                c.processed, c.skipCount, c.errorCount, c.errorMessage, c.total, c.submitted, c.scrollStart, c.scrollEnd,
                c.processingStart, c.processingEnd, c.completed, Self.jsonText(c.result), c.cursor, c.inFlight, c.resultBlob,
            ])
    }

    func appendBulkItems(commandId: String, firstSeq: Int, documentIds: [String]) throws {
        for (offset, id) in documentIds.enumerated() {
            try db.execute("""
                INSERT INTO bulk_items(command_id, seq, document_id) VALUES (?, ?, ?)
                ON CONFLICT(command_id, seq) DO UPDATE SET document_id = excluded.document_id
                """, [commandId, firstSeq + offset, id])
        }
    }

    func clearBulkItems(commandId: String, output: Bool) throws {
        try db.execute("DELETE FROM bulk_items WHERE command_id = ?", [commandId])
        if output { try db.execute("DELETE FROM bulk_output WHERE command_id = ?", [commandId]) }
    }

    func appendBulkOutput(commandId: String, seq: Int, line: String) throws {
        try db.execute("""
            INSERT INTO bulk_output(command_id, seq, line) VALUES (?, ?, ?) ON CONFLICT(command_id, seq) DO UPDATE SET line = excluded.line
            """, [commandId, seq, line])
    }

    func reindexFulltext(documentId: String) throws {
        // `record` reads the columns by position: the row id comes after them.
        guard let row = try db.one("SELECT \(Self.columns), rowid AS r FROM documents WHERE id = ?",
                                         [documentId]) else { return }
        try index(Self.record(row), rowid: row["r"])
    }

    func queueBinaryText(digest: String, mimeType: String, force: Bool, time: Int64) throws {
        if force { try db.execute("DELETE FROM blob_text WHERE digest = ?", [digest]) }
        try db.execute("""
            INSERT INTO work_queue(kind, key, payload, created)
            SELECT 'fulltext', ?, ?, CAST(? AS BIGINT) WHERE NOT EXISTS (SELECT 1 FROM blob_text WHERE digest = ?) ON CONFLICT DO NOTHING
            """, [digest, mimeType, time, digest])
    }

    func claimBulkLease(commandId: String, node: String, now: Int64, until: Int64) throws -> Bool {
        try db.execute("""
            INSERT INTO bulk_leases (command_id, node, until) VALUES (?, ?, ?)
            ON CONFLICT(command_id) DO UPDATE SET node = excluded.node, until = excluded.until
            WHERE bulk_leases.node = excluded.node OR bulk_leases.until < ?
            """, [commandId, node, until, now]) > 0
    }

    func savepoint(_ body: () throws -> Void) throws {
        try db.savepoint(body)
    }
}
