import Foundation

extension LocalPostgres {
    /// The backend tests run on: `NX_TEST_BACKEND=postgres` for PostgreSQL, SQLite otherwise.
    public static var testBackend: SQLBackend {
        ProcessInfo.processInfo.environment["NX_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite
    }

    /// One server for the whole process, started on first use and stopped (by its watchdog) when the process ends.
    private static let shared: Result<LocalPostgres, any Error> = Result { try LocalPostgres.start(database: "nx_shared") }

    /// The migrated database fresh ones are copied from, made once.
    private static let template = Template()

    /// A new, migrated, empty database on the process's shared server (a copy of a template migrated once: a store on
    /// it opens without running migrations).
    public static func freshDatabase() async throws -> PostgresStore.Endpoint {
        let server = try shared.get()
        let template = try await template.name(on: server)
        let name = "nx_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try PostgresStore.Endpoint(url: try server.createDatabase(name, template: template))
    }

    /// Creates and migrates the template database on first use.
    private actor Template {
        private var making: Task<String, any Error>?

        func name(on server: LocalPostgres) async throws -> String {
            if let making { return try await making.value }
            let task = Task {
                let name = "nx_template"
                let store = try await PostgresStore(url: try server.createDatabase(name))
                await store.close()
                return name
            }
            making = task
            return try await task.value
        }
    }
}
