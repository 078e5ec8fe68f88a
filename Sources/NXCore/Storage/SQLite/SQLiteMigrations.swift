import Foundation
import GRDB
import NXRuntime

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
        registerBlobs(&migrator)
        registerProxies(&migrator)
        registerInstanceFacets(&migrator)
        registerChildPositions(&migrator)
        registerWorkflows(&migrator)
        registerBulk(&migrator)
        registerReadGrants(&migrator)
        registerPropertyIndexesWithReadACL(&migrator)
        return migrator
    }

    /// Properties with an expression index (v4; dc:issued in v5).
    static let indexedProperties = ["dc:title", "dc:created", "dc:modified", "dc:creator", "dc:source", "dc:nature", "dc:coverage"]
}
