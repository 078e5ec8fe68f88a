import ArgumentParser
import Foundation
import NXHTTP
import NXRuntime

/// Creates documents through `POST` from concurrent clients.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "POST documents concurrently and print the rate.")
    @Option var url: String
    @Option var parent = "/default-domain/workspaces/folder0"
    @Option var clients = 16
    @Option var count = 2000
    @Option(help: "Untimed creates first (statement caches, first writes).") var warmup = 200

    func run() async throws {
        let transport = HTTPClientTransport(baseURL: url)
        let auth = NXCredentials(user: "Administrator", password: "Administrator").authorizationHeader
        let parentPath = DocumentRef.path(parent).urlPath
        for i in 0..<warmup {
            let body = #"{"entity-type":"document","type":"File","name":"warmup\#(i)","properties":{"dc:title":"Warm-up \#(i)"}}"#
            _ = try await transport.send(NXHTTPRequest(
                method: "POST", path: parentPath, headers: [("Authorization", auth), ("Content-Type", "application/json")], body: Array(body.utf8)))
        }
        let start = ContinuousClock.now
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var failed = 0
                    var i = client
                    while i < count {
                        let body = #"{"entity-type":"document","type":"File","name":"created\#(i)","properties":{"dc:title":"Created \#(i)","dc:description":"bench document \#(i)"}}"#
                        let response = try await transport.send(NXHTTPRequest(
                            method: "POST", path: parentPath, headers: [("Authorization", auth), ("Content-Type", "application/json")], body: Array(body.utf8)))
                        if response.status != 201 { failed += 1 }
                        i += clients
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        let seconds = (ContinuousClock.now - start).seconds
        print("{\"documents\": \(count), \"failed\": \(failures), \"seconds\": \(seconds), \"rate\": \(Double(count) / seconds)}")
    }
}

/// Runs NXQL queries sequentially and prints p50/p99 latency per query.
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time NXQL queries over HTTP (p50/p99).")
    @Option var url: String
    @Option var runs = 200

    /// Name, NXQL, and extra query parameters.
    static let workloads: [(String, String, [(String, String)])] = [
        ("indexed equality", "SELECT * FROM Document WHERE dc:source = 'source42'", []),
        ("date range", "SELECT * FROM Document WHERE dc:issued BETWEEN DATE '2022-03-01' AND DATE '2022-03-15'", []),
        ("startswith path", "SELECT * FROM Document WHERE ecm:path STARTSWITH '/default-domain/workspaces/folder7'", []),
        ("fulltext", "SELECT * FROM Document WHERE ecm:fulltext = 'quantum physics'", []),
        // Nuxeo's maxResults: counted up to 1,000, resultsCount -2 past it.
        ("fulltext maxResults=1000", "SELECT * FROM Document WHERE ecm:fulltext = 'quantum physics'", [("maxResults", "1000")]),
        ("children page", "SELECT * FROM Document WHERE ecm:parentId = ? AND ecm:isVersion = 0 ORDER BY dc:title", []),
    ]

    func run() async throws {
        let transport = HTTPClientTransport(baseURL: url)
        let auth = NXCredentials(user: "Administrator", password: "Administrator").authorizationHeader
        let folder = try await transport.send(NXHTTPRequest(method: "GET", path: "/path/default-domain/workspaces/folder7", headers: [("Authorization", auth)]))
        let folderId = (try NXJSON.parse(folder.body)).objectValue?["uid"]?.stringValue ?? ""
        var results: [String] = []
        for (name, nxql, extra) in Self.workloads {
            var query = [("query", nxql), ("pageSize", "20")] + extra
            if nxql.contains("?") { query.append(("queryParams", folderId)) }
            var latencies: [Double] = []
            var counts = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let response = try await transport.send(NXHTTPRequest(method: "GET", path: "/search/execute", query: query, headers: [("Authorization", auth)]))
                latencies.append((ContinuousClock.now - start).seconds * 1000)
                guard response.status == 200 else { throw ValidationError("\(name): HTTP \(response.status)") }
                if case .int(let total)? = (try NXJSON.parse(response.body)).objectValue?["resultsCount"] { counts = Int(total) }
            }
            latencies.sort()
            let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            results.append("{\"name\": \"\(name)\", \"p50\": \(p50), \"p99\": \(p99), \"results\": \(counts)}")
        }
        print("[" + results.joined(separator: ", ") + "]")
    }
}
