import ArgumentParser
import Foundation
import NXClient

/// `nx`: a command-line client of a Nuxeo-compatible server, built only on the Swift SDK (`import NXClient`).
@main
struct NX: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nx",
        abstract: "A command-line client of the Nuxeo REST API (nx or Nuxeo), built on the nx Swift SDK.",
        discussion: """
            Connection: --url, --user, --password; else NX_URL, NX_USER, NX_PASSWORD; else the config file \
            ($NX_CONFIG, or ~/.config/nx/config: `url = …`, `user = …`, `password = …` lines); else \
            http://127.0.0.1:8080/nuxeo as Administrator. Documents are named by path (/default-domain/…) or id. \
            Output is a table on a terminal and JSON when piped (--format to choose).
            """,
        subcommands: [
            Get.self, List.self, Query.self, Create.self, Update.self, Remove.self, Upload.self, Download.self, Operation.self,
            Bulk.self, Users.self,
        ])

    /// Ignores SIGPIPE (a closed pipe is an error of the write, which ends the program quietly), then runs the command.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
