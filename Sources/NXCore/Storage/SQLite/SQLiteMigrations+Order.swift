import GRDB

extension SQLiteMigrations {
    /// `v15-child-positions`: the positions of the children of orderable folders (`pos`, set from now on), indexed per
    /// parent so the next position of a new child is one index lookup (`MAX(pos)`). Children stored before have no position
    /// and list after the positioned ones until the folder is reordered.
    static func registerChildPositions(_ m: inout DatabaseMigrator) {
        m.registerMigration("v15-child-positions") { db in
            try db.execute(sql: "CREATE INDEX documents_parent_pos ON documents(parent_id, pos) WHERE pos IS NOT NULL")
        }
    }
}
