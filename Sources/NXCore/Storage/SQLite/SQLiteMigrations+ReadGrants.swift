import GRDB

extension SQLiteMigrations {
    /// `v21-read-acl-grants`: which read ACLs each set of ACE names passes, precomputed, so a query by a non-administrator
    /// filters with `read_acl_id IN (SELECT acl_id FROM read_acl_grants WHERE principal_set = ?)`, a statement whose
    /// size does not depend on how many read ACLs the repository holds. `read_acls.timed` marks the ACLs with a time
    /// window: they are decided per request, never precomputed.
    static func registerReadGrants(_ m: inout DatabaseMigrator) {
        m.registerMigration("v21-read-acl-grants") { db in
            try db.execute(sql: """
                CREATE TABLE read_acl_sets (id INTEGER PRIMARY KEY, names TEXT NOT NULL UNIQUE);
                CREATE TABLE read_acl_grants (
                    principal_set INTEGER NOT NULL,
                    acl_id INTEGER NOT NULL,
                    PRIMARY KEY (principal_set, acl_id)
                ) WITHOUT ROWID;
                ALTER TABLE read_acls ADD COLUMN timed INTEGER NOT NULL DEFAULT 0;
                UPDATE read_acls SET timed = 1 WHERE acl LIKE '%@%';
                CREATE INDEX read_acls_timed ON read_acls(timed) WHERE timed = 1;
                """)
        }
    }
}
