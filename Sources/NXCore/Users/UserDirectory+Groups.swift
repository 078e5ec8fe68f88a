import NXRuntime

extension UserDirectory {
    static func group(_ row: SQLRow, _ db: any SQLConnection) throws -> GroupRecord {
        let name: String = row["name"]
        return GroupRecord(
            name: name, label: row["label"], description: row["description"], tenantId: row["tenant_id"],
            memberUsers: try db.values(String.self, "SELECT user_name FROM user_groups WHERE group_name = ? ORDER BY user_name", [name]),
            memberGroups: try db.values(String.self, "SELECT child_name FROM group_groups WHERE parent_name = ? ORDER BY child_name", [name]),
            parentGroups: try db.values(String.self, "SELECT parent_name FROM group_groups WHERE child_name = ? ORDER BY parent_name", [name]))
    }

    /// The group named `name`, or nil.
    public func group(_ name: String) async throws -> GroupRecord? {
        try await pool.read { db in
            try db.one("SELECT name, label, description, tenant_id FROM groups WHERE name = ?", [name])
                .map { try Self.group($0, db) }
        }
    }

    /// `name` and every group it is a subgroup of, transitively.
    public func groupAndAncestors(_ names: [String]) async throws -> Set<String> {
        try await pool.read { db in try Self.ancestors(of: names, db) }
    }

    static func ancestors(of names: [String], _ db: any SQLConnection) throws -> Set<String> {
        var result = Set(names)
        var frontier = names
        while let next = frontier.popLast() {
            for parent in try db.values(String.self, "SELECT parent_name FROM group_groups WHERE child_name = ?", [next])
            where result.insert(parent).inserted {
                frontier.append(parent)
            }
        }
        return result
    }

    /// Creates a group with its members and parents (stored as given); 409 when it exists.
    public func createGroup(_ group: GroupRecord) async throws -> GroupRecord {
        try await write { db in
            if try db.value(Bool.self, "SELECT 1 FROM groups WHERE name = ?", [group.name]) == true {
                throw NXError.conflict("Group already exists")
            }
            try db.execute("INSERT INTO groups (name, label, description, tenant_id) VALUES (?, ?, ?, ?)",
                           [group.name, group.label, group.description, group.tenantId])
            try Self.setMembers(group, db)
        }
        return try await self.group(group.name) ?? group
    }

    /// Replaces a group's properties, members and parents; 404 when it does not exist.
    public func updateGroup(_ group: GroupRecord) async throws -> GroupRecord {
        try await write { db in
            let changed = try db.execute("UPDATE groups SET label = ?, description = ?, tenant_id = ? WHERE name = ?",
                           [group.label, group.description, group.tenantId, group.name])
            guard changed > 0 else { throw NXError.notFound("group does not exist") }
            try Self.setMembers(group, db)
        }
        return try await self.group(group.name) ?? group
    }

    /// Deletes a group with its members and its links to subgroups and parent groups; 404 when it does not exist.
    public func deleteGroup(_ name: String) async throws {
        try await write { db in
            let changed = try db.execute("DELETE FROM groups WHERE name = ?", [name])
            guard changed > 0 else { throw NXError.notFound("group does not exist") }
            try db.execute("DELETE FROM group_groups WHERE parent_name = ? OR child_name = ?", [name, name])
        }
    }

    /// Groups whose name or label starts with `query` (case-insensitive; nil, empty or `*` = all), optionally only the
    /// subgroups of `parent`, sorted by name.
    public func searchGroups(_ query: String?, subgroupsOf parent: String? = nil, request: PageRequest) async throws -> Page<GroupRecord> {
        let pagination = Pagination(request, defaultPageSize: 50)
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let pattern = Self.prefixPattern(query) {
            conditions.append("(nx_lower(name) LIKE ? ESCAPE '\\' OR nx_lower(label) LIKE ? ESCAPE '\\')")
            arguments += [pattern, pattern]
        }
        if let parent {
            conditions.append("name IN (SELECT child_name FROM group_groups WHERE parent_name = ?)")
            arguments.append(parent)
        }
        return try await searchPage(table: "groups", columns: "name, label, description, tenant_id", conditions: conditions,
                                    arguments, pagination: pagination, map: Self.group)
    }

    /// Stores a group's member users, subgroups and parent groups as given: like Nuxeo's group directory references,
    /// names that are not (yet) users or groups are kept (only user creation checks its groups).
    static func setMembers(_ group: GroupRecord, _ db: any SQLConnection) throws {
        // Only what changed is removed or added, so untouched memberships keep their place in users' group lists.
        try db.execute("DELETE FROM user_groups WHERE group_name = ?" + Self.notIn("user_name", group.memberUsers), [group.name] + group.memberUsers)
        try db.execute("DELETE FROM group_groups WHERE parent_name = ?" + Self.notIn("child_name", group.memberGroups), [group.name] + group.memberGroups)
        try db.execute("DELETE FROM group_groups WHERE child_name = ?" + Self.notIn("parent_name", group.parentGroups), [group.name] + group.parentGroups)
        for user in group.memberUsers {
            try db.execute("INSERT INTO user_groups (user_name, group_name) VALUES (?, ?) ON CONFLICT DO NOTHING", [user, group.name])
        }
        for child in group.memberGroups {
            try db.execute("INSERT INTO group_groups (parent_name, child_name) VALUES (?, ?) ON CONFLICT DO NOTHING", [group.name, child])
        }
        for parent in group.parentGroups {
            try db.execute("INSERT INTO group_groups (parent_name, child_name) VALUES (?, ?) ON CONFLICT DO NOTHING", [parent, group.name])
        }
    }

    /// ` AND column NOT IN (?, …)` for the names to keep; nothing when none is kept (every row goes).
    static func notIn(_ column: String, _ names: [String]) -> String {
        names.isEmpty ? "" : " AND \(column) NOT IN (\(placeholders(names.count)))"
    }
}
