import GRDB

extension SQLiteMigrations {
    /// `v13-proxies`: what a proxy shows (`proxy_target_id`: a version, or a live document for a live proxy) and the
    /// version series of that target (`proxy_versionable_id`, the live document's id), each indexed for the proxies of
    /// a document (`ecm:proxyTargetId`, `ecm:proxyVersionableId`, republishing, unpublishing).
    static func registerProxies(_ m: inout DatabaseMigrator) {
        m.registerMigration("v13-proxies") { db in
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN proxy_target_id TEXT;
                ALTER TABLE documents ADD COLUMN proxy_versionable_id TEXT;
                CREATE INDEX documents_proxy_target ON documents(proxy_target_id) WHERE proxy_target_id IS NOT NULL;
                CREATE INDEX documents_proxy_versionable ON documents(proxy_versionable_id, parent_id) WHERE proxy_versionable_id IS NOT NULL;
                """)
        }
    }
}
