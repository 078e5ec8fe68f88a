import ArgumentParser
import NXClient

/// `nx users [QUERY]`, `nx users get NAME`, `nx users create NAME --password P [--group G…]`.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search, show and create users.", subcommands: [Search.self, Show.self, Add.self], defaultSubcommand: Search.self)

    static func print(_ users: [UserEntity], _ format: OutputFormat) {
        switch format {
        case .json: Terminal.line("[" + users.map { String(decoding: $0.jsonBytes(), as: UTF8.self) }.joined(separator: ",") + "]")
        case .table:
            var table = Table(header: ["USER", "FIRST NAME", "LAST NAME", "EMAIL", "GROUPS"])
            table.rows = users.map { user in
                let property = { (key: String) in user.properties?[key]?.stringValue ?? "" }
                let groups = user.properties?["groups"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? ""
                return [user.id, property("firstName"), property("lastName"), property("email"), groups]
            }
            Terminal.write(table.render())
        }
    }

    /// Users whose name, first or last name starts with a text.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Search users (every user by default).")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Start of a user name, first or last name.") var query: String = "*"

        func run() async throws {
            try await reportingErrors { () async throws(NXClientError) in
                let found = try await connection.client().users.search(q: query, paging: .init(pageSize: 100)).collect()
                Users.print(found, output.resolved)
            }
        }
    }

    /// One user.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a user.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The user name.") var name: String

        func run() async throws {
            try await reportingErrors { () async throws(NXClientError) in
                Users.print([try await connection.client().users.get(name)], output.resolved)
            }
        }
    }

    /// A new user.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The user name.") var name: String
        @Option(help: "The new user's password.") var userPassword: String
        @Option(help: "First name.") var firstName: String?
        @Option(help: "Last name.") var lastName: String?
        @Option(help: "Email.") var email: String?
        @Option(parsing: .upToNextOption, help: "Groups (members by default).") var groups: [String] = ["members"]

        func run() async throws {
            var properties: JSONObject = ["username": .string(name), "password": .string(userPassword), "groups": .array(groups.map { .string($0) })]
            if let firstName { properties["firstName"] = .string(firstName) }
            if let lastName { properties["lastName"] = .string(lastName) }
            if let email { properties["email"] = .string(email) }
            try await reportingErrors { () async throws(NXClientError) in
                Users.print([try await connection.client().users.create(UserEntity(id: name, properties: properties))], output.resolved)
            }
        }
    }
}
