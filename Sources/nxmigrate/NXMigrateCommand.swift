import ArgumentParser
import Foundation
import NXCore

/// `nxmigrate`: moves an embedded SQLite store into PostgreSQL, then verifies the copy by counts and checksums.
@main
struct NXMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nxmigrate",
        abstract: "Copy an nx SQLite store (<data>/nx.sqlite) into an empty PostgreSQL database, then verify it table by table.",
        discussion: """
            The PostgreSQL database must exist and hold no documents (nxmigrate creates the schema). Binaries are not
            copied: start the nodes with --data pointing at the directory that holds binaries/ (shared by every node).
            Stop the server using the SQLite store first.
            """)

    @Option(help: "Directory of the SQLite store (it holds nx.sqlite).") var data = "data"
    @Option(help: "The PostgreSQL database: postgres://user:password@host:port/database (env NX_DATABASE).") var to: String?
    @Flag(help: "Only compare the two stores (counts and checksums).") var verifyOnly = false

    func run() async throws {
        guard let url = to ?? ProcessInfo.processInfo.environment["NX_DATABASE"] else {
            throw ValidationError("--to postgres://… (or NX_DATABASE) is required")
        }
        let path = data + "/nx.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("No SQLite store at \(path)") }
        let source = try SQLiteStore(path: path)
        let target = try await PostgresStore(url: url)
        let migration = StoreMigration(from: source, to: target)
        do {
            if !verifyOnly {
                let start = ContinuousClock.now
                let copied = try await migration.copy()
                print("copied \(copied.values.reduce(0, +)) rows of \(copied.count) tables in \(start.duration(to: .now))")
            }
            let report = try await migration.verify()
            for table in report {
                print("\(table.matches ? "ok  " : "DIFF") \(table.name): \(table.rows) rows, sha256 \(table.sourceChecksum.prefix(16))"
                    + (table.matches ? "" : " ≠ \(table.targetChecksum.prefix(16))"))
            }
            await target.close()
            guard report.allSatisfy(\.matches) else { throw ExitCode(2) }
            print("verified: \(report.count) tables identical")
        } catch {
            await target.close()
            throw error
        }
    }
}
