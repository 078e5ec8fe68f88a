import Foundation
import Crypto
import JWTKit

/// Verifies JSON Web Tokens as Nuxeo's `JWTService` and `JWTAuthenticator` do: signed with HMAC SHA-512 (`HS512`)
/// and the secret `nuxeo.jwt.secret`; `exp` and `nbf`, when present, must hold now (no leeway, as Nuxeo's verifier);
/// an `aud` claim, when present, must be a string that the request path (after `/nuxeo/`) starts with; `sub` names
/// the user. Any other algorithm — `none` included — is refused before the signature is looked at.
///
/// A token that fails any check authenticates nobody: the request goes on as unauthenticated (401 on API paths).
struct JWTAuthenticator: Sendable {
    /// The claims Nuxeo reads; others are ignored.
    struct Claims: JWTPayload {
        var sub: SubjectClaim?
        var exp: ExpirationClaim?
        var nbf: NotBeforeClaim?
        var aud: AudienceClaim?

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp?.verifyNotExpired()
            try nbf?.verifyNotBefore()
        }
    }

    /// Why a token was refused (logged at debug level; clients only see 401).
    enum Failure: Error, Equatable {
        case malformed
        case algorithm(String)
        case signatureOrClaims
        case audience
        case noSubject
    }

    private let keys: JWTKeyCollection

    /// An authenticator for tokens signed with `secret` (nuxeo.conf `nuxeo.jwt.secret`).
    init(secret: String) async {
        keys = await JWTKeyCollection().add(hmac: HMACKey(key: Self.keyBytes(secret)), digestAlgorithm: .sha512)
    }

    /// The key bytes: the secret's UTF-8, zero-padded to 64 bytes. HMAC pads a key shorter than its block (128 bytes
    /// for SHA-512) with zeros anyway, so the padding changes no signature; it only satisfies jwt-kit's minimum key
    /// size, so that a short secret configured for Nuxeo keeps working here.
    static func keyBytes(_ secret: String) -> SymmetricKey {
        var bytes = Array(secret.utf8)
        if bytes.count < 64 { bytes += [UInt8](repeating: 0, count: 64 - bytes.count) }
        return SymmetricKey(data: bytes)
    }

    /// The user name a token authenticates for a request to `path` (the request path, `/nuxeo/...`).
    func subject(of token: String, path: String) async throws(Failure) -> String {
        guard let algorithm = Self.algorithm(of: token) else { throw .malformed }
        guard algorithm == "HS512" else { throw .algorithm(algorithm) }
        let claims: Claims
        do { claims = try await keys.verify(token, as: Claims.self) } catch { throw .signatureOrClaims }
        if let audience = claims.aud?.value {
            // Nuxeo reads a single string audience; a list (which jwt-kit also accepts) must hold exactly one.
            guard audience.count == 1, Self.relativePath(path).hasPrefix(audience[0]) else { throw .audience }
        }
        guard let subject = claims.sub?.value, !subject.isEmpty else { throw .noSubject }
        return subject
    }

    /// The `alg` of a token's header, or nil when the header is not base64url JSON with a string `alg`.
    static func algorithm(of token: String) -> String? {
        guard let dot = token.firstIndex(of: "."), let data = base64URLDecoded(token[..<dot]),
              let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header["alg"] as? String
    }

    /// The request path after the `/nuxeo/` context, as Nuxeo compares audiences (`api/v1/...`).
    static func relativePath(_ path: String) -> Substring {
        let context = "/nuxeo/"
        return path.hasPrefix(context) ? path.dropFirst(context.count) : path.drop { $0 == "/" }
    }

    static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}
