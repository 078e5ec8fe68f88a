import Foundation
import NXClient
import NXClientRuntime
import NXHTTP
import NXModel
import NXRuntime
import Synchronization
import Testing

/// The SDK's typed errors and retries: statuses by name with the exception entity, transport failures of idempotent
/// requests retried with backoff (never a POST), a server that is down, and a body that is not the entity.
@Suite struct ClientErrorTests {
    /// Answers from a script, one per request, recording the methods it was sent.
    final class ScriptedTransport: NXTransport {
        enum Answer { case fail, respond(Int, String) }
        let answers: Mutex<[Answer]>
        let methods = Mutex<[String]>([])

        init(_ answers: [Answer]) { self.answers = Mutex(answers) }

        func send(_ request: NXHTTPRequest) async throws -> NXHTTPResponse {
            methods.withLock { $0.append(request.method) }
            let answer = answers.withLock { $0.isEmpty ? Answer.fail : $0.removeFirst() }
            switch answer {
            case .fail: throw URLError(.networkConnectionLost)
            case .respond(let status, let body): return NXHTTPResponse(status: status, headers: [], body: Array(body.utf8))
            }
        }
    }

    static let document = #"{"entity-type":"document","uid":"u1","path":"/d","type":"File","title":"d"}"#
    static let quick = NXRetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1))

    func client(_ transport: ScriptedTransport, retry: NXRetryPolicy = quick) -> NXClient {
        var client = NXClient(transport: transport, credentials: nil)
        client.core.retry = retry
        return client
    }

    @Test func statusesArriveByNameWithTheExceptionEntity() async {
        let cases: [(Int, (NXClientError) -> Bool)] = [
            (400, { if case .badRequest = $0 { true } else { false } }), (401, { if case .unauthorized = $0 { true } else { false } }),
            (403, { if case .forbidden = $0 { true } else { false } }), (404, { if case .notFound = $0 { true } else { false } }),
            (409, { if case .conflict = $0 { true } else { false } }), (500, { if case .server(500, _) = $0 { true } else { false } }),
        ]
        for (status, matches) in cases {
            let transport = ScriptedTransport([.respond(status, #"{"entity-type":"exception","status":\#(status),"message":"m\#(status)"}"#)])
            do {
                _ = try await client(transport).documents.get(.id("u1"))
                Issue.record("\(status) must throw")
            } catch {
                #expect(matches(error) && error.status == status && error.exception?.message == "m\(status)", "\(status): \(error)")
            }
        }
        // A 404 without an exception entity (a proxy's page) is still .notFound; another status is unexpectedStatus.
        do { _ = try await client(ScriptedTransport([.respond(404, "<html>gone</html>")])).documents.get(.id("u1")) } catch {
            if case .notFound(let e) = error { #expect(e.status == 404 && e.message == "<html>gone</html>") } else { Issue.record("\(error)") }
        }
        do { _ = try await client(ScriptedTransport([.respond(502, "bad gateway")])).documents.get(.id("u1")) } catch {
            if case .unexpectedStatus(502, let body) = error { #expect(body == "bad gateway") } else { Issue.record("\(error)") }
        }
    }

    @Test func idempotentRequestsAreRetriedAfterTransportFailures() async throws {
        let transport = ScriptedTransport([.fail, .fail, .respond(200, Self.document)])
        let document = try await client(transport).documents.get(.id("u1"))
        #expect(document.uid == "u1" && transport.methods.withLock { $0 } == ["GET", "GET", "GET"])

        let exhausted = ScriptedTransport([.fail, .fail, .fail, .respond(200, Self.document)])
        do {
            _ = try await client(exhausted).documents.get(.id("u1"))
            Issue.record("three failures must throw")
        } catch {
            if case .transport = error {} else { Issue.record("\(error)") }
        }
        #expect(exhausted.methods.withLock { $0.count } == 3)

        let post = ScriptedTransport([.fail, .respond(201, Self.document)])
        await #expect(throws: NXClientError.self) {
            _ = try await client(post).documents.create(in: .path("/"), DocumentEntity(type: "File", name: "x"))
        }
        #expect(post.methods.withLock { $0 } == ["POST"])

        let once = ScriptedTransport([.fail, .respond(200, Self.document)])
        await #expect(throws: NXClientError.self) { _ = try await client(once, retry: .none).documents.get(.id("u1")) }
        #expect(once.methods.withLock { $0.count } == 1)
    }

    @Test func aServerThatIsDownIsATransportErrorAndABadBodyADecodingOne() async throws {
        // A loopback port nothing listens on: bind one, note it, close it.
        let port = try #require(Self.closedPort())
        var down = NXClient(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1", user: "u", password: "p")
        down.core.retry = .none
        do {
            _ = try await down.documents.get(.id("u1"))
            Issue.record("a server that is down must throw")
        } catch {
            if case .transport = error {} else { Issue.record("\(error)") }
            #expect(error.status == nil)
        }
        do {
            _ = try await client(ScriptedTransport([.respond(200, "not json")])).documents.get(.id("u1"))
            Issue.record("a body that is not JSON must throw")
        } catch {
            if case .decoding = error {} else { Issue.record("\(error)") }
        }
    }

    static func closedPort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard withUnsafeMutablePointer(to: &address, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }) == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
