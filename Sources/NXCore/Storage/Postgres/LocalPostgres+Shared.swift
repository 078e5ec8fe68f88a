import Foundation

extension LocalPostgres {
    /// The backend tests run on: `NX_TEST_BACKEND=postgres` for PostgreSQL, SQLite otherwise.
    public static var testBackend: SQLBackend {
        ProcessInfo.processInfo.environment["NX_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite
    }

    /// One server for the whole process, started on first use and stopped (by its watchdog) when the process ends.
    private static let shared: Result<LocalPostgres, any Error> = Result { try LocalPostgres.start(database: "nx_shared") }

    /// A new, empty database on the process's shared server.
    public static func freshDatabase() throws -> PostgresStore.Endpoint {
        let name = "nx_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try PostgresStore.Endpoint(url: try shared.get().createDatabase(name))
    }
}
