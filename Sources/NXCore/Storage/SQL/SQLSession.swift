import Foundation
import NXRuntime

/// One transaction's view of a store, on any backend: the storage logic is written once, over `SQLConnection`.
struct SQLSession: DocumentWriting {
    let db: any SQLConnection

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
        try db.one("SELECT \(Self.selectColumns) FROM documents WHERE id = ?", [id]).map(Self.record)
    }

    func documentExists(id: String) throws -> Bool {
        try db.exists("SELECT 1 FROM documents WHERE id = ?", [id])
    }

    func document(path: String) throws -> DocumentRecord? {
        try db.one("SELECT \(Self.selectColumns) FROM documents WHERE path = ?", [path]).map(Self.record)
    }

    func childExists(parentId: String, name: String) throws -> Bool {
        try db.exists("SELECT 1 FROM documents WHERE parent_id = ? AND name = ?", [parentId, name])
    }

    func insert(_ d: DocumentRecord) throws {
        let rowid = try db.value(Int64.self, """
            INSERT INTO documents (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING rowid
            """, Self.argumentValues(d))
        try index(d, rowid: rowid ?? 0, isNew: true)
    }

    /// Characters of extracted file text indexed for one document.
    static let maxBinaryText = 4 << 20

    /// Keeps the fulltext index and the document's binary references in step with a document (same transaction).
    /// A binary whose text is not extracted yet is queued for extraction (`work_queue`, kind `fulltext`).
    func index(_ d: DocumentRecord, rowid: Int64, isNew: Bool = false) throws {
        let (title, text) = FulltextText.extract(d.properties)
        let blobs = BlobValue.all(in: d.properties)
        if !isNew {
            try db.execute("DELETE FROM fulltext WHERE rowid = ?", [rowid])
            try db.execute("DELETE FROM document_blobs WHERE doc_rowid = ?", [rowid])
        }
        var binaryText = ""
        if !blobs.isEmpty {
            var digests = Set<String>()
            for (_, blob) in blobs where digests.insert(blob.digest).inserted {
                try db.execute("INSERT INTO document_blobs(doc_rowid, digest) VALUES (?, ?)", [rowid, blob.digest])
                try db.execute("""
                    INSERT INTO work_queue(kind, key, payload, created)
                    SELECT 'fulltext', ?, ?, CAST(? AS BIGINT) WHERE NOT EXISTS (SELECT 1 FROM blob_text WHERE digest = ?) ON CONFLICT DO NOTHING
                    """, [blob.digest, blob.mimeType ?? "", d.modified, blob.digest])
                // At most `maxBinaryText` bytes of file text a document (a document with many large files stays cheap to
                // re-index on every write).
                guard binaryText.utf8.count < Self.maxBinaryText else { continue }
                if let extracted = try db.value(String.self, "SELECT substr(text, 1, ?) FROM blob_text WHERE digest = ?",
                                                [Self.maxBinaryText - binaryText.utf8.count, blob.digest]),
                   !extracted.isEmpty {
                    binaryText += (binaryText.isEmpty ? "" : " ") + extracted
                }
            }
        }
        try db.execute(#"INSERT INTO fulltext(rowid, title, text, "binary") VALUES (?, ?, ?, ?)"#, [rowid, title, text, binaryText])
        // A live picture whose views were not computed from its current file gets them computed (`pictureViews` work).
        if (d.type == PictureViews.type || d.instanceFacets.contains(PictureViews.facet)) && !d.isVersion && !d.isProxy,
           let main = BlobValue(stored: d.properties["file:content"] ?? nil) {
            try db.execute("""
                INSERT INTO work_queue(kind, key, payload, created)
                SELECT ?, ?, ?, CAST(? AS BIGINT) WHERE NOT EXISTS (SELECT 1 FROM derived_work WHERE kind = ? AND doc_id = ? AND digest = ?) ON CONFLICT DO NOTHING
                """, [PictureViews.kind, d.id, main.digest, d.modified, PictureViews.kind, d.id, main.digest])
        }
    }

    func markDerivedWork(kind: String, documentId: String, digest: String) throws {
        try db.execute("""
            INSERT INTO derived_work(kind, doc_id, digest) VALUES (?, ?, ?) ON CONFLICT(kind, doc_id) DO UPDATE SET digest = excluded.digest
            """, [kind, documentId, digest])
    }

    func update(_ d: DocumentRecord) throws {
        try db.execute("""
            UPDATE documents SET parent_id = ?, name = ?, path = CASE WHEN is_version = 1 THEN path ELSE ? END, type = ?, pos = ?, state = ?, is_version = ?, is_proxy = ?,
            is_trashed = ?, is_checked_out = ?, version_label = ?, sys_change = ?, user_change = ?, created = ?, modified = ?,
            properties = ?, versionable_id = ?, is_latest_version = ?, is_latest_major = ?, lock_owner = ?, lock_created = ?, read_acl_id = ?,
            proxy_target_id = ?, proxy_versionable_id = ?, mixin_types = ? WHERE id = ?
            """, Array(Self.argumentValues(d).dropFirst()) + [d.id])
        if let rowid = try db.value(Int64.self, "SELECT rowid FROM documents WHERE id = ?", [d.id]) {
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
        let arguments: [any SQLBindable] = [prefix, upper, id, prefix, upper, id]
        try db.execute("DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(versions))", arguments)
        try db.execute("DELETE FROM documents WHERE \(versions)", arguments)
        try db.execute("DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(subtree))", [prefix, upper, id])
        return try db.execute("DELETE FROM documents WHERE \(subtree)", [prefix, upper, id])
    }

    static func argumentValues(_ d: DocumentRecord) -> [any SQLBindable] {
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

    static func record(_ row: SQLRow) -> DocumentRecord {
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

