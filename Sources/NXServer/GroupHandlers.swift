import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/group`, `/group/{name}`, `/group/{g}/@users`, `/group/{g}/@groups`, `/group/{g}/user/{u}` (Nuxeo's GroupRootObject,
/// GroupObject and the group adapters).
extension APIHandlers {
    func searchGroups(_ input: SearchGroupsInput, context: NXCallContext) async throws -> SearchGroupsOutput {
        let page = try await users.searchGroups(input.q, request: PageRequest(pageSize: input.pageSize, currentPageIndex: input.currentPageIndex,
                                                                              offset: input.offset))
        return .ok(UserJSON.page(page, fetch: input.fetchGroup))
    }

    func getGroup(_ input: GetGroupInput, context: NXCallContext) async throws -> GetGroupOutput {
        .ok(UserJSON.entity(try await existingGroup(input.groupName), fetch: input.fetchGroup))
    }

    /// 403 unless allowed, 400 without a name, 409 when it exists.
    func createGroup(_ input: CreateGroupInput, context: NXCallContext) async throws -> CreateGroupOutput {
        let group = try UserJSON.read(input.body, over: nil)
        try await access(context).checkGroups([(group.name, group.parentGroups)], message: "Cannot create artifact")
        guard !group.name.isEmpty else { throw NXError.invalid("Group MUST have a name") }
        return .created(UserJSON.entity(try await users.createGroup(group), fetch: input.fetchGroup))
    }

    /// The group as it is and as it would become must both be editable by the caller.
    func updateGroup(_ input: UpdateGroupInput, context: NXCallContext) async throws -> UpdateGroupOutput {
        let current = try await existingGroup(input.groupName)
        let group = try UserJSON.read(input.body, over: current)
        try await access(context).checkGroups([(current.name, current.parentGroups), (group.name, group.parentGroups)],
                                              message: "User is not allowed to edit users")
        return .ok(UserJSON.entity(try await users.updateGroup(group), fetch: input.fetchGroup))
    }

    func deleteGroup(_ input: DeleteGroupInput, context: NXCallContext) async throws -> DeleteGroupOutput {
        let current = try await existingGroup(input.groupName)
        try await access(context).checkGroups([(current.name, current.parentGroups)], message: "User is not allowed to edit users")
        try await users.deleteGroup(current.name)
        return .noContent
    }

    func getGroupUsers(_ input: GetGroupUsersInput, context: NXCallContext) async throws -> GetGroupUsersOutput {
        let group = try await existingGroup(input.groupName)
        let page = try await users.searchUsers(input.q, inGroup: group.name, request: PageRequest(
            pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: input.offset))
        return .ok(try await userJSON.page(page))
    }

    func getGroupGroups(_ input: GetGroupGroupsInput, context: NXCallContext) async throws -> GetGroupGroupsOutput {
        let group = try await existingGroup(input.groupName)
        let page = try await users.searchGroups(input.q, subgroupsOf: group.name, request: PageRequest(
            pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: input.offset))
        return .ok(UserJSON.page(page, fetch: input.fetchGroup))
    }

    func addGroupMember(_ input: AddGroupMemberInput, context: NXCallContext) async throws -> AddGroupMemberOutput {
        let group = try await existingGroup(input.groupName)
        guard try await users.user(input.userName) != nil else { throw NXError.notFound("User not found") }
        return .created(try await addMembership(user: input.userName, group: group.name, context: context))
    }

    func removeGroupMember(_ input: RemoveGroupMemberInput, context: NXCallContext) async throws -> RemoveGroupMemberOutput {
        let group = try await existingGroup(input.groupName)
        guard try await users.user(input.userName) != nil else { throw NXError.notFound("User not found") }
        return .ok(try await removeMembership(user: input.userName, group: group.name, context: context))
    }
}
