import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NXAPIRuntime
import NXCore
import NXRuntime

/// Basic authentication for API paths. Unauthenticated requests get 401 with the `WWW-Authenticate` challenge
/// (unless the client asked not to be challenged). Verified credentials are cached so bcrypt runs once per credential.
struct BasicAuthMiddleware: RouterMiddleware {
    typealias Context = NXRequestContext
    let users: UserDirectory
    let protectedPrefixes: [String]
    let realm: String
    let cache = NIOLockedValueBox([String: NXPrincipal]())

    func handle(_ request: Request, context: NXRequestContext, next: (Request, NXRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard protectedPrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return try await next(request, context) }
        guard let header = request.headers[.authorization] else { return challenge(request, "Authentication required") }
        if let principal = cache.withLockedValue({ $0[header] }) {
            var context = context
            context.principal = principal
            return try await next(request, context)
        }
        guard let (user, password) = Self.parseBasic(header),
              let record = try await users.authenticate(name: user, password: password)
        else { return challenge(request, "Unauthorized: wrong credentials") }
        let principal = NXPrincipal(name: record.name, isAdministrator: record.isAdministrator, groups: record.groups)
        cache.withLockedValue { cache in
            if cache.count > 1024 { cache.removeAll() }
            cache[header] = principal
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
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
