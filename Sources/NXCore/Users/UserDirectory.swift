import Foundation
import HummingbirdBcrypt
import NXRuntime

/// Users, groups and authentication tokens, stored beside the documents; passwords are bcrypt-hashed.
///
/// Every committed change to a user, a group, a membership or a token bumps `generation`, so callers that cache
/// what they derived from the directory (the authentication middleware caches verified credentials) can drop it.
public final class UserDirectory: Sendable {
    /// The group whose members (direct or through subgroups) are administrators.
    public static let administratorsGroup = "administrators"
    /// The group whose members may manage non-administrator users and groups.
    public static let powerUsersGroup = "powerusers"

    let pool: any SQLAccess
    /// The shared database's write generation (nil on a database only this process writes).
    let store: any SQLStore
    /// bcrypt cost.
    let cost: UInt8
    private let lock = NSLock()
    nonisolated(unsafe) private var counter: UInt64 = 0

    /// A hash at the directory's cost of a random password, verified against when a user does not exist.
    let decoyHash: String

    /// The directory of `store`'s database.
    public init(store: any SQLStore, cost: UInt8 = 10) {
        pool = store.sql
        self.store = store
        self.cost = cost
        decoyHash = Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    /// Changes with every committed write to users, groups, memberships or tokens (on a shared database, with those of
    /// every node: another node may have changed a password).
    public func generation() async -> UInt64 {
        let local = lock.withLock { counter }
        guard let shared = try? await store.sharedCounter(.users) else { return local }
        return local &+ shared &* 0x9E37_79B9_7F4A_7C15
    }

    /// Marks cached derivations of the directory stale.
    func changed() { lock.withLock { counter &+= 1 } }

    /// Runs a write transaction, then bumps the generation.
    @discardableResult func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        let shared = store.backend == .postgres
        let result = try await pool.write { db in
            let result = try body(db)
            if shared { try db.execute(SharedCounter.users.increment) }
            return result
        }
        changed()
        return result
    }

    /// Creates `Administrator`/`Administrator` (email `devnull@nuxeo.com`) in `administrators` when no user exists.
    public func seed() async throws {
        let hash = Bcrypt.hash("Administrator", cost: cost)
        try await write { db in
            let count = try db.value(Int.self, "SELECT COUNT(*) FROM users") ?? 0
            guard count == 0 else { return }
            try db.execute("INSERT INTO users (name, password_hash, email) VALUES (?, ?, ?)",
                           ["Administrator", hash, "devnull@nuxeo.com"])
            try db.execute("INSERT INTO user_groups (user_name, group_name) VALUES (?, ?)",
                           ["Administrator", Self.administratorsGroup])
        }
    }

    /// The user, with all its groups, if `password` is right; else nil. An unknown user costs the same bcrypt work as
    /// a wrong password (checked against a hash of the directory's cost), so timing does not tell which names exist.
    public func authenticate(name: String, password: String) async throws -> UserRecord? {
        let found = try await pool.read({ db -> (UserRecord, String)? in
            guard let row = try db.one("SELECT \(Self.userColumns), password_hash FROM users WHERE name = ?", [name])
            else { return nil }
            return (try Self.user(row, db), row["password_hash"])
        })
        // A user without a password (stored as given, as Nuxeo allows) cannot log in; it costs the same as an unknown one.
        guard let (user, hash) = found, hash != Self.noPassword else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? user : nil
    }

    /// Whether `password` is `name`'s password.
    public func checkPassword(name: String, password: String) async throws -> Bool {
        try await authenticate(name: name, password: password) != nil
    }

    /// The stored hash of a user created without a password: no password verifies against it.
    static let noPassword = ""

    /// The bcrypt hash of `password` at the directory's cost.
    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
}
