import ArgumentParser
import Foundation
import NXClient

/// `nx bulk run ACTION QUERY` and `nx bulk status ID [--watch]`.
struct Bulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run bulk actions and follow their status.", subcommands: [Run.self, Status.self])

    /// Starts a bulk action over a query's matches.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a bulk action over the documents an NXQL query matches.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The action (setProperties, trash, garbageCollectOrphanBlobs…).") var action: String
        @Argument(help: "The NXQL query selecting the documents.") var query: String
        @Option(name: [.customShort("p"), .customLong("param")], help: "A parameter of the action, name=value.") var params: [String] = []

        func run() async throws {
            let params = try parseProperties(params)
            try await reportingErrors { () async throws(NXClientError) in
                let status = try await connection.client().bulk.search(action, query: query, params: .object(params))
                Status.print(status, output.resolved)
            }
        }
    }

    /// The status of a bulk command, once or until it completes.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a bulk command's status; --watch follows it until it completes.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The command id.") var commandId: String
        @Flag(help: "Poll until the command completes, with a progress bar on a terminal.") var watch = false
        @Option(help: "Seconds between polls.") var interval: Double = 0.5

        func run() async throws {
            var failed = false
            try await reportingErrors { () async throws(NXClientError) in
                let client = connection.client()
                var status = try await client.bulk.status(commandId)
                let bar = ProgressBar(status.action)
                while watch, !Self.isDone(status) {
                    bar.update(Int64(status.processed), of: Int64(status.total), unit: "documents")
                    do { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) } catch { throw .cancelled }
                    status = try await client.bulk.status(commandId)
                }
                if watch { bar.update(Int64(status.processed), of: Int64(status.total), unit: "documents") }
                bar.finish()
                Self.print(status, output.resolved)
                failed = status.error == true || status.state == "ABORTED"
            }
            if watch, failed { throw ExitCode(1) }
        }

        static func isDone(_ status: BulkStatusEntity) -> Bool { ["COMPLETED", "ABORTED", "UNKNOWN"].contains(status.state ?? "") }

        static func print(_ status: BulkStatusEntity, _ format: OutputFormat) {
            switch format {
            case .json: Terminal.line(String(decoding: status.jsonBytes(), as: UTF8.self))
            case .table:
                var table = Table(header: ["COMMAND", "ACTION", "STATE", "PROCESSED", "TOTAL", "ERRORS"])
                table.rows = [[status.commandId, status.action, status.state ?? "", String(status.processed),
                               String(status.total), String(status.errorCount)]]
                Terminal.write(table.render())
            }
        }
    }
}
