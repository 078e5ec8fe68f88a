import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// Nuxeo's TokenAuthenticationServlet: `GET /nuxeo/authentication/token?applicationName&deviceId&deviceDescription&permission`
/// (Basic-authenticated) answers 201 with the caller's token as text; `revoke=true` revokes it (202, or 400 when none).
struct LegacyTokenServlet {
    static let path = "/nuxeo/authentication/token"
    let users: UserDirectory

    func register(on router: Router<NXRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context -> Response in
            guard let principal = context.principal else { return ErrorResponder.response(status: 401, message: "Authentication required") }
            let query = request.uri.queryParameters
            func param(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
            let application = param("applicationName"), deviceId = param("deviceId"), permission = param("permission")
            let revoke = param("revoke")?.lowercased() == "true"
            guard let application, let deviceId, revoke || permission != nil else {
                let required = revoke ? "applicationName, deviceId" : "applicationName, deviceId, permission"
                return ErrorResponder.response(
                    status: 400, message: "The following request parameters are mandatory to \(revoke ? "revoke" : "acquire") an authentication token: \(required).")
            }
            do {
                if revoke {
                    let tokens = try await users.tokens(user: principal.name, application: application).filter { $0.deviceId == deviceId }
                    guard let token = tokens.first else {
                        return Self.text(400, "No token found for userName \(principal.name), applicationName \(application) and deviceId \(deviceId); nothing to do.")
                    }
                    try await users.revokeToken(token.token)
                    return Self.text(202, "Token revoked for userName \(principal.name), applicationName \(application) and deviceId \(deviceId).")
                }
                let token = try await users.acquireToken(user: principal.name, application: application, deviceId: deviceId,
                                                         deviceDescription: param("deviceDescription"), permission: permission)
                return Self.text(201, token)
            } catch {
                return ErrorResponder.response(for: error, logger: context.logger)
            }
        }
    }

    static func text(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=UTF-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
