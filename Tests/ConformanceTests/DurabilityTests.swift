import Foundation
import NXHTTP
import NXRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `nxserver` process, killed with SIGKILL while 8 writers create documents, loses none of the creates it
/// acknowledged: after a restart on the same data directory, every acknowledged id answers 200.
@Suite(.serialized) struct DurabilityTests {
    /// The `nxserver` binary built beside the tests.
    static func serverBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nxserver").path,
            FileManager.default.currentDirectoryPath + "/.build/debug/nxserver",
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "nxserver is built by `swift build`")
    }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `nxserver` on `data` and waits until it answers.
    static func start(data: String, port: Int) async throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try serverBinary())
        process.arguments = ["--data", data, "--port", String(port), "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let transport = HTTPClientTransport(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1")
        for _ in 0..<300 {
            if let response = try? await transport.send(NXHTTPRequest(method: "GET", path: "/path/default-domain", headers: auth)),
               response.status == 200 {
                return process
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        Issue.record("nxserver did not start on port \(port)")
        throw CancellationError()
    }

    static let auth = [("Authorization", NXCredentials(user: "Administrator", password: "Administrator").authorizationHeader)]

    /// A chunked upload survives a SIGKILL between two chunks: after a restart the batch still holds the first chunk,
    /// the second completes it, and the attached file downloads byte-identical (and is found by its words).
    @Test(.timeLimit(.minutes(3))) func aChunkedUploadSurvivesKill9BetweenChunks() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("nx-upload-\(UUID().uuidString)").path
        let port = try Self.freePort()
        var server = try await Self.start(data: data, port: port)
        let transport = HTTPClientTransport(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1")
        let created = try await transport.send(NXHTTPRequest(method: "POST", path: "/upload", headers: Self.auth))
        let batch = try #require((try NXJSON.parse(created.body)).objectValue?["batchId"]?.stringValue)
        func chunk(_ index: Int, _ text: String) async throws -> NXHTTPResponse {
            try await transport.send(NXHTTPRequest(method: "POST", path: "/upload/\(batch)/0", headers: Self.auth + [
                ("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", String(index)), ("X-Upload-Chunk-Count", "2"),
                ("X-File-Size", "27"), ("X-File-Name", "survivor.txt"), ("X-File-Type", "text/plain"),
            ], body: Array(text.utf8)))
        }
        #expect(try await chunk(0, "first half, ").status == 202)
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        server = try await Self.start(data: data, port: port)
        defer { server.terminate() }
        let state = try await transport.send(NXHTTPRequest(method: "GET", path: "/upload/\(batch)/0", headers: Self.auth))
        #expect(state.status == 202)
        #expect(try await chunk(1, "second quokka").status == 201)
        let body = #"{"entity-type":"document","type":"File","name":"survivor","properties":{"file:content":{"upload-batch":"\#(batch)","upload-fileId":"0"}}}"#
        let document = try await transport.send(NXHTTPRequest(method: "POST", path: "/path/default-domain/workspaces",
                                                               headers: Self.auth + [("Content-Type", "application/json")], body: Array(body.utf8)))
        #expect(document.status == 201)
        let uid = try #require((try NXJSON.parse(document.body)).objectValue?["uid"]?.stringValue)
        let download = try await transport.send(NXHTTPRequest(method: "GET", path: "/id/\(uid)/@blob/file:content", headers: Self.auth))
        #expect(String(decoding: download.body, as: UTF8.self) == "first half, second quokka")
        var found = false
        for _ in 0..<100 where !found {
            let query = NXHTTPRequest(method: "GET", path: "/search/lang/NXQL/execute", query: [("query", "SELECT * FROM Document WHERE ecm:fulltext = 'quokka'")],
                                      headers: Self.auth)
            let result = try await transport.send(query)
            found = (try? NXJSON.parse(result.body))?.objectValue?["resultsCount"] == .int(1)
            if !found { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found, "the background extraction indexed the file's text")
    }

    @Test(.timeLimit(.minutes(3))) func acknowledgedCreatesSurviveKill9() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("nx-durability-\(UUID().uuidString)").path
        let port = try Self.freePort()
        let server = try await Self.start(data: data, port: port)
        let transport = HTTPClientTransport(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1")
        let killed = ManagedAtomicFlag()
        let progress = AcknowledgedCounter()
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var ids: [String] = []
                    var index = 0
                    while !killed.isSet {
                        let body = #"{"entity-type":"document","type":"Note","name":"w\#(writer)-\#(index)","properties":{"dc:title":"t"}}"#
                        index += 1
                        let request = NXHTTPRequest(method: "POST", path: "/path/default-domain/workspaces",
                                                    headers: Self.auth + [("Content-Type", "application/json")], body: Array(body.utf8))
                        guard let response = try? await transport.send(request) else { continue }
                        if response.status == 201, case .object(let entity) = try NXJSON.parse(response.body), let id = entity["uid"]?.stringValue {
                            ids.append(id)
                            progress.increment()
                        }
                    }
                    return ids
                }
            }
            group.addTask {
                // Kill once the writers are well under way (at least 100 acknowledged creates, at most 60 s).
                let deadline = ContinuousClock.now + .seconds(60)
                while progress.value < 100 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
                killed.set()
                return []
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(acknowledged.count >= 100, "the writers made progress before the kill")
        let restarted = try await Self.start(data: data, port: port)
        defer {
            restarted.terminate()
            restarted.waitUntilExit()
        }
        var missing: [String] = []
        for id in acknowledged {
            let response = try await transport.send(NXHTTPRequest(method: "GET", path: "/id/\(id)", headers: Self.auth))
            if response.status != 200 { missing.append(id) }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged creates lost")
        try? FileManager.default.removeItem(atPath: data)
    }
}

/// A counter incremented from many tasks.
final class AcknowledgedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// A flag set once, read from many tasks.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
