import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// A compact JWS signed with HMAC (`HS512` unless `alg` says otherwise; `none` leaves the signature empty), built here
/// with swift-crypto alone so that the server's jwt-kit verification is checked against an independent signer.
func signedJWT(_ claims: [String: Any], secret: String, alg: String = "HS512") -> String {
    func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
    let header = encode(try! JSONSerialization.data(withJSONObject: ["alg": alg, "typ": "JWT"], options: [.sortedKeys]))
    let payload = encode(try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
    let input = Data((header + "." + payload).utf8)
    let key = SymmetricKey(data: Data(secret.utf8))
    let signature: Data
    switch alg {
    case "HS512": signature = Data(HMAC<SHA512>.authenticationCode(for: input, using: key))
    case "HS256": signature = Data(HMAC<SHA256>.authenticationCode(for: input, using: key))
    default: signature = Data()
    }
    return header + "." + payload + "." + encode(signature)
}

let jwtTestSecret = "s3cret"
let farFuture = 4_102_444_800

/// `Authorization: Bearer <token>`.
func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer " + token] }

/// JWT bearer authentication as Nuxeo's `JWTAuthenticator` (HS512 with `nuxeo.jwt.secret`; `exp`, `nbf`, `aud`, `sub`).
@Suite struct JWTAuthenticationTests {
    @Test func aValidTokenAuthenticatesItsSubjectOnTheWholeAPI() async throws {
        let app = try await testApplication { $0.jwtSecret = jwtTestSecret }
        try await app.test(.router) { client in
            // A short secret (6 bytes) works: the key is zero-padded, which changes no HMAC.
            let token = signedJWT(["sub": "Administrator", "iss": "nuxeo", "exp": farFuture], secret: jwtTestSecret)
            let me = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(token))
            #expect(me.status == .ok)
            #expect(me.json.objectValue?["id"] == .string("Administrator"))
            #expect(me.json.objectValue?["isAdministrator"] == .bool(true))
            // The access_token query parameter, as Nuxeo reads it.
            let query = try await client.execute(uri: "/nuxeo/api/v1/path/default-domain?access_token=\(token)", method: .get)
            #expect(query.status == .ok)
            // No exp at all: accepted, as Nuxeo's verifier does not require one.
            let noExpiry = signedJWT(["sub": "Administrator"], secret: jwtTestSecret)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(noExpiry)).status == .ok)
            // A transient user exists only through its token: no groups, not an administrator.
            let transient = signedJWT(["sub": "transient/robot", "exp": farFuture], secret: jwtTestSecret)
            let robot = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(transient))
            #expect(robot.status == .ok)
            #expect(robot.json.objectValue?["id"] == .string("transient/robot"))
            #expect(robot.json.objectValue?["isAdministrator"] == .bool(false))
        }
    }

    @Test func badTokensAuthenticateNobody() async throws {
        let app = try await testApplication { $0.jwtSecret = jwtTestSecret }
        let now = Int(Date().timeIntervalSince1970)
        let refused: [(String, String)] = [
            ("expired", signedJWT(["sub": "Administrator", "exp": now - 5], secret: jwtTestSecret)),
            ("not yet valid", signedJWT(["sub": "Administrator", "nbf": now + 3600, "exp": farFuture], secret: jwtTestSecret)),
            ("alg none", signedJWT(["sub": "Administrator", "exp": farFuture], secret: jwtTestSecret, alg: "none")),
            ("HS256 with the right secret", signedJWT(["sub": "Administrator", "exp": farFuture], secret: jwtTestSecret, alg: "HS256")),
            ("another secret", signedJWT(["sub": "Administrator", "exp": farFuture], secret: "other")),
            ("unknown user", signedJWT(["sub": "nobody-here", "exp": farFuture], secret: jwtTestSecret)),
            ("no subject", signedJWT(["exp": farFuture], secret: jwtTestSecret)),
            ("subject not a string", signedJWT(["sub": 42, "exp": farFuture], secret: jwtTestSecret)),
            ("audience of another path", signedJWT(["sub": "Administrator", "aud": "api/v1/management", "exp": farFuture], secret: jwtTestSecret)),
            ("garbage", "not.a.jwt"),
            ("empty parts", ".."),
            ("huge header", String(repeating: "A", count: 20_000) + ".e30.x"),
        ]
        try await app.test(.router) { client in
            for (why, token) in refused {
                let response = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(token))
                #expect(response.status == .unauthorized, "\(why)")
                #expect(response.json.objectValue?["entity-type"] == .string("exception"), "\(why)")
            }
            // An audience the request path starts with (after /nuxeo/) is accepted.
            let scoped = signedJWT(["sub": "Administrator", "aud": "api/v1", "exp": farFuture], secret: jwtTestSecret)
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(scoped)).status == .ok)
        }
    }

    @Test func withoutASecretBearerTokensAreRefused() async throws {
        let app = try await testApplication()
        try await app.test(.router) { client in
            let token = signedJWT(["sub": "Administrator", "exp": farFuture], secret: jwtTestSecret)
            let response = try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: bearer(token))
            #expect(response.status == .unauthorized)
            // Basic still works beside it.
            #expect(try await client.execute(uri: "/nuxeo/api/v1/me", method: .get, headers: .admin()).status == .ok)
        }
    }
}
