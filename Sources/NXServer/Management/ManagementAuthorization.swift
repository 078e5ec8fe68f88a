import NXAPIRuntime
import NXRuntime

extension APIHandlers {
    /// Management access as Nuxeo's ManagementObject: an administrator or the configured technical user, else 403.
    func authorizeManagement(_ context: NXCallContext) throws {
        let technical = management.configuredProperties["nuxeo.management.api.user"]
        guard context.principal.isAdministrator || context.principal.name == technical else {
            throw NXError.forbidden("Management access denied")
        }
    }
}
