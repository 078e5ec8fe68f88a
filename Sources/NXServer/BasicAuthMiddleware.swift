import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NXAPIRuntime
import NXCore
import NXRuntime

/// Authentication for API paths: a JWT bearer token (`Authorization: Bearer` or `access_token`), Basic
/// (`Authorization`), else a token (`X-Authentication-Token`), as Nuxeo's chain `JWT_AUTH, AUTOMATION_BASIC_AUTH,
/// TOKEN_AUTH`. Unauthenticated requests get 401 with the `WWW-Authenticate` challenge
/// (unless the client sent a token or asked not to be challenged).
///
/// Verified credentials and tokens are cached so bcrypt runs once per credential; the cache is dropped whenever the
/// user directory's `generation` changes (a password, a membership, a user, a group or a token changed).
/// Failed logins are throttled per client address and per user name (`LoginThrottle`): past the limit → 429 with
/// `Retry-After`, before any password check.
struct BasicAuthMiddleware: RouterMiddleware {
    typealias Context = NXRequestContext
    static let tokenHeader = HTTPField.Name("X-Authentication-Token")!

    let users: UserDirectory
    let protectedPrefixes: [String]
    let realm: String
    let throttle: LoginThrottle
    let cache = PrincipalCache()
    /// Verifies bearer tokens; nil when no `nuxeo.jwt.secret` is configured (every bearer token is then refused).
    var jwt: JWTAuthenticator? = nil

    func handle(_ request: Request, context: NXRequestContext, next: (Request, NXRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard protectedPrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return try await next(request, context) }
        let key: String
        let resolve: () async throws -> UserRecord?
        var userName: String?
        var basicHeader: String?
        // Failed passwords and tokens are throttled; a JWT refused for its user is not (its signature was checked).
        var throttled = true
        var failure = "Unauthorized: wrong credentials"
        if let token = Self.bearerToken(request) {
            // As Nuxeo's `JWTAuthenticator`: the signature and claims are checked on every request (an HMAC,
            // microseconds); the subject is the user — a `transient/` name is a user of its own, without groups, that no
            // directory holds; another name must be a stored user, whose principal is cached by name.
            guard let jwt else { return challenge(request, "Unauthorized: JWT authentication is not configured") }
            let subject: String
            do { subject = try await jwt.subject(of: token, path: request.uri.path) } catch {
                context.logger.debug("JWT refused", metadata: ["reason": "\(error)"])
                return challenge(request, "Unauthorized: invalid token")
            }
            key = "jwt " + subject
            throttled = false
            failure = "Unauthorized: unknown user"
            resolve = { subject.hasPrefix(Self.transientPrefix) ? UserRecord(name: subject) : try await users.user(subject) }
        } else if let header = request.headers[.authorization] {
            key = "basic " + header
            // Decoded only when the credential is not cached.
            basicHeader = header
            resolve = {
                guard let (user, password) = Self.parseBasic(header) else { return nil }
                return try await users.authenticate(name: user, password: password)
            }
        } else if let token = request.headers[Self.tokenHeader] {
            key = "token " + token
            resolve = { try await users.authenticate(token: token) }
        } else {
            return challenge(request, "Authentication required")
        }
        let generation = await users.generation()
        var principal = cache.principal(for: key, generation: generation)
        if principal == nil {
            if let basicHeader { userName = Self.parseBasic(basicHeader)?.0 }
            let attempt = LoginThrottle.keys(client: context.remoteAddress?.ipAddress, user: userName)
            if throttled, let wait = throttle.retryAfter(attempt) {
                return ErrorResponder.response(status: 429, message: "Too many failed login attempts: retry in \(wait) seconds",
                                               headers: [.retryAfter: String(wait)])
            }
            guard let record = try await resolve() else {
                if throttled { throttle.recordFailure(attempt) }
                return challenge(request, failure)
            }
            let resolved = Self.principal(record)
            cache.store(resolved, for: key, generation: generation)
            principal = resolved
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }

    /// Nuxeo's prefix of transient user names (`NuxeoPrincipal.TRANSIENT_USER_PREFIX`).
    static let transientPrefix = "transient/"

    /// The bearer token of a request: `Authorization: Bearer <token>`, else the `access_token` query parameter.
    static func bearerToken(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            // The scheme compared byte by byte, case-insensitively: this runs on every request.
            let utf8 = header.utf8
            guard let space = utf8.firstIndex(of: UInt8(ascii: " ")), utf8.distance(from: utf8.startIndex, to: space) == 6,
                  zip(utf8[..<space], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 })
            else { return nil }
            return header[header.index(after: space)...].trimmingCharacters(in: .whitespaces)
        }
        guard request.headers[tokenHeader] == nil, let token = request.uri.queryParameters["access_token"], !token.isEmpty else { return nil }
        return String(token)
    }

    /// The request principal of a user: administrator when in `administrators` (directly or through subgroups).
    static func principal(_ record: UserRecord) -> NXPrincipal {
        NXPrincipal(name: record.name, isAdministrator: record.isAdministrator, groups: record.allGroups)
    }

    func challenge(_ request: Request, _ message: String) -> Response {
        var headers: HTTPFields = [:]
        let quiet = ["X-Authentication-Token", "X-No-Basic-Header", "Cookie"].contains { request.headers[HTTPField.Name($0)!] != nil }
        if !quiet { headers[.wwwAuthenticate] = "Basic realm=\"\(realm)\"" }
        return ErrorResponder.response(status: 401, message: message, headers: headers)
    }

    /// `Basic base64(user:password)` → (user, password).
    static func parseBasic(_ header: String) -> (String, String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", let data = Data(base64Encoded: String(parts[1])) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// Verified credentials → principal, valid for one user-directory generation.
final class PrincipalCache: Sendable {
    private let state = NIOLockedValueBox((generation: UInt64(0), entries: [String: NXPrincipal]()))

    /// The cached principal, if cached under the current `generation`.
    func principal(for key: String, generation: UInt64) -> NXPrincipal? {
        state.withLockedValue { state in
            if state.generation != generation {
                state = (generation, [:])
                return nil
            }
            return state.entries[key]
        }
    }

    /// Caches a principal resolved while the directory was at `generation` (a stale result is not kept).
    func store(_ principal: NXPrincipal, for key: String, generation: UInt64) {
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count > 1024 { state.entries.removeAll() }
            state.entries[key] = principal
        }
    }
}
