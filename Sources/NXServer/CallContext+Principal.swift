import NXAPIRuntime
import NXCore

extension NXCallContext {
    /// The caller as the repository sees it (name, groups, administrator).
    var user: Principal { Principal(name: principal.name, groups: principal.groups, isAdministrator: principal.isAdministrator) }
}

extension RenderOptions {
    /// The caller as the repository sees it.
    var user: Principal { Principal(name: principal.name, groups: principal.groups, isAdministrator: principal.isAdministrator) }
}
