import GRDB
import HummingbirdBcrypt
import NXRuntime

/// A user of the server.
public struct UserRecord: Sendable, Hashable {
    public var name: String
    public var groups: [String]

    /// Whether the user is in `administrators`.
    public var isAdministrator: Bool { groups.contains("administrators") }
}

/// Users with bcrypt-hashed passwords, stored beside the documents.
public final class UserDirectory: Sendable {
    let pool: DatabasePool
    /// bcrypt cost.
    let cost: UInt8

    /// The directory of `store`'s database.
    public init(store: SQLiteStore, cost: UInt8 = 10) {
        pool = store.pool
        self.cost = cost
    }

    /// Creates `Administrator`/`Administrator` in `administrators` when no user exists.
    public func seed() async throws {
        let hash = Bcrypt.hash("Administrator", cost: cost)
        try await pool.write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0
            guard count == 0 else { return }
            try db.execute(sql: "INSERT INTO users (name, password_hash, groups) VALUES (?, ?, ?)",
                           arguments: ["Administrator", hash, "administrators"])
        }
    }

    /// The user if `password` is right, else nil.
    public func authenticate(name: String, password: String) async throws -> UserRecord? {
        // A point lookup: read on this thread, as Repository.document does.
        guard let row = try pool.read({ db in
            try Row.fetchOne(db, sql: "SELECT name, password_hash, groups FROM users WHERE name = ?", arguments: [name])
        }) else { return nil }
        let hash: String = row["password_hash"]
        guard Bcrypt.verify(password, hash: hash) else { return nil }
        let groups: String = row["groups"]
        return UserRecord(name: row["name"], groups: groups.split(separator: ",").map(String.init))
    }
}
