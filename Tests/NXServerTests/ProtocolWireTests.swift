import Foundation
import Hummingbird
import HummingbirdTesting
import NXRuntime
import NXServer
import Testing

/// What fails below the router, over a real socket: malformed requests get a 400 exception entity (not an empty
/// body), slow clients are cut off by the idle and request-read timeouts, and the server keeps answering.
@Suite struct ProtocolWireTests {
    static let auth = "Authorization: Basic " + Data("Administrator:Administrator".utf8).base64EncodedString() + "\r\n"

    /// Sends `request` on a fresh connection and reads until the server closes it.
    func exchange(_ port: Int, _ request: [UInt8]) async throws -> RawHTTPResponse? {
        try await RawHTTPConnection.run {
            let connection = try RawHTTPConnection(port: port)
            _ = connection.send(request)
            return RawHTTPResponse(connection.readAll())
        }
    }

    func expectAlive(_ port: Int) async throws {
        let response = try await exchange(port, Array("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\nHost: x\r\n\(Self.auth)Connection: close\r\n\r\n".utf8))
        #expect(response?.status == 200)
    }

    @Test func malformedRequestsGetTheExceptionEntity() async throws {
        let app = try await testApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let head = "Host: x\r\n\(Self.auth)"
            let manyHeaders: String = (0..<2000).map { "X-H\($0): v\r\n" }.joined()
            let rawPath: [UInt8] = Array("GET /nuxeo/api/v1/path/".utf8) + [0xFF] + Array(" HTTP/1.1\r\n\(head)\r\n".utf8)
            let nulHeader: [UInt8] = Array("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)X-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8)
            let cases: [(String, [UInt8])] = [
                ("URL over 100 KB", Array("GET /nuxeo/api/v1/path/\(String(repeating: "a", count: 110_000)) HTTP/1.1\r\n\(head)\r\n".utf8)),
                ("one 100 KB header", Array("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)X-Big: \(String(repeating: "b", count: 110_000))\r\n\r\n".utf8)),
                ("2,000 headers", Array("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)\(manyHeaders)\r\n".utf8)),
                ("bad Content-Length", Array("POST /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)Content-Length: abc\r\n\r\n".utf8)),
                ("two Content-Lengths", Array("POST /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)Content-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8)),
                ("bad chunk size", Array("POST /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n\(head)Transfer-Encoding: chunked\r\n\r\nzz\r\n".utf8)),
                ("garbage request line", Array("NOT A REQUEST\r\n\r\n".utf8)),
                ("bad HTTP version", Array("GET / HTTP/9.9\r\n\r\n".utf8)),
                ("raw 0xFF in the path", rawPath),
                ("NUL in a header value", nulHeader),
            ]
            for (name, bytes) in cases {
                let response = try await exchange(port, bytes)
                let status = response?.status ?? 0
                #expect((400..<500).contains(status), "\(name): \(response?.head ?? "no response")")
                let entity = try? NXJSON.parse(Array((response?.body ?? "").utf8))
                #expect(entity?.objectValue?["entity-type"] == .string("exception"), "\(name): \(response?.body ?? "")")
                #expect(entity?.objectValue?["status"] == .int(Int64(status)), "\(name)")
                #expect(response?.header("X-Content-Type-Options") == "nosniff", "\(name)")
            }
            try await expectAlive(port)
        }
    }

    @Test func aStalledBodyIsCutOffByTheIdleTimeout() async throws {
        let app = try await testApplication { $0.limits = ConnectionLimits(idleTimeout: 1, requestReadTimeout: 30, maxConnections: 100) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            _ = try await RawHTTPConnection.run {
                let connection = try RawHTTPConnection(port: port)
                _ = connection.send("POST /nuxeo/api/v1/path/default-domain/workspaces HTTP/1.1\r\nHost: x\r\n\(Self.auth)Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                return connection.readAll()
            }
            #expect(ContinuousClock.now - started < .seconds(10), "closed by the 1 s idle timeout, not the 15 s read timeout of the test")
            try await expectAlive(port)
        }
    }

    @Test func aTrickledHeadIsCutOffByTheIdleTimeout() async throws {
        let app = try await testApplication { $0.limits = ConnectionLimits(idleTimeout: 1, requestReadTimeout: 30, maxConnections: 100) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            let stillOpen = try await RawHTTPConnection.run { () -> Bool in
                let connection = try RawHTTPConnection(port: port)
                _ = connection.send("GET /nuxeo/api/v1/path/default-domain HTTP/1.1\r\n")
                // One header byte every 200 ms: bytes arrive, but never a complete head.
                for _ in 0..<50 {
                    if !connection.send("X") { return false }
                    usleep(200_000)
                }
                return true
            }
            #expect(!stillOpen || ContinuousClock.now - started < .seconds(10))
            #expect(ContinuousClock.now - started < .seconds(9), "the head never completed and the connection was closed")
            try await expectAlive(port)
        }
    }

    @Test func aSteadySlowBodyIsCutOffByTheRequestReadTimeoutWith408() async throws {
        let app = try await testApplication { $0.limits = ConnectionLimits(idleTimeout: 2, requestReadTimeout: 2, maxConnections: 100) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let response = try await RawHTTPConnection.run { () -> RawHTTPResponse? in
                let connection = try RawHTTPConnection(port: port)
                _ = connection.send("PUT /nuxeo/api/v1/path/default-domain HTTP/1.1\r\nHost: x\r\n\(Self.auth)Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                // A byte every 500 ms keeps the connection busy (under the idle timeout) but never finishes the body.
                for _ in 0..<20 {
                    if !connection.send(" ") { break }
                    usleep(500_000)
                }
                return RawHTTPResponse(connection.readAll())
            }
            #expect(response?.status == 408, "\(response?.head ?? "no response")")
            #expect(response?.body.contains("\"entity-type\":\"exception\"") == true)
            try await expectAlive(port)
        }
    }
}
