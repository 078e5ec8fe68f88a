import ArgumentParser
import Synchronization
import Foundation
import NXHTTP
import NXRuntime

/// Workflows over HTTP: full SerialDocumentReview runs (start, choose a participant, the participant validates) from
/// concurrent clients, then the task list of a user among many open tasks.
struct Workflows: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run serial reviews over HTTP and time GET /task with many open tasks.")
    @Option var url: String
    @Option(help: "Complete serial reviews to run (one new document each).") var reviews = 1000
    @Option(help: "Open tasks to create before timing GET /task.") var openTasks = 10000
    @Option var clients = 16
    @Option var runs = 200

    struct Client: Sendable {
        let transport: HTTPClientTransport
        let admin = NXCredentials(user: "Administrator", password: "Administrator").authorizationHeader
        let reviewer = NXCredentials(user: "bench-reviewer", password: "bench-reviewer").authorizationHeader

        func send(_ method: String, _ path: String, query: [(String, String)] = [], body: String? = nil, auth: String? = nil,
                  expect: Int = 200) async throws -> JSONValue? {
            var headers = [("Authorization", auth ?? admin)]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let response = try await transport.send(NXHTTPRequest(method: method, path: path, query: query, headers: headers,
                                                                  body: body.map { Array($0.utf8) } ?? []))
            guard response.status == expect else {
                throw ValidationError("\(method) \(path): HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            }
            return response.body.isEmpty ? nil : try NXJSON.parse(response.body)
        }

        /// The id of the only open task of a workflow.
        func task(of workflow: String) async throws -> String {
            let list = try await send("GET", "/task", query: [("workflowInstanceId", workflow)])
            guard let id = list?.objectValue?["entries"]?.arrayValue?.first?.objectValue?["id"]?.stringValue else {
                throw ValidationError("workflow \(workflow) has no open task")
            }
            return id
        }

        func start(on document: String) async throws -> String {
            let started = try await send("POST", "/workflow", body: #"{"entity-type":"workflow","workflowModelName":"SerialDocumentReview","attachedDocumentIds":["\#(document)"]}"#,
                                         expect: 201)
            guard let id = started?.objectValue?["id"]?.stringValue else { throw ValidationError("no workflow id") }
            return id
        }

        func complete(_ task: String, _ action: String, variables: String = "{}", auth: String? = nil) async throws {
            _ = try await send("PUT", "/task/\(task)/\(action)", body: #"{"entity-type":"task","id":"\#(task)","variables":\#(variables)}"#, auth: auth)
        }

        func createDocument(_ name: String, in parent: String) async throws -> String {
            let created = try await send("POST", "/path" + parent, body: #"{"entity-type":"document","type":"File","name":"\#(name)","properties":{"dc:title":"\#(name)"}}"#,
                                         expect: 201)
            guard let id = created?.objectValue?["uid"]?.stringValue else { throw ValidationError("no document id") }
            return id
        }
    }

    /// Runs `work(i)` for i in 0..<count from `clients` concurrent clients; returns the seconds taken.
    func concurrently(_ count: Int, _ work: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var i = client
                    while i < count {
                        try await work(i)
                        i += clients
                    }
                }
            }
            try await group.waitForAll()
        }
        return (ContinuousClock.now - start).seconds
    }

    func latencies(_ client: Client, user: String, auth: String?) async throws -> (p50: Double, p99: Double, results: Int) {
        var samples: [Double] = []
        let request = NXHTTPRequest(method: "GET", path: "/task", query: [("userId", user), ("pageSize", "50")],
                                    headers: [("Authorization", auth ?? client.admin)])
        for _ in 0..<runs {
            // Timed: the request and its whole response, not the client's parsing of the body.
            let start = ContinuousClock.now
            let response = try await client.transport.send(request)
            samples.append((ContinuousClock.now - start).seconds * 1000)
            guard response.status == 200 else { throw ValidationError("GET /task: HTTP \(response.status)") }
        }
        let page = try await client.send("GET", "/task", query: [("userId", user), ("pageSize", "50")], auth: auth)
        let results = Int(page?.objectValue?["resultsCount"]?.int64Value ?? -1)
        samples.sort()
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)], results)
    }

    func run() async throws {
        let client = Client(transport: HTTPClientTransport(baseURL: url))
        _ = try await client.send("POST", "/user", body: #"{"entity-type":"user","id":"bench-reviewer","properties":{"username":"bench-reviewer","password":"bench-reviewer","groups":["members"]}}"#,
                                  expect: 201)
        _ = try await client.send("POST", "/path/default-domain/workspaces", body: #"{"entity-type":"document","type":"Workspace","name":"reviews"}"#,
                                  expect: 201)
        let documents = Mutex<[Int: String]>([:])
        _ = try await concurrently(reviews) { i in
            let id = try await client.createDocument("doc\(i)", in: "/default-domain/workspaces/reviews")
            documents.withLock { $0[i] = id }
        }
        let ids = documents.withLock { $0 }
        // Timed: each review is 5 requests — start, find the task, choose the participant, find the task, validate.
        let reviewSeconds = try await concurrently(reviews) { i in
            guard let document = ids[i] else { throw ValidationError("document \(i) missing") }
            let workflow = try await client.start(on: document)
            try await client.complete(try await client.task(of: workflow), "start_review", variables: #"{"participants":["user:bench-reviewer"]}"#)
            try await client.complete(try await client.task(of: workflow), "validate", auth: client.reviewer)
        }
        // Open tasks: workflows waiting on their first task (the initiator's), on a few documents.
        let pool = try await (0..<20).asyncMap { try await client.createDocument("open\($0)", in: "/default-domain/workspaces/reviews") }
        let openSeconds = try await concurrently(openTasks) { i in _ = try await client.start(on: pool[i % pool.count]) }
        // The reviewer's own tasks: 100 reviews waiting on its validation, among the open tasks above.
        let waiting = try await concurrently(100) { i in
            let workflow = try await client.start(on: pool[i % pool.count])
            try await client.complete(try await client.task(of: workflow), "start_review", variables: #"{"participants":["user:bench-reviewer"]}"#)
        }
        _ = waiting
        let admin = try await latencies(client, user: "Administrator", auth: nil)
        let reviewer = try await latencies(client, user: "bench-reviewer", auth: client.reviewer)
        print("""
            {"reviews": \(reviews), "reviewSeconds": \(reviewSeconds), "reviewRate": \(Double(reviews) / reviewSeconds), \
            "openTasks": \(openTasks), "startRate": \(Double(openTasks) / openSeconds), \
            "adminP50": \(admin.p50), "adminP99": \(admin.p99), "adminResults": \(admin.results), \
            "reviewerP50": \(reviewer.p50), "reviewerP99": \(reviewer.p99), "reviewerResults": \(reviewer.results)}
            """)
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
