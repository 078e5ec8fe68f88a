import NXRuntime

extension UserDirectory {
    static let userColumns = "name, first_name, last_name, company, email, tenant_id"

    /// A user row with its direct groups (in the order given) and all its groups.
    static func user(_ row: SQLRow, _ db: any SQLConnection) throws -> UserRecord {
        let name: String = row["name"]
        let direct = try db.values(String.self, "SELECT group_name FROM user_groups WHERE user_name = ? ORDER BY rowid", [name])
        let ancestors = try db.values(String.self, """
            WITH RECURSIVE g(name) AS (
                SELECT group_name FROM user_groups WHERE user_name = ?
                UNION SELECT gg.parent_name FROM group_groups gg JOIN g ON gg.child_name = g.name)
            SELECT name FROM g ORDER BY name
            """, [name])
        let inherited = ancestors.filter { !direct.contains($0) }
        return UserRecord(name: name, firstName: row["first_name"], lastName: row["last_name"], company: row["company"], email: row["email"],
                          tenantId: row["tenant_id"], groups: direct, allGroups: direct + inherited)
    }

    /// The user named `name`, or nil.
    public func user(_ name: String) async throws -> UserRecord? {
        try await pool.read { db in
            try db.one("SELECT \(Self.userColumns) FROM users WHERE name = ?", [name]).map { try Self.user($0, db) }
        }
    }

    /// Creates a user with `password` (nil or empty: a user nobody can log in as, as Nuxeo stores a user created
    /// without one); 409 when it exists, 403 when one of its groups does not exist. Groups that already list the
    /// name as a member (stored before the user existed) keep it.
    public func createUser(_ user: UserRecord, password: String?) async throws -> UserRecord {
        let hash = password.flatMap { $0.isEmpty ? nil : self.hash($0) } ?? Self.noPassword
        try await write { db in
            if try db.value(Bool.self, "SELECT 1 FROM users WHERE name = ?", [user.name]) == true {
                throw NXError.conflict("User already exists")
            }
            try Self.checkGroupsExist(user.groups, db)
            try db.execute("""
                INSERT INTO users (name, password_hash, first_name, last_name, company, email, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [user.name, hash, user.firstName, user.lastName, user.company, user.email, user.tenantId])
            try Self.addGroups(of: user.name, user.groups, db)
        }
        return try await self.user(user.name) ?? user
    }

    /// Replaces a user's properties and direct groups; a nil `password` keeps the old one. 404 when it does not exist.
    public func updateUser(_ user: UserRecord, password: String?) async throws -> UserRecord {
        let hash = password.map(self.hash)
        try await write { db in
            guard try db.value(Bool.self, "SELECT 1 FROM users WHERE name = ?", [user.name]) == true else {
                throw NXError.notFound("user does not exist")
            }
            try Self.checkGroupsExist(user.groups, db)
            try db.execute("""
                UPDATE users SET first_name = ?, last_name = ?, company = ?, email = ?, tenant_id = ?,
                password_hash = COALESCE(?, password_hash) WHERE name = ?
                """, [user.firstName, user.lastName, user.company, user.email, user.tenantId, hash, user.name])
            try Self.setGroups(of: user.name, user.groups, db)
        }
        return try await self.user(user.name) ?? user
    }

    /// Sets a user's password.
    public func setPassword(name: String, password: String) async throws {
        let hash = self.hash(password)
        try await write { db in
            let changed = try db.execute("UPDATE users SET password_hash = ? WHERE name = ?", [hash, name])
            guard changed > 0 else { throw NXError.notFound("user does not exist") }
        }
    }

    /// Deletes a user with its memberships and tokens; 404 when it does not exist.
    public func deleteUser(_ name: String) async throws {
        try await write { db in
            let changed = try db.execute("DELETE FROM users WHERE name = ?", [name])
            guard changed > 0 else { throw NXError.notFound("user does not exist") }
            try db.execute("DELETE FROM user_groups WHERE user_name = ?", [name])
        }
    }

    /// Adds `user` to `group` (no-op when already a member).
    public func addUser(_ user: String, toGroup group: String) async throws {
        try await write { db in
            try db.execute("INSERT INTO user_groups (user_name, group_name) VALUES (?, ?) ON CONFLICT DO NOTHING", [user, group])
        }
    }

    /// Removes `user` from `group` (no-op when not a member).
    public func removeUser(_ user: String, fromGroup group: String) async throws {
        try await write { db in
            try db.execute("DELETE FROM user_groups WHERE user_name = ? AND group_name = ?", [user, group])
        }
    }

    /// Users whose name, first name, last name or email starts with `query` (case-insensitive; nil, empty or `*` = all),
    /// optionally only the direct members of `group`, sorted by name.
    public func searchUsers(_ query: String?, inGroup group: String? = nil, request: PageRequest) async throws -> Page<UserRecord> {
        let pagination = Pagination(request, defaultPageSize: 50)
        let pattern = Self.prefixPattern(query)
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let pattern {
            conditions.append("""
                (nx_lower(name) LIKE ? ESCAPE '\\' OR nx_lower(first_name) LIKE ? ESCAPE '\\' OR nx_lower(last_name) LIKE ? ESCAPE '\\' \
                OR nx_lower(email) LIKE ? ESCAPE '\\')
                """)
            arguments += [pattern, pattern, pattern, pattern]
        }
        if let group {
            conditions.append("name IN (SELECT user_name FROM user_groups WHERE group_name = ?)")
            arguments.append(group)
        }
        return try await searchPage(table: "users", columns: Self.userColumns, conditions: conditions, arguments,
                                    pagination: pagination, map: Self.user)
    }

    /// A page of the rows of `table` meeting every condition, by name, with the total count; rows mapped by `map`.
    func searchPage<T: Sendable>(table: String, columns: String, conditions: [String], _ arguments: [any SQLBindable],
                                 pagination: Pagination, map: @escaping @Sendable (SQLRow, any SQLConnection) throws -> T) async throws -> Page<T> {
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let filter = (arguments)
        let (entries, total) = try await pool.read { db in
            let total = try db.value(Int.self, "SELECT COUNT(*) FROM \(table)" + whereClause, filter) ?? 0
            let rows = try db.all("SELECT \(columns) FROM \(table)\(whereClause) ORDER BY name LIMIT ? OFFSET ?",
                                        filter + [pagination.limit, pagination.offset])
            return (try rows.map { try map($0, db) }, total)
        }
        return pagination.page(entries, counted: total)
    }

    /// `LIKE` pattern for a prefix search: lower-cased, `%`/`_`/`\` escaped, a trailing `*` dropped; nil = everything.
    static func prefixPattern(_ query: String?) -> String? {
        guard var q = query?.trimmingWhitespace, !q.isEmpty, q != "*" else { return nil }
        while q.hasSuffix("*") { q.removeLast() }
        var escaped = ""
        for c in q.lowercased() {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return escaped + "%"
    }

    static func checkGroupsExist(_ groups: [String], _ db: any SQLConnection) throws {
        for group in groups where try db.value(Bool.self, "SELECT 1 FROM groups WHERE name = ?", [group]) != true {
            throw NXError.forbidden("group does not exist: \(group)")
        }
    }

    static func setGroups(of user: String, _ groups: [String], _ db: any SQLConnection) throws {
        try db.execute("DELETE FROM user_groups WHERE user_name = ?", [user])
        try addGroups(of: user, groups, db)
    }

    /// Adds memberships, keeping those already stored.
    static func addGroups(of user: String, _ groups: [String], _ db: any SQLConnection) throws {
        for group in groups {
            try db.execute("INSERT INTO user_groups (user_name, group_name) VALUES (?, ?) ON CONFLICT DO NOTHING", [user, group])
        }
    }
}
