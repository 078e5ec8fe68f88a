import ArgumentParser
import Foundation
import NXClient

/// Where the server is and who calls it: flags, then environment variables, then the config file, then defaults.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The server (http://host:port/nuxeo) or its API base (…/nuxeo/api/v1).") var url: String?
    @Option(help: "User name.") var user: String?
    @Option(help: "Password.") var password: String?

    /// The settings after flags, environment and config file.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) -> (url: String, user: String, password: String) {
        let file = ConfigFile.read(environment: environment)
        let url = self.url ?? environment["NX_URL"] ?? file["url"] ?? "http://127.0.0.1:8080/nuxeo"
        let user = self.user ?? environment["NX_USER"] ?? file["user"] ?? "Administrator"
        let password = self.password ?? environment["NX_PASSWORD"] ?? file["password"] ?? (user == "Administrator" ? "Administrator" : "")
        return (Self.apiBase(url), user, password)
    }

    /// `…/nuxeo` → `…/nuxeo/api/v1`; an API base is kept.
    static func apiBase(_ url: String) -> String {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        return trimmed.hasSuffix("/api/v1") ? trimmed : trimmed + "/api/v1"
    }

    /// The SDK's client for these settings.
    func client() -> NXClient {
        let settings = settings()
        return NXClient(baseURL: settings.url, user: settings.user, password: settings.password)
    }
}

/// `~/.config/nx/config` (or `$NX_CONFIG`): `key = value` lines, `#` comments.
enum ConfigFile {
    static func read(environment: [String: String]) -> [String: String] {
        let path = environment["NX_CONFIG"] ?? (environment["HOME"].map { $0 + "/.config/nx/config" } ?? "")
        guard !path.isEmpty, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            values[line[..<equals].trimmingCharacters(in: .whitespaces)] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}

/// Table or JSON.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// How results are printed: a table on a terminal, JSON when piped, unless `--format` says.
struct OutputOptions: ParsableArguments {
    @Option(help: "table or json (default: table on a terminal, json when piped).") var format: OutputFormat?

    var resolved: OutputFormat { format ?? (Terminal.isTerminal(Terminal.standardOutput) ? .table : .json) }
}

/// A document by path (`/…`) or id.
func documentRef(_ text: String) -> DocumentRef { text.hasPrefix("/") ? .path(text) : .id(text) }

/// `key=value` pairs as a JSON object; a value that parses as a JSON array or object is kept as JSON.
func parseProperties(_ pairs: [String]) throws -> JSONObject {
    var object = JSONObject()
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw ValidationError("'\(pair)' is not key=value")
        }
        let key = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
        if value.hasPrefix("[") || value.hasPrefix("{"), let json = try? NXJSON.parse(Array(value.utf8)) {
            object[key] = json
        } else {
            object[key] = .string(value)
        }
    }
    return object
}
