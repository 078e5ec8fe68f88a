import Foundation
import NIOPosix

extension LocalPostgres {
    /// The backend tests run on: `NX_TEST_BACKEND=postgres` for PostgreSQL, SQLite otherwise.
    public static var testBackend: SQLBackend {
        ProcessInfo.processInfo.environment["NX_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite
    }

    /// One server for the whole process, started on first use and stopped (by its watchdog) when the process ends.
    private static let shared: Result<LocalPostgres, any Error> = Result { try LocalPostgres.start(database: "nx_shared") }

    /// The shared server, started (on first use) off the cooperative pool.
    private static func server() async throws -> LocalPostgres {
        try await NIOThreadPool.singleton.runIfActive { try shared.get() }
    }

    /// The migrated database fresh ones are copied from, made once.
    private static let template = Template()

    /// A new, migrated, empty database on the process's shared server (a copy of a template migrated once: a store on
    /// it opens without running migrations).
    public static func freshDatabase() async throws -> PostgresStore.Endpoint {
        let server = try await server()
        let template = try await template.name(on: server)
        let name = "nx_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // createdb is a process to wait for: off the cooperative pool, whose few threads the tests share.
        let url = try await NIOThreadPool.singleton.runIfActive { try server.createDatabase(name, template: template) }
        return try PostgresStore.Endpoint(url: url)
    }

    /// Creates and migrates the template database on first use.
    private actor Template {
        private var making: Task<String, any Error>?

        func name(on server: LocalPostgres) async throws -> String {
            if let making { return try await making.value }
            let task = Task {
                let name = "nx_template"
                let url = try await NIOThreadPool.singleton.runIfActive { try server.createDatabase(name) }
                let store = try await PostgresStore(url: url)
                await store.close()
                return name
            }
            making = task
            return try await task.value
        }
    }
}
