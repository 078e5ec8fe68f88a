import Foundation
import NXCore
import Synchronization

/// The store tests run on: SQLite by default; with `NX_TEST_BACKEND=postgres`, a database of its own on a PostgreSQL
/// server the test process starts once (`LocalPostgres`, stopped with the process).
enum TestStore {
    /// The backend of this run.
    static let backend: SQLBackend = ProcessInfo.processInfo.environment["NX_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite

    /// The process's PostgreSQL server, started on first use.
    static let server: Result<LocalPostgres, any Error> = Result { try LocalPostgres.start(database: "nx_tests") }

    /// The database of each store directory (opening the same directory again reopens the same database).
    private static let databases = Mutex<[String: String]>([:])

    /// The store of `directory`: `directory/nx.sqlite`, or the PostgreSQL database standing for that directory.
    static func open(directory: String) async throws -> any SQLStore {
        switch backend {
        case .sqlite:
            return try SQLiteStore(path: directory + "/nx.sqlite")
        case .postgres:
            let server = try server.get()
            let url = try databases.withLock { databases -> String in
                if let url = databases[directory] { return url }
                let url = try server.createDatabase("nx_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
                databases[directory] = url
                return url
            }
            return try await PostgresStore(url: url)
        }
    }
}
