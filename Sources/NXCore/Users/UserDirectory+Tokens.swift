import Foundation
import NXRuntime

extension UserDirectory {
    static func token(_ row: SQLRow) -> AuthToken {
        AuthToken(token: row["token"], userName: row["user_name"], application: row["application"], deviceId: row["device_id"],
                  deviceDescription: row["device_description"], permission: row["permission"], created: row["created"])
    }

    /// The token of (`user`, `application`, `deviceId`), created with `description` and `permission` when none exists.
    /// `application`, `deviceId` and `permission` are required (400).
    public func acquireToken(user: String, application: String?, deviceId: String?, deviceDescription: String?,
                             permission: String?) async throws -> String {
        guard let application, !application.isEmpty, let deviceId, !deviceId.isEmpty else {
            throw NXError.invalid("The following parameters are mandatory to get an authentication token: userName, applicationName, deviceId.")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let fresh = UUID().uuidString.lowercased()
        return try await write { db in
            if let existing = try db.value(String.self, "SELECT token FROM auth_tokens WHERE user_name = ? AND application = ? AND device_id = ?",
                                           [user, application, deviceId]) {
                return existing
            }
            guard let permission, !permission.isEmpty else {
                throw NXError.invalid("The permission parameter is mandatory to acquire an authentication token.")
            }
            try db.execute("""
                INSERT INTO auth_tokens (token, user_name, application, device_id, device_description, permission, created)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [fresh, user, application, deviceId, deviceDescription?.isEmpty == false ? deviceDescription : nil, permission, now])
            return fresh
        }
    }

    /// `user`'s tokens, newest first, optionally of one application.
    public func tokens(user: String, application: String? = nil) async throws -> [AuthToken] {
        try await pool.read { db in
            try db.all("""
                SELECT * FROM auth_tokens WHERE user_name = ? AND (CAST(? AS TEXT) IS NULL OR application = ?) ORDER BY created DESC, rowid DESC
                """, [user, application, application]).map(Self.token)
        }
    }

    /// The token binding, or nil.
    public func token(_ token: String) async throws -> AuthToken? {
        try await pool.read { db in
            try db.one("SELECT * FROM auth_tokens WHERE token = ?", [token]).map(Self.token)
        }
    }

    /// The user a token authenticates, with all its groups; nil for an unknown token.
    public func authenticate(token: String) async throws -> UserRecord? {
        try await pool.read { db in
            try db.one("""
                SELECT u.name, u.first_name, u.last_name, u.company, u.email, u.tenant_id
                FROM auth_tokens t JOIN users u ON u.name = t.user_name WHERE t.token = ?
                """, [token]).map { try Self.user($0, db) }
        }
    }

    /// Revokes a token (no-op when unknown).
    public func revokeToken(_ token: String) async throws {
        try await write { db in try db.execute("DELETE FROM auth_tokens WHERE token = ?", [token]) }
    }
}
