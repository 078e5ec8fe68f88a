import Foundation
import GRDB
import NXRuntime

/// The embedded store: SQLite through a GRDB `DatabasePool` in WAL mode.
public final class SQLiteStore: DocumentStore {
    let pool: DatabasePool
    /// The pool behind the async-semaphore gate: every asynchronous access goes through it (see `GatedPool`).
    public let gated: GatedPool

    /// When a commit reaches the disk (`PRAGMA synchronous`).
    public enum Durability: String, Sendable, CaseIterable {
        /// Every commit syncs the WAL: acknowledged writes survive a power loss (the default).
        case full = "FULL"
        /// The WAL is synced at checkpoints: survives a killed process, may lose the last commits on power loss.
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String, durability: Durability = .full) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Durable commits: FULL syncs the WAL at every commit, so an acknowledged write survives a power loss,
            // not only a killed process (NORMAL may lose the last commits). The cost is measured by `make bench`.
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)")
            // Checkpoint every ~40 MB of WAL rather than 4 MB: fewer random write-backs into a large store.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            // NXQL LIKE is case-sensitive; ILIKE lower-cases both sides.
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            db.add(function: SQLiteStore.lowerFunction)
        }
        // Asynchronous reads take at most `asyncReaders` connections (the gate); synchronous point reads (`readNow`), at
        // most one per thread of the cooperative pool, always find one of the others free.
        let asyncReaders = 6
        configuration.maximumReaderCount = asyncReaders + ProcessInfo.processInfo.activeProcessorCount + 1
        pool = try DatabasePool(path: path, configuration: configuration)
        gated = GatedPool(pool, readers: asyncReaders)
        try SQLiteMigrations.migrator.migrate(pool)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T {
        try await gated.read { db in try body(SQLiteSession(db: db)) }
    }

    public func readNow<T>(_ body: (any DocumentReading) throws -> T) throws -> T {
        // A point lookup is a single statement, atomic by itself: no BEGIN/COMMIT around it.
        try DatabaseErrorMapping.mapping { try pool.unsafeRead { db in try body(SQLiteSession(db: db)) } }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any DocumentWriting) throws -> T) async throws -> T {
        try await gated.write { db in try body(SQLiteSession(db: db)) }
    }
}

extension SQLiteStore {
    /// `nx_lower(text)`: Unicode lower-casing for ILIKE.
    static let lowerFunction = DatabaseFunction("nx_lower", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return values[0] }
        return text.lowercased()
    }
}

/// Named, ordered schema migrations.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-documents") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    parent_id TEXT,
                    name TEXT NOT NULL,
                    path TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    pos INTEGER,
                    state TEXT,
                    is_version INTEGER NOT NULL DEFAULT 0,
                    is_proxy INTEGER NOT NULL DEFAULT 0,
                    is_trashed INTEGER NOT NULL DEFAULT 0,
                    is_checked_out INTEGER NOT NULL DEFAULT 1,
                    version_label TEXT,
                    sys_change INTEGER NOT NULL DEFAULT 0,
                    user_change INTEGER NOT NULL DEFAULT 0,
                    created INTEGER NOT NULL,
                    modified INTEGER NOT NULL,
                    properties TEXT NOT NULL DEFAULT '{}'
                );
                CREATE UNIQUE INDEX documents_parent_name ON documents(parent_id, name);
                CREATE INDEX documents_type ON documents(type);
                """)
        }
        migrator.registerMigration("v2-users") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    name TEXT PRIMARY KEY,
                    password_hash TEXT NOT NULL,
                    groups TEXT NOT NULL DEFAULT ''
                );
                """)
        }
        migrator.registerMigration("v3-fulltext") { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE fulltext USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2')")
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, properties FROM documents")
            for row in rows {
                let properties = (try? NXJSON.parse(Array((row[1] as String).utf8)))?.objectValue ?? JSONObject()
                let (title, text) = FulltextText.extract(properties)
                try db.execute(sql: "INSERT INTO fulltext(rowid, title, text) VALUES (?, ?, ?)", arguments: [row[0] as Int64, title, text])
            }
        }
        migrator.registerMigration("v4-property-indexes") { db in
            // Expression indexes on hot Dublin Core properties; the NXQL compiler emits the identical expression.
            for key in SQLiteMigrations.indexedProperties {
                let name = "documents_" + key.replacingOccurrences(of: ":", with: "_")
                try db.execute(sql: "CREATE INDEX \(name) ON documents(json_extract(properties, '\(JSONPath.property(key))'))")
            }
        }
        migrator.registerMigration("v5-issued-index") { db in
            try db.execute(sql: "CREATE INDEX documents_dc_issued ON documents(json_extract(properties, '\(JSONPath.property("dc:issued"))'))")
        }
        migrator.registerMigration("v6-versions-locks-audit") { db in
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN versionable_id TEXT;
                ALTER TABLE documents ADD COLUMN is_latest_version INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE documents ADD COLUMN is_latest_major INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE documents ADD COLUMN lock_owner TEXT;
                ALTER TABLE documents ADD COLUMN lock_created INTEGER;
                CREATE INDEX documents_versionable ON documents(versionable_id) WHERE versionable_id IS NOT NULL;
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL,
                    category TEXT,
                    principal TEXT,
                    comment TEXT,
                    doc_lifecycle TEXT,
                    doc_path TEXT,
                    doc_type TEXT,
                    doc_uuid TEXT,
                    repository TEXT,
                    event_date INTEGER NOT NULL,
                    log_date INTEGER NOT NULL,
                    extended TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX audit_log_doc ON audit_log(doc_uuid, event_date);
                """)
        }
        registerUsers(&migrator)
        registerDirectories(&migrator)
        migrator.registerMigration("v10-acls") { db in
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN read_acl_id INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX documents_read_acl ON documents(read_acl_id);
                CREATE TABLE acls (
                    doc_id TEXT NOT NULL,
                    acl_name TEXT NOT NULL,
                    pos INTEGER NOT NULL,
                    username TEXT NOT NULL,
                    permission TEXT NOT NULL,
                    granted INTEGER NOT NULL,
                    creator TEXT,
                    begin_ms INTEGER,
                    end_ms INTEGER
                );
                CREATE INDEX acls_doc ON acls(doc_id, pos);
                CREATE TABLE read_acls (id INTEGER PRIMARY KEY, acl TEXT NOT NULL UNIQUE);
                """)
        }
        return migrator
    }

    /// Properties with an expression index (v4; dc:issued in v5).
    static let indexedProperties = ["dc:title", "dc:created", "dc:modified", "dc:creator", "dc:source", "dc:nature", "dc:coverage"]
}

/// One transaction's view of the SQLite store; statements are prepared once and cached per connection.
struct SQLiteSession: DocumentWriting {
    let db: Database

    static let columns = """
        id, parent_id, name, path, type, pos, state, is_version, is_proxy, is_trashed, is_checked_out, version_label, sys_change, \
        user_change, created, modified, properties, versionable_id, is_latest_version, is_latest_major, lock_owner, lock_created, \
        read_acl_id
        """

    /// The columns to select: a version shows the path of its live document (its own `path` column holds `version:<id>`).
    static let selectColumns = columns.replacingOccurrences(
        of: " path,", with: " CASE WHEN is_version = 1 THEN (SELECT l.path FROM documents l WHERE l.id = documents.versionable_id) ELSE path END,")

    func document(id: String) throws -> DocumentRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.selectColumns) FROM documents WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(Self.record)
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
            INSERT INTO documents (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: Self.arguments(d))
        try index(d, rowid: db.lastInsertedRowID, isNew: true)
    }

    /// Keeps the fulltext index in step with a document (same transaction).
    func index(_ d: DocumentRecord, rowid: Int64, isNew: Bool = false) throws {
        let (title, text) = FulltextText.extract(d.properties)
        if !isNew { try db.cachedStatement(sql: "DELETE FROM fulltext WHERE rowid = ?").execute(arguments: [rowid]) }
        try db.cachedStatement(sql: "INSERT INTO fulltext(rowid, title, text) VALUES (?, ?, ?)").execute(arguments: [rowid, title, text])
    }

    func update(_ d: DocumentRecord) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE documents SET parent_id = ?, name = ?, path = CASE WHEN is_version = 1 THEN path ELSE ? END, type = ?, pos = ?, state = ?, is_version = ?, is_proxy = ?,
            is_trashed = ?, is_checked_out = ?, version_label = ?, sys_change = ?, user_change = ?, created = ?, modified = ?,
            properties = ?, versionable_id = ?, is_latest_version = ?, is_latest_major = ?, lock_owner = ?, lock_created = ?, read_acl_id = ? WHERE id = ?
            """)
        let values = Array(Self.argumentValues(d).dropFirst()) + [d.id as (any DatabaseValueConvertible)?]
        try statement.execute(arguments: StatementArguments(values))
        if let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM documents WHERE id = ?"), arguments: [d.id]) {
            try index(d, rowid: rowid)
        }
    }

    func deleteSubtree(id: String, path: String) throws -> Int {
        let prefix = path == "/" ? "/" : path + "/"
        // Descendants are the paths in [prefix, prefix with its last character incremented): an index range scan.
        let upper = String(prefix.dropLast()) + "0"
        let subtree = "(path >= ? AND path < ?) OR id = ?"
        // Versions of removed live documents go with them (Nuxeo's orphan version removal).
        let versions = "versionable_id IN (SELECT id FROM documents WHERE \(subtree))"
        try db.execute(sql: "DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(versions))", arguments: [prefix, upper, id])
        try db.execute(sql: "DELETE FROM documents WHERE \(versions)", arguments: [prefix, upper, id])
        try db.execute(sql: "DELETE FROM fulltext WHERE rowid IN (SELECT rowid FROM documents WHERE \(subtree))", arguments: [prefix, upper, id])
        try db.execute(sql: "DELETE FROM documents WHERE \(subtree)", arguments: [prefix, upper, id])
        return db.changesCount
    }

    static func argumentValues(_ d: DocumentRecord) -> [(any DatabaseValueConvertible)?] {
        [d.id, d.parentId, d.name, d.path, d.type, d.position, d.state, d.isVersion, d.isProxy, d.isTrashed, d.isCheckedOut,
         d.versionLabel, d.sysChangeToken, d.changeToken, d.created, d.modified, String(decoding: JSONValue.object(d.properties).jsonBytes(), as: UTF8.self),
         d.versionableId, d.isLatestVersion, d.isLatestMajorVersion, d.lockOwner, d.lockCreated, d.readACL]
    }

    static func arguments(_ d: DocumentRecord) -> StatementArguments { StatementArguments(argumentValues(d)) }

    static func record(_ row: Row) -> DocumentRecord {
        let propertiesText: String = row[16]
        let properties = (try? NXJSON.parse(Array(propertiesText.utf8)))?.objectValue ?? JSONObject()
        return DocumentRecord(
            id: row[0], parentId: row[1], name: row[2], path: row[3], type: row[4], position: row[5], state: row[6],
            isVersion: row[7], isProxy: row[8], isTrashed: row[9], isCheckedOut: row[10], versionLabel: row[11],
            versionableId: row[17], isLatestVersion: row[18], isLatestMajorVersion: row[19], lockOwner: row[20], lockCreated: row[21], readACL: row[22],
            sysChangeToken: row[12], changeToken: row[13], created: row[14], modified: row[15], properties: properties)
    }
}

extension JSONValue: JSONWritable {
    /// Writes the value.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}
