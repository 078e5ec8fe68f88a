import NXRuntime

/// The precomputed read grants: sets of ACE names (`read_acl_sets`) and the untimed read ACLs each passes
/// (`read_acl_grants`); the ACLs with a time window (`read_acls.timed`).
extension SQLSession {
    func principalSet(names: String) throws -> Int64? {
        try db.value(Int64.self, "SELECT id FROM read_acl_sets WHERE names = ?", [names])
    }

    func principalSets() throws -> [(id: Int64, names: String)] {
        try db.all("SELECT id, names FROM read_acl_sets ORDER BY id").map { ($0[0], $0[1]) }
    }

    func insertPrincipalSet(names: String) throws -> Int64 {
        try db.value(Int64.self, "INSERT INTO read_acl_sets (names) VALUES (?) RETURNING id", [names]) ?? 0
    }

    func insertReadGrants(principalSet: Int64, aclIds: [Int64]) throws {
        for chunk in stride(from: 0, to: aclIds.count, by: 400) {
            let ids = aclIds[chunk..<min(aclIds.count, chunk + 400)]
            let values = ids.map { _ in "(?, ?)" }.joined(separator: ", ")
            try db.execute("INSERT INTO read_acl_grants (principal_set, acl_id) VALUES \(values) ON CONFLICT DO NOTHING",
                           ids.flatMap { [principalSet as any SQLBindable, $0 as any SQLBindable] })
        }
    }

    func readACLs(timed: Bool) throws -> [(id: Int64, acl: String)] {
        try db.all("SELECT id, acl FROM read_acls WHERE timed = ? ORDER BY id", [timed ? 1 : 0]).map { ($0[0], $0[1]) }
    }
}
