import ArgumentParser
import AsyncHTTPClient
import Foundation
import NXHTTP
import NXRuntime

/// Mixed traffic on the secured corpus: GET by random id, queries, updates with their change token and creates, as the
/// corpus's users over concurrent connections; latency per kind, errors, total rate.
struct Mixed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mixed traffic (GET, query, update, create) and print per-kind latency.")
    @Option var url: String
    @Option(help: "Documents: one `uid<TAB>user` line each (the user reads and writes it).") var documents: String
    @Option(help: "Folders: one `uid<TAB>user` line each (the user may create in it).") var folders: String
    @Option var password = "password"
    @Option var connections = 64
    @Option var seconds = 60.0
    @Option(help: "Untimed traffic first, seconds (first reads, the users' read grants).") var warmup = 5.0
    @Option(help: "Percentages of GET, query, update and create.") var mix = "70,15,10,5"
    @Option var seed: UInt64 = 7

    enum Kind: Int, CaseIterable { case get, query, update, create }

    /// One connection's share of the figures.
    struct Tally: Sendable {
        var latencies: [[Double]] = Array(repeating: [], count: Kind.allCases.count)
        var errors = Array(repeating: 0, count: Kind.allCases.count)
        var firstError: String?
    }

    func run() async throws {
        let weights = mix.split(separator: ",").compactMap { Int($0) }
        guard weights.count == 4, weights.allSatisfy({ $0 >= 0 }), weights.reduce(0, +) == 100 else {
            throw ValidationError("--mix takes four percentages adding up to 100")
        }
        let documents = try Self.table(self.documents), folders = try Self.table(self.folders)
        guard !documents.isEmpty, !folders.isEmpty else { throw ValidationError("no documents or folders") }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        configuration.timeout.connect = .seconds(10)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let transport = HTTPClientTransport(baseURL: url, client: client)
        let users = Set(documents.map(\.user)).union(folders.map(\.user)).sorted()
        var auth: [String: String] = [:]
        for user in users { auth[user] = NXCredentials(user: user, password: password).authorizationHeader }
        let settings = Settings(documents: documents, folders: folders, auth: auth, weights: weights, connections: connections)

        let clock = ContinuousClock()
        let warmupEnd = clock.now + .milliseconds(Int(warmup * 1000))
        let end = warmupEnd + .milliseconds(Int(seconds * 1000))
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for connection in 0..<connections {
                let seed = self.seed &+ UInt64(connection) &* 0x9E37_79B9
                group.addTask {
                    var worker = Worker(connection: connection, settings: settings, transport: transport, random: Corpus.Random(state: seed))
                    return try await worker.run(measureFrom: warmupEnd, until: end)
                }
            }
            return try await group.reduce(into: [Tally]()) { $0.append($1) }
        }
        try await client.shutdown()

        var output: [String] = []
        var total = 0
        for kind in Kind.allCases {
            let latencies = tallies.flatMap { $0.latencies[kind.rawValue] }.sorted()
            let errors = tallies.reduce(0) { $0 + $1.errors[kind.rawValue] }
            total += latencies.count
            let p50 = latencies.isEmpty ? 0 : latencies[latencies.count / 2]
            let p99 = latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            output.append("\"\(kind)\": {\"requests\": \(latencies.count), \"errors\": \(errors), \"p50\": \(p50), \"p99\": \(p99)}")
        }
        let errors = tallies.reduce(0) { $0 + $1.errors.reduce(0, +) }
        let first = tallies.compactMap(\.firstError).first.map { "\"" + $0.replacingOccurrences(of: "\"", with: "'") + "\"" } ?? "null"
        print("{\(output.joined(separator: ", ")), \"requests\": \(total), \"errors\": \(errors), \"first_error\": \(first), "
              + "\"seconds\": \(seconds), \"rate\": \(Double(total) / seconds)}")
    }

    static func table(_ path: String) throws -> [(uid: String, user: String)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        }
    }

    struct Settings: Sendable {
        let documents: [(uid: String, user: String)]
        let folders: [(uid: String, user: String)]
        let auth: [String: String]
        let weights: [Int]
        let connections: Int
    }

    /// One connection: requests one at a time. It updates only its own documents (those whose index is its number modulo
    /// the connections), so its change tokens are the current ones: a 409 is an error.
    struct Worker {
        let connection: Int
        let settings: Settings
        let transport: HTTPClientTransport
        var random: Corpus.Random
        var tally = Tally()
        /// Own documents to update: index → change token (nil until read).
        var tokens: [Int: String] = [:]
        var created = 0

        init(connection: Int, settings: Settings, transport: HTTPClientTransport, random: Corpus.Random) {
            self.connection = connection
            self.settings = settings
            self.transport = transport
            self.random = random
        }

        mutating func run(measureFrom start: ContinuousClock.Instant, until end: ContinuousClock.Instant) async throws -> Tally {
            let clock = ContinuousClock()
            while clock.now < end {
                let roll = random.below(100)
                var kind = Kind.create
                var bound = 0
                for candidate in Kind.allCases {
                    bound += settings.weights[candidate.rawValue]
                    if roll < bound { kind = candidate; break }
                }
                let began = clock.now
                let outcome = await request(kind)
                let measured = began >= start
                if measured { tally.latencies[kind.rawValue].append((clock.now - began).milliseconds) }
                if let failure = outcome {
                    if measured { tally.errors[kind.rawValue] += 1 }
                    if tally.firstError == nil { tally.firstError = "\(kind): \(failure)" }
                }
            }
            return tally
        }

        /// Sends one request of `kind`; the failure, if any.
        mutating func request(_ kind: Kind) async -> String? {
            do {
                switch kind {
                case .get:
                    let document = settings.documents[random.below(settings.documents.count)]
                    return try await expect(200, get("/id/\(document.uid)", as: document.user, headers: [("properties", "*")]))
                case .query:
                    if random.below(2) == 0 {
                        let user = settings.folders[random.below(settings.folders.count)].user
                        let nxql = "SELECT * FROM Document WHERE dc:source = 'source\(random.below(100))'"
                        return try await expect(200, get("/search/lang/NXQL/execute", as: user, query: [("query", nxql), ("pageSize", "20")]))
                    }
                    let folder = settings.folders[random.below(settings.folders.count)]
                    return try await expect(200, get("/id/\(folder.uid)/@children", as: folder.user, query: [("pageSize", "20")]))
                case .update:
                    return try await update()
                case .create:
                    let folder = settings.folders[random.below(settings.folders.count)]
                    created += 1
                    let name = "mixed-\(connection)-\(created)-\(random.below(1_000_000))"
                    let body = #"{"entity-type":"document","type":"File","name":"\#(name)","properties":{"dc:title":"Mixed \#(name)"}}"#
                    return try await expect(201, send("POST", "/id/\(folder.uid)", as: folder.user, body: body))
                }
            } catch {
                return "\(error)"
            }
        }

        /// Updates one of this connection's documents with its current change token (read first if unknown).
        mutating func update() async throws -> String? {
            let count = settings.documents.count
            let own = max(1, (count - connection + settings.connections - 1) / settings.connections)
            let index = connection + settings.connections * random.below(min(own, 64))
            guard index < count else { return nil }
            let document = settings.documents[index]
            var token = tokens[index]
            if token == nil {
                let response = try await get("/id/\(document.uid)", as: document.user)
                guard response.status == 200 else { return "GET before update: HTTP \(response.status)" }
                token = try NXJSON.parse(response.body).objectValue?["changeToken"]?.stringValue
            }
            let description = "updated by connection \(connection), \(random.next())"
            let body = #"{"entity-type":"document","uid":"\#(document.uid)","changeToken":"\#(token ?? "")","properties":{"dc:description":"\#(description)"}}"#
            let response = try await send("PUT", "/id/\(document.uid)", as: document.user, body: body)
            guard response.status == 200 else { tokens[index] = nil; return "HTTP \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))" }
            tokens[index] = try NXJSON.parse(response.body).objectValue?["changeToken"]?.stringValue
            return nil
        }

        func expect(_ status: Int, _ response: NXHTTPResponse) -> String? {
            response.status == status ? nil : "HTTP \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))"
        }

        func get(_ path: String, as user: String, query: [(String, String)] = [], headers: [(String, String)] = []) async throws -> NXHTTPResponse {
            try await transport.send(NXHTTPRequest(method: "GET", path: path, query: query, headers: [("Authorization", settings.auth[user] ?? "")] + headers))
        }

        func send(_ method: String, _ path: String, as user: String, body: String) async throws -> NXHTTPResponse {
            try await transport.send(NXHTTPRequest(method: method, path: path, headers: [("Authorization", settings.auth[user] ?? ""), ("Content-Type", "application/json")],
                                                   body: Array(body.utf8)))
        }
    }
}

extension Duration {
    var milliseconds: Double { seconds * 1000 }
}
