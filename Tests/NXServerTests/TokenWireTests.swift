import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// Token acquisition and authentication on the wire: content types, the legacy servlet, no Basic challenge for tokens.
@Suite struct TokenWireTests {
    @Test func tokensOverTheWire() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            // POST /token answers plain text unless the client accepts only JSON.
            let text = try await client.execute(uri: "/nuxeo/api/v1/token?application=a&deviceId=d&permission=rw", method: .post,
                                                headers: .admin([("Accept", "text/plain")]))
            #expect(text.status == .created)
            #expect(text.headers[.contentType]?.hasPrefix("text/plain") == true)
            let token = text.text
            #expect(!token.isEmpty && !token.hasPrefix("\""))
            let json = try await client.execute(uri: "/nuxeo/api/v1/token?application=a&deviceId=d&permission=rw", method: .post,
                                                headers: .admin([("Accept", "application/json")]))
            #expect(json.status == .created && json.json == .string(token))

            // The legacy servlet hands out the same token for the same triple.
            let legacy = try await client.execute(uri: "/nuxeo/authentication/token?applicationName=a&deviceId=d&permission=rw", method: .get,
                                                  headers: .admin())
            #expect(legacy.status == .created && legacy.text == token)
            let incomplete = try await client.execute(uri: "/nuxeo/authentication/token?applicationName=a", method: .get, headers: .admin())
            #expect(incomplete.status == .badRequest)
            let anonymous = try await client.execute(uri: "/nuxeo/authentication/token?applicationName=a&deviceId=d&permission=rw", method: .get)
            #expect(anonymous.status == .unauthorized)

            // The token authenticates; an unknown one is 401 without a Basic challenge.
            var headers: HTTPFields = [:]
            headers[HTTPField.Name("X-Authentication-Token")!] = token
            let me = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: headers)
            #expect(me.status == .ok && me.json.objectValue?["id"] == .string("Administrator"))
            headers[HTTPField.Name("X-Authentication-Token")!] = "nope"
            let unknown = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: headers)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.headers[.wwwAuthenticate] == nil)
            #expect(unknown.json.objectValue?["entity-type"] == .string("exception"))

            // Revoked through the legacy servlet: the cached principal is dropped.
            let revoke = try await client.execute(uri: "/nuxeo/authentication/token?applicationName=a&deviceId=d&revoke=true", method: .get,
                                                  headers: .admin())
            #expect(revoke.status == .accepted)
            headers[HTTPField.Name("X-Authentication-Token")!] = token
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: headers).status == .unauthorized)
        }
    }
}
