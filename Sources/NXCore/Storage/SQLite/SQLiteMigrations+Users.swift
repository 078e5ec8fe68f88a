import Foundation
import GRDB

extension SQLiteMigrations {
    /// The default groups of a fresh server, as Nuxeo's `groups.csv`: name and label.
    static let defaultGroups = [("administrators", "Administrators group"), ("members", "Members group"), ("powerusers", "Power users group")]

    /// Users get directory properties; groups, memberships (user → group, group → subgroup) and tokens get tables.
    ///
    /// `v7-users-groups` keeps the `users` table and copies its legacy comma-separated `groups` column into
    /// `user_groups` (creating any group it names); the column stays but is no longer read.
    /// `v8-tokens` adds authentication tokens, one per (user, application, device).
    /// `v11-memberships-as-given` drops the foreign keys that made every member of a group exist: Nuxeo's group
    /// directory stores `members`, `subGroups` and `parentGroups` references as given (UserManagerImpl.createGroup does
    /// not check them), so memberships now outlive their users and groups only through explicit deletes.
    static func registerUsers(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-users-groups") { db in
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN first_name TEXT;
                ALTER TABLE users ADD COLUMN last_name TEXT;
                ALTER TABLE users ADD COLUMN company TEXT;
                ALTER TABLE users ADD COLUMN email TEXT;
                ALTER TABLE users ADD COLUMN tenant_id TEXT;
                CREATE TABLE groups (
                    name TEXT PRIMARY KEY,
                    label TEXT,
                    description TEXT,
                    tenant_id TEXT
                );
                CREATE TABLE user_groups (
                    user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                    group_name TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
                    PRIMARY KEY (user_name, group_name)
                );
                CREATE INDEX user_groups_group ON user_groups(group_name);
                CREATE TABLE group_groups (
                    parent_name TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
                    child_name TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
                    PRIMARY KEY (parent_name, child_name)
                );
                CREATE INDEX group_groups_child ON group_groups(child_name);
                """)
            for (name, label) in defaultGroups {
                try db.execute(sql: "INSERT INTO groups (name, label) VALUES (?, ?)", arguments: [name, label])
            }
            for row in try Row.fetchAll(db, sql: "SELECT name, groups FROM users") {
                let user: String = row["name"]
                let legacy: String = row["groups"] ?? ""
                for group in legacy.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !group.isEmpty {
                    try db.execute(sql: "INSERT OR IGNORE INTO groups (name, label) VALUES (?, ?)", arguments: [group, group])
                    try db.execute(sql: "INSERT OR IGNORE INTO user_groups (user_name, group_name) VALUES (?, ?)", arguments: [user, group])
                }
            }
            try db.execute(sql: "UPDATE users SET email = 'devnull@nuxeo.com' WHERE name = 'Administrator' AND email IS NULL")
        }
        m.registerMigration("v8-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE auth_tokens (
                    token TEXT PRIMARY KEY,
                    user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                    application TEXT NOT NULL,
                    device_id TEXT NOT NULL,
                    device_description TEXT,
                    permission TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    UNIQUE (user_name, application, device_id)
                );
                """)
        }
        m.registerMigration("v11-memberships-as-given") { db in
            // Rows keep their rowid (the order a user's groups were given in).
            try db.execute(sql: """
                CREATE TABLE user_groups_new (
                    user_name TEXT NOT NULL,
                    group_name TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
                    PRIMARY KEY (user_name, group_name)
                );
                INSERT INTO user_groups_new (rowid, user_name, group_name) SELECT rowid, user_name, group_name FROM user_groups;
                DROP TABLE user_groups;
                ALTER TABLE user_groups_new RENAME TO user_groups;
                CREATE INDEX user_groups_group ON user_groups(group_name);
                CREATE TABLE group_groups_new (
                    parent_name TEXT NOT NULL,
                    child_name TEXT NOT NULL,
                    PRIMARY KEY (parent_name, child_name)
                );
                INSERT INTO group_groups_new (rowid, parent_name, child_name) SELECT rowid, parent_name, child_name FROM group_groups;
                DROP TABLE group_groups;
                ALTER TABLE group_groups_new RENAME TO group_groups;
                CREATE INDEX group_groups_child ON group_groups(child_name);
                """)
        }
    }
}
