import NXAPIRuntime
import NXRuntime
import Synchronization

/// Who may call the management API, and on which port, as Nuxeo's `ManagementObject`: with a management port
/// configured (`nuxeo.management.api.http.port`), a request that came in on another port is 404; then the caller must
/// be an administrator, the configured technical user (`nuxeo.management.api.user`, typically a `transient/` user
/// authenticated by a JWT) or a member of a configured group (`nuxeo.management.api.groups`, comma-separated), else
/// 403. Both answers carry `"message": null`, as Nuxeo's `NuxeoException(status)`.
final class ManagementAccess: Sendable {
    /// The technical user, if configured.
    let user: String?
    /// The groups whose members may call it.
    let groups: Set<String>
    /// The configured management port, if any (0: any free port, known once bound).
    let configuredPort: Int?
    private let boundPort = Mutex<Int?>(nil)

    init(user: String?, groups: [String], port: Int?) {
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.groups = Set(groups.filter { !$0.isEmpty })
        configuredPort = port
    }

    /// The port the management listener is bound to (nil while it is not, or when none is configured).
    var port: Int? { boundPort.withLock { $0 } ?? configuredPort.flatMap { $0 == 0 ? nil : $0 } }

    /// Records the port the management listener bound (when configured as 0).
    func bound(port: Int) { boundPort.withLock { $0 = port } }

    /// Throws 404 when the call came in on another port than the management one, 403 when its user may not manage.
    func check(_ call: NXCallContext) throws {
        if configuredPort != nil {
            guard let port, call.localPort == port else {
                throw NXError.withoutMessage(.notFound, reason: "management API called on port \(call.localPort.map(String.init) ?? "none")")
            }
        }
        let principal = call.principal
        guard principal.isAdministrator || principal.name == user || principal.groups.contains(where: groups.contains) else {
            throw NXError.withoutMessage(.forbidden, reason: "management API refused to \(principal.name)")
        }
    }
}

extension APIHandlers {
    /// Management access as Nuxeo's `ManagementObject` (see `ManagementAccess`).
    func authorizeManagement(_ context: NXCallContext) throws {
        try management.access.check(context)
    }
}
