import Foundation
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NXRuntime
import NXCore
import NXServer

/// A router over a fresh store, for socket-free tests (or live ones: `app.test(.live)`), with `configure` applied to the
/// listener's configuration.
func testApplication(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> some ApplicationProtocol {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-server-\(UUID().uuidString)").path
    var configuration = ServerConfiguration(port: 0)
    configure(&configuration)
    var stored = configuration
    stored.dataDirectory = directory
    stored.bcryptCost = 4
    if LocalPostgres.testBackend == .postgres {
        stored.database = try await LocalPostgres.freshDatabase()
        stored.databaseReaders = 2
    }
    let state = try await ServerState.open(stored)
    return ServerApplication.application(state, configuration: configuration, logger: Logger(label: "test"))
}

let adminAuthorization = "Basic " + Data("Administrator:Administrator".utf8).base64EncodedString()

extension HTTPFields {
    /// Administrator credentials plus `extra`.
    static func admin(_ extra: [(String, String)] = []) -> HTTPFields {
        var fields: HTTPFields = [.authorization: adminAuthorization]
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        return fields
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue { (try? NXJSON.parse(Array(buffer: body))) ?? .null }
    /// The body as text.
    var text: String { String(buffer: body) }
}

/// Top-level keys of a JSON object, in the order written.
func topLevelKeys(_ text: String) -> [String] {
    var keys: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var current = ""
    var afterKeyCandidate: String?
    for c in text {
        if inString {
            if escaped { escaped = false; current.append(c); continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { inString = false; afterKeyCandidate = current; continue }
            current.append(c)
            continue
        }
        switch c {
        case "\"": inString = true; current = ""
        case "{", "[": depth += 1; afterKeyCandidate = nil
        case "}", "]": depth -= 1; afterKeyCandidate = nil
        case ":":
            if depth == 1, let key = afterKeyCandidate { keys.append(key) }
            afterKeyCandidate = nil
        default: if c != " " { afterKeyCandidate = c == "," ? nil : afterKeyCandidate }
        }
    }
    return keys
}
