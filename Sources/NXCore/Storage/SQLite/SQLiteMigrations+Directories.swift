import GRDB

extension SQLiteMigrations {
    /// `v9-directories`: directory (vocabulary) entries, keyed by directory and id. `parent` and `ordering` are copied out of
    /// the JSON properties for the child-entry check and the listing order.
    static func registerDirectories(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-directories") { db in
            try db.execute(sql: """
                CREATE TABLE directory_entries (
                    directory TEXT NOT NULL,
                    id TEXT NOT NULL,
                    parent TEXT,
                    ordering INTEGER,
                    properties TEXT NOT NULL DEFAULT '{}',
                    PRIMARY KEY (directory, id)
                ) WITHOUT ROWID;
                CREATE INDEX directory_entries_order ON directory_entries(directory, ordering, id);
                CREATE INDEX directory_entries_parent ON directory_entries(parent, directory) WHERE parent IS NOT NULL;
                """)
        }
    }
}
