import NXAPIRuntime
import NXCore

extension NXPrincipal {
    /// The request's user as the repository sees it (name, groups, administrator).
    var repositoryPrincipal: Principal { Principal(name: name, groups: groups, isAdministrator: isAdministrator) }
}

extension NXCallContext {
    /// The caller as the repository sees it.
    var user: Principal { principal.repositoryPrincipal }
}

extension RenderOptions {
    /// The caller as the repository sees it.
    var user: Principal { principal.repositoryPrincipal }
}
