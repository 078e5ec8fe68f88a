import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXCore
import NXRuntime
import Testing

/// Request ids on responses, and the Prometheus `/metrics` exposition.
@Suite struct ObservabilityTests {
    static let requestId = HTTPField.Name("X-Request-Id")!

    @Test func everyResponseCarriesARequestId() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            // The client's id is honoured, on success and on error alike.
            var headers = HTTPFields.admin()
            headers[Self.requestId] = "trace-42.a:b_c"
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: headers).headers[Self.requestId] == "trace-42.a:b_c")
            headers[Self.requestId] = "abc"
            #expect(try await client.execute(uri: "/nuxeo/api/v1/id/no-such-doc", method: .get, headers: headers).headers[Self.requestId] == "abc")
            // Without one, or with one that could forge log lines or is too long, the server's own id.
            for bad in [nil, "a b", "a<b>", "new\\nline", String(repeating: "z", count: 129)] {
                var fields = HTTPFields.admin()
                if let bad { fields[Self.requestId] = bad }
                let response = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: fields)
                let id = try #require(response.headers[Self.requestId])
                #expect(id != bad && !id.isEmpty && id.allSatisfy(\.isHexDigit), "\(id) for \(bad ?? "none")")
            }
            let anonymous = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get)
            #expect(anonymous.status == .unauthorized && anonymous.headers[Self.requestId] != nil)
        }
    }

    @Test func metricsCountRequestsPerRouteAndStatus() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin()).status == .ok)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin()).status == .ok)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/id/no-such-doc", method: .get, headers: .admin()).status == .notFound)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/id/no-such-doc", method: .get, headers: .admin()).status == .notFound)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: .admin())
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = metrics.text.split(separator: "\n").map(String.init)
            #expect(lines.contains(#"nx_http_requests_total{method="GET",route="getDocument",status="200"} 2"#))
            #expect(lines.contains(#"nx_http_requests_total{method="GET",route="getDocument",status="404"} 2"#))
            #expect(lines.contains { $0.hasPrefix(#"nx_http_request_duration_seconds_bucket{method="GET",route="getDocument",status="200",le="#) })
            #expect(lines.contains { $0.hasPrefix(#"nx_db_transaction_seconds_count{kind="read"}"#) })
            #expect(lines.contains { $0.hasPrefix(#"nx_db_wait_seconds_count{kind="write"}"#) })
            #expect(lines.contains(#"nx_bulk_active_commands{action="setProperties"} 0.0"#))
            #expect(lines.contains { $0.hasPrefix("nx_db_size_bytes ") })
            #expect(lines.contains { $0.hasPrefix("nx_binary_store_bytes ") })
            // The second read of the domain came from the document cache; the unknown ids and the first read did not.
            let gauge = { (name: String) in lines.first { $0.hasPrefix(name + " ") }.flatMap { Double($0.dropFirst(name.count + 1)) } ?? -1 }
            #expect(gauge("nx_document_cache_hits") + gauge("nx_document_cache_misses") >= 4)
            #expect(gauge("nx_document_cache_misses") >= 2)
            // On PostgreSQL, any write of the cluster (the server's own background work included) empties the cache.
            if LocalPostgres.testBackend != .postgres {
                #expect(gauge("nx_document_cache_hits") >= 1)
                #expect(gauge("nx_document_cache_entries") >= 1)
            }
        }
    }

    @Test func metricsAreGuardedAsTheManagementAPI() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            let user = #"{"entity-type":"user","id":"viewer","properties":{"username":"viewer","password":"pw-viewer"}}"#
            let created = try await client.execute(uri: "/nuxeo/api/v1/user", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                                   body: ByteBuffer(string: user))
            #expect(created.status == .created)
            let viewer: HTTPFields = [.authorization: "Basic " + Data("viewer:pw-viewer".utf8).base64EncodedString()]
            let refused = try await client.execute(uri: "/metrics", method: .get, headers: viewer)
            #expect(refused.status == .forbidden)
            #expect(refused.text == #"{"entity-type":"exception","status":403,"message":null}"#)
        }
    }
}
