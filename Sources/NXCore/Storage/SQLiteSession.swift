import Foundation
import GRDB
import NXRuntime

/// One transaction's view of the SQLite store; statements are prepared once and cached per connection.
struct SQLiteSession: DocumentWriting {
    let db: Database

    static let columns = """
        id, parent_id, name, path, type, pos, state, is_version, is_proxy, is_trashed, is_checked_out, version_label, sys_change, \
        user_change, created, modified, properties, versionable_id, is_latest_version, is_latest_major, lock_owner, lock_created, \
        read_acl_id, proxy_target_id, proxy_versionable_id, mixin_types
        """

    /// The columns to select: a version shows the path of its live document (its own `path` column holds `version:<id>`;
    /// a version kept after its live document went, because a proxy shows it, keeps that).
    static let selectColumns = columns.replacingOccurrences(
        of: " path,", with: " CASE WHEN is_version = 1 THEN COALESCE((SELECT l.path FROM documents l WHERE l.id = documents.versionable_id), path) ELSE path END,")

    func document(id: String) throws -> DocumentRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.selectColumns) FROM documents WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(Self.record)
    }

    func documentExists(id: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?"), arguments: [id]) == true
    }

    func document(path: String) throws -> DocumentRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.selectColumns) FROM documents WHERE path = ?")
        return try Row.fetchOne(statement, arguments: [path]).map(Self.record)
    }

    func childExists(parentId: String, name: String) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM documents WHERE parent_id = ? AND name = ?")
        return try Row.fetchOne(statement, arguments: [parentId, name]) != nil
    }

    func insert(_ d: DocumentRecord) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO documents (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: Self.arguments(d))
        try index(d, rowid: db.lastInsertedRowID, isNew: true)
    }

    /// Characters of extracted file text indexed for one document.
    static let maxBinaryText = 4 << 20

    /// Keeps the fulltext index and the document's binary references in step with a document (same transaction).
    /// A binary whose text is not extracted yet is queued for extraction (`work_queue`, kind `fulltext`).
    func index(_ d: DocumentRecord, rowid: Int64, isNew: Bool = false) throws {
        let (title, text) = FulltextText.extract(d.properties)
        let blobs = BlobValue.all(in: d.properties)
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM fulltext WHERE rowid = ?").execute(arguments: [rowid])
            try db.cachedStatement(sql: "DELETE FROM document_blobs WHERE doc_rowid = ?").execute(arguments: [rowid])
        }
        var binaryText = ""
        if !blobs.isEmpty {
            var digests = Set<String>()
            for (_, blob) in blobs where digests.insert(blob.digest).inserted {
                try db.cachedStatement(sql: "INSERT INTO document_blobs(doc_rowid, digest) VALUES (?, ?)").execute(arguments: [rowid, blob.digest])
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO work_queue(kind, key, payload, created)
                    SELECT 'fulltext', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM blob_text WHERE digest = ?)
                    """).execute(arguments: [blob.digest, blob.mimeType ?? "", d.modified, blob.digest])
                // At most `maxBinaryText` bytes of file text a document (a document with many large files stays cheap to
                // re-index on every write).
                guard binaryText.utf8.count < Self.maxBinaryText else { continue }
                if let extracted = try String.fetchOne(db.cachedStatement(sql: "SELECT substr(text, 1, ?) FROM blob_text WHERE digest = ?"),
                                                       arguments: [Self.maxBinaryText - binaryText.utf8.count, blob.digest]),
                   !extracted.isEmpty {
                    binaryText += (binaryText.isEmpty ? "" : " ") + extracted
                }
            }
        }
        try db.cachedStatement(sql: "INSERT INTO fulltext(rowid, title, text, binary) VALUES (?, ?, ?, ?)").execute(arguments: [rowid, title, text, binaryText])
        // A live picture whose views were not computed from its current file gets them computed (`pictureViews` work).
        if (d.type == PictureViews.type || d.instanceFacets.contains(PictureViews.facet)) && !d.isVersion && !d.isProxy,
           let main = BlobValue(stored: d.properties["file:content"] ?? nil) {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO work_queue(kind, key, payload, created)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM derived_work WHERE kind = ? AND doc_id = ? AND digest = ?)
                """).execute(arguments: [PictureViews.kind, d.id, main.digest, d.modified, PictureViews.kind, d.id, main.digest])
        }
    }

    func markDerivedWork(kind: String, documentId: String, digest: String) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO derived_work(kind, doc_id, digest) VALUES (?, ?, ?)")
            .execute(arguments: [kind, documentId, digest])
    }

    func update(_ d: DocumentRecord) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE documents SET parent_id = ?, name = ?, path = CASE WHEN is_version = 1 THEN path ELSE ? END, type = ?, pos = ?, state = ?, is_version = ?, is_proxy = ?,
            is_trashed = ?, is_checked_out = ?, version_label = ?, sys_change = ?, user_change = ?, created = ?, modified = ?,
            properties = ?, versionable_id = ?, is_latest_version = ?, is_latest_major = ?, lock_owner = ?, lock_created = ?, read_acl_id = ?,
            proxy_target_id = ?, proxy_versionable_id = ?, mixin_types = ? WHERE id = ?
            """)
        let values = Array(Self.argumentValues(d).dropFirst()) + [d.id as (any DatabaseValueConvertible)?]
        try statement.execute(arguments: StatementArguments(values))
        if let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM documents WHERE id = ?"), arguments: [d.id]) {
            try index(d, rowid: rowid)
        }
        if !d.isProxy { try refreshProxies(of: d) }
    }

    func deleteSubtree(id: String, path: String) throws -> Int {
        let prefix = path == "/" ? "/" : path + "/"
        // Descendants are the paths in [prefix, prefix with its last character incremented): an index range scan.
        let upper = String(prefix.dropLast()) + "0"
        let subtree = "(path >= ? AND path < ?) OR id = ?"
        // Versions of removed live documents go with them (Nuxeo's orphan version removal), except those a proxy outside
        // the subtree shows.
        let versions = """
            versionable_id IN (SELECT id FROM documents WHERE \(subtree)) AND is_version = 1 AND id NOT IN (
                SELECT proxy_target_id FROM documents WHERE is_proxy = 1 AND proxy_target_id IS NOT NULL AND NOT (\(subtree)))
            """
        let arguments: StatementArguments = [prefix, upper, id, prefix, upper, id]
        try db.execute(sql: "DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(versions))", arguments: arguments)
        try db.execute(sql: "DELETE FROM documents WHERE \(versions)", arguments: arguments)
        try db.execute(sql: "DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(subtree))", arguments: [prefix, upper, id])
        try db.execute(sql: "DELETE FROM documents WHERE \(subtree)", arguments: [prefix, upper, id])
        return db.changesCount
    }

    static func argumentValues(_ d: DocumentRecord) -> [(any DatabaseValueConvertible)?] {
        [d.id, d.parentId, d.name, d.path, d.type, d.position, d.state, d.isVersion, d.isProxy, d.isTrashed, d.isCheckedOut,
         d.versionLabel, d.sysChangeToken, d.changeToken, d.created, d.modified, String(decoding: JSONValue.object(d.properties).jsonBytes(), as: UTF8.self),
         d.versionableId, d.isLatestVersion, d.isLatestMajorVersion, d.lockOwner, d.lockCreated, d.readACL, d.proxyTargetId, d.proxyVersionableId,
         mixinTypesText(d.instanceFacets)]
    }

    /// The stored form of instance facets: a JSON array of names, NULL when there are none (`ecm:mixinType` reads it).
    static func mixinTypesText(_ facets: [String]) -> String? {
        facets.isEmpty ? nil : String(decoding: JSONValue.array(facets.map(JSONValue.string)).jsonBytes(), as: UTF8.self)
    }

    /// Instance facets read back from their stored form (unreadable text counts as none).
    static func instanceFacets(_ text: String?) -> [String] {
        guard let text, let values = (try? NXJSON.parse(Array(text.utf8)))?.arrayValue else { return [] }
        return values.compactMap(\.stringValue)
    }

    static func arguments(_ d: DocumentRecord) -> StatementArguments { StatementArguments(argumentValues(d)) }

    static func record(_ row: Row) -> DocumentRecord {
        let propertiesText: String = row[16]
        let properties = (try? NXJSON.parse(Array(propertiesText.utf8)))?.objectValue ?? JSONObject()
        return DocumentRecord(
            id: row[0], parentId: row[1], name: row[2], path: row[3], type: row[4], position: row[5], state: row[6],
            isVersion: row[7], isProxy: row[8], isTrashed: row[9], isCheckedOut: row[10], versionLabel: row[11],
            versionableId: row[17], isLatestVersion: row[18], isLatestMajorVersion: row[19], lockOwner: row[20], lockCreated: row[21], readACL: row[22],
            sysChangeToken: row[12], changeToken: row[13], created: row[14], modified: row[15], properties: properties,
            proxyTargetId: row[23], proxyVersionableId: row[24], instanceFacets: instanceFacets(row[25]))
    }
}

extension JSONValue: JSONWritable {
    /// Writes the value.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}
