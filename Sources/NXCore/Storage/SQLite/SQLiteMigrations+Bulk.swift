import GRDB

extension SQLiteMigrations {
    /// `v17-bulk`: bulk commands (one row each: the indexed state plus counters, times and JSON parameters and result),
    /// the documents a command's scroll selected (numbered, so processing resumes after the last committed number), and
    /// the lines an action writes (csvExport rows, committed with the progress that produced them). A command's result
    /// file (`result_blob`, a digest in the binary store) is referenced, so the binary GC keeps it.
    static func registerBulk(_ m: inout DatabaseMigrator) {
        m.registerMigration("v17-bulk") { db in
            try db.execute(sql: """
                CREATE TABLE bulk_commands (
                    id TEXT PRIMARY KEY,
                    action TEXT NOT NULL,
                    username TEXT NOT NULL,
                    repository TEXT NOT NULL,
                    query TEXT,
                    params TEXT NOT NULL,
                    batch_size INTEGER NOT NULL,
                    query_limit INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    processed INTEGER NOT NULL,
                    skip_count INTEGER NOT NULL,
                    error_count INTEGER NOT NULL,
                    error_message TEXT,
                    total INTEGER NOT NULL,
                    submitted INTEGER NOT NULL,
                    scroll_start INTEGER,
                    scroll_end INTEGER,
                    processing_start INTEGER,
                    processing_end INTEGER,
                    completed INTEGER,
                    result TEXT NOT NULL,
                    cursor INTEGER NOT NULL,
                    in_flight TEXT,
                    result_blob TEXT
                );
                CREATE INDEX bulk_commands_state ON bulk_commands(state, submitted);
                CREATE TABLE bulk_items (
                    command_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    document_id TEXT NOT NULL,
                    PRIMARY KEY (command_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE bulk_output (
                    command_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    line TEXT NOT NULL,
                    PRIMARY KEY (command_id, seq)
                ) WITHOUT ROWID;
                """)
        }
        // `v18-work-failures`: the work queue keeps what failed too many times (`failed`, with its `error`) instead of
        // retrying it forever, and a retried item waits for its backoff (`next_attempt`, ms).
        m.registerMigration("v18-work-failures") { db in
            try db.execute(sql: """
                ALTER TABLE work_queue ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE work_queue ADD COLUMN error TEXT;
                ALTER TABLE work_queue ADD COLUMN next_attempt INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX work_queue_ready ON work_queue(kind, failed, next_attempt, id);
                """)
        }
        // `v19-derived-work`: which source binary a document's derived data (picture views) was last computed from, so a
        // write that keeps the same file queues no work again.
        m.registerMigration("v19-derived-work") { db in
            try db.execute(sql: "CREATE TABLE derived_work (kind TEXT NOT NULL, doc_id TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (kind, doc_id))")
        }
        // `v20-bulk-leases`: which node steps a command (nodes sharing a database): all but transactional batches run on
        // the holder of an unexpired lease.
        m.registerMigration("v20-bulk-leases") { db in
            try db.execute(sql: "CREATE TABLE bulk_leases (command_id TEXT PRIMARY KEY, node TEXT NOT NULL, until INTEGER NOT NULL)")
        }
    }
}
