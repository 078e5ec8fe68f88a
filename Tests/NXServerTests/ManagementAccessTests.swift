import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Synchronization
import Testing

/// Who may call the management API, and on which port, as Nuxeo's `ManagementObject`.
@Suite struct ManagementAccessTests {
    @Test func administratorsTheTechnicalUserAndConfiguredGroupsOnly() async throws {
        let app = try await testApplication {
            $0.jwtSecret = jwtTestSecret
            $0.managementUser = "transient/ops"
            $0.managementGroups = ["operators"]
        }
        try await app.test(.router) { client in
            let body: (String) -> ByteBuffer = { ByteBuffer(string: $0) }
            let group = try await client.execute(uri: "/nuxeo/api/v1/group", method: .post, headers: .admin([("Content-Type", "application/json")]),
                                                 body: body(#"{"entity-type":"group","groupname":"operators"}"#))
            #expect(group.status == .created)
            for (name, groups) in [("joe", "members"), ("olga", "operators")] {
                let user = """
                    {"entity-type":"user","id":"\(name)","properties":{"username":"\(name)","password":"pw-\(name)","groups":["\(groups)"]}}
                    """
                let created = try await client.execute(uri: "/nuxeo/api/v1/user", method: .post,
                                                       headers: .admin([("Content-Type", "application/json")]), body: body(user))
                #expect(created.status == .created)
            }
            func basic(_ user: String) -> HTTPFields { [.authorization: "Basic " + Data("\(user):pw-\(user)".utf8).base64EncodedString()] }
            let path = "/nuxeo/api/v1/management/distribution"
            #expect(try await client.execute(uri: path, method: .get, headers: .admin()).status == .ok)
            let ops = signedJWT(["sub": "transient/ops", "exp": farFuture], secret: jwtTestSecret)
            #expect(try await client.execute(uri: path, method: .get, headers: bearer(ops)).status == .ok)
            #expect(try await client.execute(uri: path, method: .get, headers: basic("olga")).status == .ok)
            // An ordinary user, by password or by token: 403 with a null message, as Nuxeo's NuxeoException(403).
            let joeToken = signedJWT(["sub": "joe", "exp": farFuture], secret: jwtTestSecret)
            for headers in [basic("joe"), bearer(joeToken), bearer(signedJWT(["sub": "transient/other", "exp": farFuture], secret: jwtTestSecret))] {
                let refused = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(refused.status == .forbidden)
                #expect(refused.text == #"{"entity-type":"exception","status":403,"message":null}"#)
            }
            // The rest of the API takes joe's token.
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(joeToken)).status == .ok)
        }
    }

    @Test func withAManagementPortTheMainPortAnswers404() async throws {
        let managementPort = Mutex<Int?>(nil)
        let app = try await testApplication {
            $0.managementPort = 0
            $0.onManagementListening = { port in managementPort.withLock { $0 = port } }
        }
        try await app.test(.live) { client in
            let main = try await client.execute(uri: "/nuxeo/api/v1/management/distribution", method: .get, headers: .admin())
            #expect(main.status == .notFound)
            #expect(main.text == #"{"entity-type":"exception","status":404,"message":null}"#)
            var port: Int?
            for _ in 0..<100 where port == nil {
                port = managementPort.withLock { $0 }
                if port == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            let management = try #require(port)
            #expect(management != client.port)
            func get(_ path: String) async throws -> RawHTTPResponse? {
                try await RawHTTPConnection.run {
                    let connection = try RawHTTPConnection(port: management)
                    connection.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(adminAuthorization)\r\nConnection: close\r\n\r\n")
                    return RawHTTPResponse(connection.readAll())
                }
            }
            let distribution = try #require(try await get("/nuxeo/api/v1/management/distribution"))
            #expect(distribution.status == 200)
            #expect(distribution.body.contains(#""entity-type":"serverInfo""#))
            // The rest of the API is served there too, as by a second Tomcat connector.
            #expect(try await get("/nuxeo/api/v1/me")?.status == 200)
        }
    }
}
