import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Requests an attacker or a careless client sends: each gets its 4xx exception entity and the server keeps answering.
@Suite struct HardeningWireTests {
    /// The server still serves a plain read.
    func expectAlive(_ client: some TestClientProtocol) async throws {
        let alive = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain", method: .get, headers: .admin())
        #expect(alive.status == .ok)
    }

    func expectException(_ response: TestResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Int(response.status.code) == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.json.objectValue?["entity-type"] == .string("exception"), "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.json.objectValue?["status"] == .int(Int64(status)), sourceLocation: sourceLocation)
    }

    @Test func pagingOverflowAnswersAnEmptyPage() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let uris = [
                "/nuxeo/api/v1/path/default-domain/workspaces/@children?pageSize=2&currentPageIndex=9223372036854775807",
                "/nuxeo/api/v1/user/search?q=*&pageSize=999999999999&currentPageIndex=999999999999",
                "/nuxeo/api/v1/group/search?q=*&pageSize=999999999999&currentPageIndex=999999999999",
                "/nuxeo/api/v1/search/lang/NXQL/execute?query=SELECT%20*%20FROM%20Document&pageSize=3&currentPageIndex=9223372036854775807",
                "/nuxeo/api/v1/query?query=SELECT%20*%20FROM%20Document&pageSize=9223372036854775807&currentPageIndex=9223372036854775807",
                "/nuxeo/api/v1/search/pp/latest_docs/execute?pageSize=7&currentPageIndex=9223372036854775807",
                "/nuxeo/api/v1/directory/continent?pageSize=999999999999&currentPageIndex=999999999999",
                "/nuxeo/api/v1/path/default-domain/@audit?pageSize=999999999999&currentPageIndex=999999999999",
            ]
            for uri in uris {
                let response = try await client.execute(uri: uri, method: .get, headers: .admin())
                #expect(response.status == .ok, "\(uri): \(response.text)")
                #expect(response.json.objectValue?["entries"]?.arrayValue?.isEmpty == true, "\(uri)")
            }
            let unlimited = try await client.execute(uri: "/nuxeo/api/v1/query?query=SELECT%20*%20FROM%20Document&maxResults=9223372036854775807",
                                                     method: .get, headers: .admin())
            #expect(unlimited.status == .ok && unlimited.json.objectValue?["resultsCount"]?.int64Value ?? 0 > 0)
            try await expectAlive(client)
        }
    }

    @Test func nulInNamesAndPathsIsRefused() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let body = #"{"entity-type":"document","type":"Note","name":"nul\u0000a"}"#
            for _ in 0..<2 {
                let create = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                                                      headers: .admin([("Content-Type", "application/json")]), body: ByteBuffer(string: body))
                expectException(create, 400)
            }
            let lookup = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces/nul%00x", method: .get, headers: .admin())
            expectException(lookup, 400)
            let query = try await client.execute(uri: "/nuxeo/api/v1/query?query=SELECT%20*%20FROM%20Document%20WHERE%20dc:title%20=%20'a%00b'",
                                                 method: .get, headers: .admin())
            expectException(query, 400)
            // Writes are not wedged, and nothing named `nul` was stored.
            let ok = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                                              headers: .admin([("Content-Type", "application/json")]),
                                              body: ByteBuffer(string: #"{"entity-type":"document","type":"Note","name":"after"}"#))
            #expect(ok.status == .created)
            let nul = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces/nul", method: .get, headers: .admin())
            expectException(nul, 404)
        }
    }

    @Test func namedParametersAreDataNotNXQL() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let create = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                                                  headers: .admin([("Content-Type", "application/json")]),
                                                  body: ByteBuffer(string: #"{"entity-type":"document","type":"Note","name":"ob","properties":{"dc:title":"O'Brien","dc:description":"d"}}"#))
            #expect(create.status == .created)
            let injected = "x'%20OR%20ecm:isVersion%20=%200%20OR%20dc:title%20=%20'y"
            let widened = try await client.execute(uri: "/nuxeo/api/v1/search/pp/docs_by_title_and_desc/execute?title=\(injected)&desc=%25",
                                                   method: .get, headers: .admin())
            #expect(widened.status == .ok)
            #expect(widened.json.objectValue?["resultsCount"] == .int(0), "\(widened.text)")
            let quoted = try await client.execute(
                uri: "/nuxeo/api/v1/search/lang/NXQL/execute?query=SELECT%20*%20FROM%20Note%20WHERE%20dc:title%20=%20:t&t=O'Brien",
                method: .get, headers: .admin())
            #expect(quoted.status == .ok, "\(quoted.text)")
            #expect(quoted.json.objectValue?["resultsCount"] == .int(1))
            let byTitle = try await client.execute(uri: "/nuxeo/api/v1/search/pp/docs_by_title_and_desc/execute?title=O'Brien&desc=%25",
                                                   method: .get, headers: .admin())
            #expect(byTitle.json.objectValue?["resultsCount"] == .int(1), "\(byTitle.text)")
        }
    }

    @Test func databaseLimitsAreBadRequests() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let keys = Array(repeating: "dc:title", count: 2000).joined(separator: ",")
            let response = try await client.execute(uri: "/nuxeo/api/v1/query?query=SELECT%20*%20FROM%20Document%20ORDER%20BY%20" + keys,
                                                    method: .get, headers: .admin())
            expectException(response, 400)
            #expect(response.text.count < 2000, "the SQL is not echoed")
            try await expectAlive(client)
        }
    }

    @Test func oversizeBodyIs413() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024 * 1024 + 1)
            let response = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain/workspaces", method: .post,
                                                    headers: .admin([("Content-Type", "application/json")]), body: big)
            expectException(response, 413)
            try await expectAlive(client)
        }
    }

    @Test func everyResponseCarriesNuxeosGlobalHeaders() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            for (uri, headers) in [("/nuxeo/api/v1/path/default-domain", HTTPFields.admin()), ("/nuxeo/api/v1/path/nope", .admin()),
                                   ("/nuxeo/api/v1/path/default-domain", [:]), ("/nowhere", [:])] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("img-src data: blob: *;") == true)
                #expect(response.headers[.cacheControl] == "no-cache")
            }
        }
    }

    @Test func unknownURLsAndDoubleSlashesAnswerJSON() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            expectException(try await client.execute(uri: "/nowhere/at/all", method: .get), 404)
            let doubled = try await client.execute(uri: "/nuxeo//api/v1//path/default-domain", method: .get, headers: .admin())
            #expect(doubled.status == .ok, "\(doubled.text)")
        }
    }

    @Test func failedLoginsAreThrottledWithRetryAfter() async throws {
        let app = try await testApplication { $0.maxFailedLogins = 3 }
        try await app.test(.router) { client in
            let wrong = "Basic " + Data("Administrator:wrong".utf8).base64EncodedString()
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: [.authorization: wrong])
                expectException(response, 401)
            }
            let throttled = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: [.authorization: wrong])
            expectException(throttled, 429)
            let wait = try #require(throttled.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
        }
    }
}
