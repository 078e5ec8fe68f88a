import NXAPIRuntime
import NXCore
import NXRuntime

/// Who may write users and groups (Nuxeo's AbstractUMObject / AbstractUMRootObject guards): administrators always;
/// members of `powerusers` only for users and groups that are not, and do not become, administrators.
struct UserAccess {
    let users: UserDirectory
    let principal: NXPrincipal

    var isPowerUser: Bool { principal.groups.contains(UserDirectory.powerUsersGroup) }

    /// Whether a user with these direct groups would not be an administrator.
    func isPowerUserEditable(userGroups: [String]) async throws -> Bool {
        !(try await users.groupAndAncestors(userGroups)).contains(UserDirectory.administratorsGroup)
    }

    /// Whether a group with these parents (and the group itself) is outside the administrators hierarchy.
    func isPowerUserEditable(group: String, parents: [String]) async throws -> Bool {
        !(try await users.groupAndAncestors([group] + parents)).contains(UserDirectory.administratorsGroup)
    }

    /// 403 unless the caller may create or edit users with all of these group lists (current and new).
    func checkUsers(_ groupLists: [[String]], message: String) async throws {
        if principal.isAdministrator { return }
        guard isPowerUser else { throw NXError.forbidden(message) }
        for groups in groupLists where !(try await isPowerUserEditable(userGroups: groups)) { throw NXError.forbidden(message) }
    }

    /// 403 unless the caller may create or edit groups with all of these (name, parents) (current and new).
    func checkGroups(_ groups: [(String, [String])], message: String) async throws {
        if principal.isAdministrator { return }
        guard isPowerUser else { throw NXError.forbidden(message) }
        for (name, parents) in groups where !(try await isPowerUserEditable(group: name, parents: parents)) { throw NXError.forbidden(message) }
    }

    /// 403 unless the caller may change `user`'s membership of `group`.
    func checkMembership(user: UserRecord, group: GroupRecord) async throws {
        try await checkUsers([user.groups], message: "Cannot edit user")
        try await checkGroups([(group.name, group.parentGroups)], message: "Cannot edit user")
    }
}
