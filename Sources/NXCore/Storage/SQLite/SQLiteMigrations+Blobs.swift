import Foundation
import GRDB
import NXRuntime

extension SQLiteMigrations {
    /// `v12-blobs`: which documents reference which binaries (`document_blobs`, kept by a trigger when documents go),
    /// the text extracted from binaries (`blob_text`, per digest), the durable work queue (`work_queue`), batch
    /// uploads (`upload_batches`, `upload_files`, `upload_chunks`), idempotent requests, and a fulltext index with a
    /// third column for binary text.
    static func registerBlobs(_ m: inout DatabaseMigrator) {
        m.registerMigration("v12-blobs") { db in
            try db.execute(sql: """
                CREATE TABLE document_blobs (doc_rowid INTEGER NOT NULL, digest TEXT NOT NULL);
                CREATE INDEX document_blobs_doc ON document_blobs(doc_rowid);
                CREATE INDEX document_blobs_digest ON document_blobs(digest);
                CREATE TRIGGER documents_blobs_cleanup AFTER DELETE ON documents
                    BEGIN DELETE FROM document_blobs WHERE doc_rowid = old.rowid; END;
                CREATE TABLE blob_text (digest TEXT PRIMARY KEY, text TEXT NOT NULL);
                CREATE TABLE work_queue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    payload TEXT NOT NULL DEFAULT '',
                    created INTEGER NOT NULL,
                    claimed INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (kind, key)
                );
                CREATE TABLE upload_batches (id TEXT PRIMARY KEY, handler TEXT NOT NULL, created INTEGER NOT NULL, touched INTEGER NOT NULL);
                CREATE TABLE upload_files (
                    batch_id TEXT NOT NULL,
                    idx TEXT NOT NULL,
                    chunked INTEGER NOT NULL,
                    name TEXT,
                    mime TEXT,
                    size INTEGER,
                    chunk_count INTEGER,
                    digest TEXT,
                    length INTEGER,
                    PRIMARY KEY (batch_id, idx)
                );
                CREATE TABLE upload_chunks (
                    batch_id TEXT NOT NULL,
                    idx TEXT NOT NULL,
                    chunk INTEGER NOT NULL,
                    digest TEXT NOT NULL,
                    length INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, idx, chunk)
                );
                CREATE TABLE idempotent_requests (
                    key TEXT PRIMARY KEY,
                    in_progress INTEGER NOT NULL,
                    status INTEGER,
                    headers TEXT,
                    body BLOB,
                    expires INTEGER NOT NULL
                );
                DROP TABLE fulltext;
                CREATE VIRTUAL TABLE fulltext USING fts5(title, text, binary, tokenize = 'unicode61 remove_diacritics 2');
                """)
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, properties FROM documents")
            while let row = try rows.next() {
                let properties = (try? NXJSON.parse(Array((row[1] as String).utf8)))?.objectValue ?? JSONObject()
                let (title, text) = FulltextText.extract(properties)
                try db.execute(sql: "INSERT INTO fulltext(rowid, title, text, binary) VALUES (?, ?, ?, '')", arguments: [row[0] as Int64, title, text])
            }
        }
    }
}
