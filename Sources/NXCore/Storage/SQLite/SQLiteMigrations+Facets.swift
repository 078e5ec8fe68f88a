import GRDB

extension SQLiteMigrations {
    /// `v14-instance-facets`: the facets added to one document beyond its type's (Nuxeo's instance facets, `ecm:mixinType`),
    /// a JSON array of names, NULL when there are none. NXQL reads the array with `json_each`.
    static func registerInstanceFacets(_ m: inout DatabaseMigrator) {
        m.registerMigration("v14-instance-facets") { db in
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN mixin_types TEXT")
        }
    }
}
