import GRDB
import NXRuntime

extension UserDirectory {
    static func group(_ row: Row, _ db: Database) throws -> GroupRecord {
        let name: String = row["name"]
        return GroupRecord(
            name: name, label: row["label"], description: row["description"], tenantId: row["tenant_id"],
            memberUsers: try String.fetchAll(db, sql: "SELECT user_name FROM user_groups WHERE group_name = ? ORDER BY user_name", arguments: [name]),
            memberGroups: try String.fetchAll(db, sql: "SELECT child_name FROM group_groups WHERE parent_name = ? ORDER BY child_name", arguments: [name]),
            parentGroups: try String.fetchAll(db, sql: "SELECT parent_name FROM group_groups WHERE child_name = ? ORDER BY parent_name", arguments: [name]))
    }

    /// The group named `name`, or nil.
    public func group(_ name: String) async throws -> GroupRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT name, label, description, tenant_id FROM groups WHERE name = ?", arguments: [name])
                .map { try Self.group($0, db) }
        }
    }

    /// `name` and every group it is a subgroup of, transitively.
    public func groupAndAncestors(_ names: [String]) async throws -> Set<String> {
        try await pool.read { db in try Self.ancestors(of: names, db) }
    }

    static func ancestors(of names: [String], _ db: Database) throws -> Set<String> {
        var result = Set(names)
        var frontier = names
        while let next = frontier.popLast() {
            for parent in try String.fetchAll(db, sql: "SELECT parent_name FROM group_groups WHERE child_name = ?", arguments: [next])
            where result.insert(parent).inserted {
                frontier.append(parent)
            }
        }
        return result
    }

    /// Creates a group with its members and parents (stored as given); 409 when it exists.
    public func createGroup(_ group: GroupRecord) async throws -> GroupRecord {
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM groups WHERE name = ?", arguments: [group.name]) == true {
                throw NXError.conflict("Group already exists")
            }
            try db.execute(sql: "INSERT INTO groups (name, label, description, tenant_id) VALUES (?, ?, ?, ?)",
                           arguments: [group.name, group.label, group.description, group.tenantId])
            try Self.setMembers(group, db)
        }
        return try await self.group(group.name) ?? group
    }

    /// Replaces a group's properties, members and parents; 404 when it does not exist.
    public func updateGroup(_ group: GroupRecord) async throws -> GroupRecord {
        try await write { db in
            try db.execute(sql: "UPDATE groups SET label = ?, description = ?, tenant_id = ? WHERE name = ?",
                           arguments: [group.label, group.description, group.tenantId, group.name])
            guard db.changesCount > 0 else { throw NXError.notFound("group does not exist") }
            try Self.setMembers(group, db)
        }
        return try await self.group(group.name) ?? group
    }

    /// Deletes a group with its members and its links to subgroups and parent groups; 404 when it does not exist.
    public func deleteGroup(_ name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM groups WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw NXError.notFound("group does not exist") }
            try db.execute(sql: "DELETE FROM group_groups WHERE parent_name = ? OR child_name = ?", arguments: [name, name])
        }
    }

    /// Groups whose name or label starts with `query` (case-insensitive; nil, empty or `*` = all), optionally only the
    /// subgroups of `parent`, sorted by name.
    public func searchGroups(_ query: String?, subgroupsOf parent: String? = nil, request: PageRequest) async throws -> Page<GroupRecord> {
        let pagination = Pagination(request, defaultPageSize: 50)
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let pattern = Self.prefixPattern(query) {
            conditions.append("(nx_lower(name) LIKE ? ESCAPE '\\' OR nx_lower(label) LIKE ? ESCAPE '\\')")
            arguments += [pattern, pattern]
        }
        if let parent {
            conditions.append("name IN (SELECT child_name FROM group_groups WHERE parent_name = ?)")
            arguments.append(parent)
        }
        return try await searchPage(table: "groups", columns: "name, label, description, tenant_id", conditions: conditions,
                                    arguments: arguments, pagination: pagination, map: Self.group)
    }

    /// Stores a group's member users, subgroups and parent groups as given: like Nuxeo's group directory references,
    /// names that are not (yet) users or groups are kept (only user creation checks its groups).
    static func setMembers(_ group: GroupRecord, _ db: Database) throws {
        // Only what changed is removed or added, so untouched memberships keep their place in users' group lists.
        try db.execute(sql: "DELETE FROM user_groups WHERE group_name = ? AND user_name NOT IN (SELECT value FROM json_each(?))",
                       arguments: [group.name, Self.jsonArray(group.memberUsers)])
        try db.execute(sql: "DELETE FROM group_groups WHERE parent_name = ? AND child_name NOT IN (SELECT value FROM json_each(?))",
                       arguments: [group.name, Self.jsonArray(group.memberGroups)])
        try db.execute(sql: "DELETE FROM group_groups WHERE child_name = ? AND parent_name NOT IN (SELECT value FROM json_each(?))",
                       arguments: [group.name, Self.jsonArray(group.parentGroups)])
        for user in group.memberUsers {
            try db.execute(sql: "INSERT OR IGNORE INTO user_groups (user_name, group_name) VALUES (?, ?)", arguments: [user, group.name])
        }
        for child in group.memberGroups {
            try db.execute(sql: "INSERT OR IGNORE INTO group_groups (parent_name, child_name) VALUES (?, ?)", arguments: [group.name, child])
        }
        for parent in group.parentGroups {
            try db.execute(sql: "INSERT OR IGNORE INTO group_groups (parent_name, child_name) VALUES (?, ?)", arguments: [parent, group.name])
        }
    }

    /// A JSON array of strings, for `json_each`.
    static func jsonArray(_ items: [String]) -> String {
        String(decoding: JSONValue.array(items.map(JSONValue.string)).jsonBytes(), as: UTF8.self)
    }
}
