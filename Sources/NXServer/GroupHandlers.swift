import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/group`, `/group/{name}`, `/group/{g}/@users`, `/group/{g}/@groups`, `/group/{g}/user/{u}` (Nuxeo's GroupRootObject,
/// GroupObject and the group adapters).
extension APIHandlers {
    func searchGroups(
        repository: String,
        q: String?,
        paging: PagingParameters,
        fetchGroup: [String],
        context: NXCallContext
    ) async throws -> SearchGroupsOutput {
        let page = try await users.searchGroups(q, request: paging.request)
        return .ok(UserJSON.page(page, fetch: fetchGroup))
    }

    func getGroup(
        repository: String,
        groupName: String,
        fetchGroup: [String],
        context: NXCallContext
    ) async throws -> GetGroupOutput {
        .ok(UserJSON.entity(try await existingGroup(groupName), fetch: fetchGroup))
    }

    /// 403 unless allowed, 400 without a name, 409 when it exists.
    func createGroup(
        repository: String,
        fetchGroup: [String],
        body: GroupEntity,
        context: NXCallContext
    ) async throws -> CreateGroupOutput {
        let group = try UserJSON.read(body, over: nil)
        try await access(context).checkGroups([(group.name, group.parentGroups)], message: "Cannot create artifact")
        guard !group.name.isEmpty else { throw NXError.invalid("Group MUST have a name") }
        return .created(UserJSON.entity(try await users.createGroup(group), fetch: fetchGroup))
    }

    /// The group as it is and as it would become must both be editable by the caller.
    func updateGroup(
        repository: String,
        groupName: String,
        fetchGroup: [String],
        body: GroupEntity,
        context: NXCallContext
    ) async throws -> UpdateGroupOutput {
        let current = try await existingGroup(groupName)
        let group = try UserJSON.read(body, over: current)
        try await access(context).checkGroups([(current.name, current.parentGroups), (group.name, group.parentGroups)],
                                              message: "User is not allowed to edit users")
        return .ok(UserJSON.entity(try await users.updateGroup(group), fetch: fetchGroup))
    }

    func deleteGroup(repository: String, groupName: String, context: NXCallContext) async throws -> DeleteGroupOutput {
        let current = try await existingGroup(groupName)
        try await access(context).checkGroups([(current.name, current.parentGroups)], message: "User is not allowed to edit users")
        try await users.deleteGroup(current.name)
        return .noContent
    }

    func getGroupUsers(
        repository: String,
        groupName: String,
        q: String?,
        paging: PagingParameters,
        context: NXCallContext
    ) async throws -> GetGroupUsersOutput {
        let group = try await existingGroup(groupName)
        let page = try await users.searchUsers(q, inGroup: group.name, request: paging.request)
        return .ok(try await userJSON.page(page))
    }

    func getGroupGroups(
        repository: String,
        groupName: String,
        q: String?,
        paging: PagingParameters,
        fetchGroup: [String],
        context: NXCallContext
    ) async throws -> GetGroupGroupsOutput {
        let group = try await existingGroup(groupName)
        let page = try await users.searchGroups(q, subgroupsOf: group.name, request: paging.request)
        return .ok(UserJSON.page(page, fetch: fetchGroup))
    }

    func addGroupMember(
        repository: String,
        groupName: String,
        userName: String,
        context: NXCallContext
    ) async throws -> AddGroupMemberOutput {
        let group = try await existingGroup(groupName)
        guard try await users.user(userName) != nil else { throw NXError.notFound("User not found") }
        return .created(try await addMembership(user: userName, group: group.name, context: context))
    }

    func removeGroupMember(
        repository: String,
        groupName: String,
        userName: String,
        context: NXCallContext
    ) async throws -> RemoveGroupMemberOutput {
        let group = try await existingGroup(groupName)
        guard try await users.user(userName) != nil else { throw NXError.notFound("User not found") }
        return .ok(try await removeMembership(user: userName, group: group.name, context: context))
    }
}
