import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/user`, `/user/{name}`, `/user/{u}/group/{g}`, `/me` (Nuxeo's UserRootObject, UserObject, UserToGroupObject, MeObject).
extension APIHandlers {
    var userJSON: UserJSON { UserJSON(users: users) }

    func access(_ context: NXCallContext) -> UserAccess { UserAccess(users: users, principal: context.principal) }

    func existingUser(_ name: String) async throws -> UserRecord {
        guard let user = try await users.user(name) else { throw NXError.notFound("user does not exist") }
        return user
    }

    func existingGroup(_ name: String) async throws -> GroupRecord {
        guard let group = try await users.group(name) else { throw NXError.notFound("group does not exist") }
        return group
    }

    func searchUsers(
        repository: String,
        q: String?,
        paging: PagingParameters,
        context: NXCallContext
    ) async throws -> SearchUsersOutput {
        let page = try await users.searchUsers(q, request: paging.request)
        return .ok(try await userJSON.page(page))
    }

    func getUser(repository: String, userName: String, context: NXCallContext) async throws -> GetUserOutput {
        .ok(try await userJSON.entity(try await existingUser(userName)))
    }

    /// 403 unless allowed, 409 when it exists, 400 without a name, 403 when one of its groups does not exist.
    /// A password is optional, as in Nuxeo (the reader's sample sends `"password": ""`): without one the user exists but
    /// cannot log in until a password is set.
    func createUser(repository: String, body: UserEntity, context: NXCallContext) async throws -> CreateUserOutput {
        let (user, password) = try UserJSON.read(body, over: nil)
        try await access(context).checkUsers([user.groups], message: "Cannot create artifact")
        if try await users.user(user.name) != nil { throw NXError.conflict("User already exists") }
        guard !user.name.isEmpty else { throw NXError.invalid("User MUST have a name") }
        return .created(try await userJSON.entity(try await users.createUser(user, password: password)))
    }

    /// The user as it is and as it would become must both be editable by the caller.
    func updateUser(
        repository: String,
        userName: String,
        body: UserEntity,
        context: NXCallContext
    ) async throws -> UpdateUserOutput {
        let current = try await existingUser(userName)
        let (user, password) = try UserJSON.read(body, over: current)
        try await access(context).checkUsers([current.groups, user.groups], message: "User is not allowed to edit users")
        return .ok(try await userJSON.entity(try await users.updateUser(user, password: password)))
    }

    func deleteUser(repository: String, userName: String, context: NXCallContext) async throws -> DeleteUserOutput {
        let current = try await existingUser(userName)
        try await access(context).checkUsers([current.groups], message: "User is not allowed to edit users")
        try await users.deleteUser(current.name)
        return .noContent
    }

    func addUserToGroup(
        repository: String,
        userName: String,
        groupName: String,
        context: NXCallContext
    ) async throws -> AddUserToGroupOutput {
        .created(try await addMembership(user: userName, group: groupName, context: context))
    }

    func removeUserFromGroup(
        repository: String,
        userName: String,
        groupName: String,
        context: NXCallContext
    ) async throws -> RemoveUserFromGroupOutput {
        .ok(try await removeMembership(user: userName, group: groupName, context: context))
    }

    /// POST `/user/{u}/group/{g}` and `/group/{g}/user/{u}`: 201 with the updated user.
    func addMembership(
        user userName: String,
        group groupName: String,
        context: NXCallContext
    ) async throws -> UserEntity {
        let user = try await existingUser(userName)
        guard let group = try await users.group(groupName) else { throw NXError.notFound("Group not found") }
        try await access(context).checkMembership(user: user, group: group)
        try await users.addUser(user.name, toGroup: group.name)
        return try await userJSON.entity(try await existingUser(user.name))
    }

    /// DELETE `/user/{u}/group/{g}` and `/group/{g}/user/{u}`: 200 with the user name as text.
    func removeMembership(
        user userName: String,
        group groupName: String,
        context: NXCallContext
    ) async throws -> NXBody {
        let user = try await existingUser(userName)
        guard let group = try await users.group(groupName) else { throw NXError.notFound("Group not found") }
        try await access(context).checkMembership(user: user, group: group)
        try await users.removeUser(user.name, fromGroup: group.name)
        return .bytes(Array(user.name.utf8), contentType: "text/plain; charset=UTF-8")
    }

    /// The caller; a transient user (authenticated by a JWT, in no directory) is shown as Nuxeo shows its transient
    /// principal: its name, no groups.
    func getMe(repository: String, context: NXCallContext) async throws -> GetMeOutput {
        let name = context.principal.name
        if name.hasPrefix(BasicAuthMiddleware.transientPrefix) {
            return .ok(try await userJSON.entity(UserRecord(name: name)))
        }
        return .ok(try await userJSON.entity(try await existingUser(name)))
    }

    /// Body `{"oldPassword", "newPassword"}`: a wrong old password is 401, a missing or empty new one 400.
    func changePassword(
        repository: String,
        body: JSONValue,
        context: NXCallContext
    ) async throws -> ChangePasswordOutput {
        guard let body = body.objectValue else { throw NXError.invalid("A JSON object is expected") }
        guard let old = body["oldPassword"]?.stringValue else { throw NXError.invalid("JSONObject[\"oldPassword\"] not found.") }
        guard let new = body["newPassword"]?.stringValue, !new.isEmpty else {
            throw NXError.invalid("JSONObject[\"newPassword\"] not found.")
        }
        let name = context.principal.name
        guard try await users.checkPassword(name: name, password: old) else { throw NXError.unauthenticated("Wrong password") }
        try await users.setPassword(name: name, password: new)
        return .ok(try await userJSON.entity(try await existingUser(name)))
    }
}
