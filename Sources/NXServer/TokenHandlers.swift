import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/token` (Nuxeo's AuthenticationTokensObject): the caller's authentication tokens.
extension APIHandlers {
    static func entity(_ t: AuthToken) -> TokenEntity {
        TokenEntity(id: t.token, username: t.userName, application: t.application, deviceId: t.deviceId,
                    deviceDescription: t.deviceDescription, permission: t.permission, creationDate: NXDate.format(millis: t.created))
    }

    func listTokens(repository: String, application: String?, context: NXCallContext) async throws -> ListTokensOutput {
        .ok(TokensEntity(entries: try await users.tokens(user: context.principal.name, application: application).map(Self.entity)))
    }

    /// 201 with the token as text, or as a JSON string when the client accepts JSON but not text.
    func createToken(
        repository: String,
        application: String?,
        deviceId: String?,
        deviceDescription: String?,
        permission: String?,
        accept: String?,
        context: NXCallContext
    ) async throws -> CreateTokenOutput {
        let token = try await users.acquireToken(
            user: context.principal.name, application: application, deviceId: deviceId,
            deviceDescription: deviceDescription, permission: permission)
        return .created(Self.tokenBody(token, accept: accept))
    }

    /// Plain text unless `Accept` names JSON and neither text nor any type (Jersey's choice between the two methods).
    static func tokenBody(_ token: String, accept: String?) -> NXBody {
        let types = (accept ?? "").lowercased().split(separator: ",").map { $0.split(separator: ";").first.map { String($0).trimmingWhitespace } ?? "" }
        let json = types.contains("application/json") && !types.contains("text/plain") && !types.contains("*/*") && !types.contains("text/*")
        if json { return .json(.string(token), status: 201) }
        return .bytes(Array(token.utf8), contentType: "text/plain; charset=UTF-8", status: 201)
    }

    /// 204; only one's own tokens, except for administrators (403); an unknown token is a no-op, as in Nuxeo.
    func deleteToken(repository: String, token: String, context: NXCallContext) async throws -> DeleteTokenOutput {
        if let token = try await users.token(token) {
            guard token.userName == context.principal.name || context.principal.isAdministrator else {
                throw NXError.forbidden("Cannot revoke the token of another user")
            }
            try await users.revokeToken(token.token)
        }
        return .noContent
    }
}
