import Foundation
import NXCore
import Synchronization

/// The store tests run on: SQLite by default; with `NX_TEST_BACKEND=postgres`, a database of its own on a PostgreSQL
/// server the test process starts once (`LocalPostgres`, stopped with the process).
enum TestStore {
    /// The backend of this run.
    static let backend = LocalPostgres.testBackend

    /// The database of each store directory (opening the same directory again reopens the same database).
    private static let databases = Mutex<[String: PostgresStore.Endpoint]>([:])

    /// The store of `directory`: `directory/nx.sqlite`, or the PostgreSQL database standing for that directory.
    static func open(directory: String) async throws -> any SQLStore {
        switch backend {
        case .sqlite:
            return try SQLiteStore(path: directory + "/nx.sqlite")
        case .postgres:
            let known = databases.withLock { $0[directory] }
            let endpoint: PostgresStore.Endpoint
            if let known {
                endpoint = known
            } else {
                endpoint = try await LocalPostgres.freshDatabase()
                databases.withLock { $0[directory] = endpoint }
            }
            return try await PostgresStore(endpoint: endpoint, readers: 2)
        }
    }
}
