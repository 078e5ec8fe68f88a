import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The user and group operations of Spec/operations/users.yaml (Nuxeo's CreateOrUpdateUser, CreateOrUpdateGroup,
/// QueryUsers).
extension DocumentOperations {
    /// Creates or updates the user `username` (`mode`: `createOrUpdate`, the default, `create` or `update`). The named
    /// parameters win over the same keys of `properties` (`user:`-prefixed or not). Administrators only.
    func userCreateOrUpdate(_ input: Value, _ params: UserCreateOrUpdateParams, context: Context) async throws -> Value {
        guard context.principal.isAdministrator else { throw NXError.forbidden("User is not allowed to create or edit users") }
        let mode = try UserGroupMode(params.mode)
        let existing = try await context.users.user(params.username)
        if existing == nil && mode == .update { throw NXError.notFound("Cannot update non-existent user: \(params.username)") }
        if existing != nil && mode == .create { throw NXError.conflict("Cannot create already-existing user: \(params.username)") }
        var user = existing ?? UserRecord(name: params.username)
        if let groups = params.groups { user.groups = groups }
        var values = (params.properties ?? JSONObject()).reduce(into: [(String, String)]()) { result, pair in
            result.append((pair.0.hasPrefix("user:") ? String(pair.0.dropFirst(5)) : pair.0, pair.1.stringValue ?? ""))
        }
        for (key, value) in [("tenantId", params.tenantId), ("password", params.password), ("email", params.email),
                             ("firstName", params.firstName), ("lastName", params.lastName), ("company", params.company)] {
            if let value, !value.trimmingWhitespace.isEmpty { values.append((key, value)) }
        }
        var password: String?
        for (key, value) in values {
            switch key {
            case "username": guard value == params.username else { throw NXError.invalid("Cannot change the username of \(params.username)") }
            case "firstName": user.firstName = value
            case "lastName": user.lastName = value
            case "company": user.company = value
            case "email": user.email = value
            case "tenantId": user.tenantId = value
            case "password": password = value
            case "groups": user.groups = value.split(separator: ",").map(String.init)
            default: throw NXError.invalid("Unknown property of schema user: \(key)")
            }
        }
        if existing == nil {
            _ = try await context.users.createUser(user, password: password)
        } else {
            _ = try await context.users.updateUser(user, password: password)
        }
        return .void
    }

    /// Creates or updates a group; with `tenantId`, the group is `tenant_<tenantId>_<groupname>` (Nuxeo's multi-tenant
    /// directory id). Administrators only.
    func groupCreateOrUpdate(_ input: Value, _ params: GroupCreateOrUpdateParams, context: Context) async throws -> Value {
        guard context.principal.isAdministrator else { throw NXError.forbidden("User is not allowed to create or edit groups") }
        let mode = try UserGroupMode(params.mode)
        let name = params.tenantId.flatMap { $0.trimmingWhitespace.isEmpty ? nil : "tenant_\($0)_\(params.groupname)" } ?? params.groupname
        let existing = try await context.users.group(name)
        if existing == nil && mode == .update { throw NXError.notFound("Cannot update non-existent group: \(params.groupname)") }
        if existing != nil && mode == .create { throw NXError.conflict("Cannot create already-existing group: \(params.groupname)") }
        var group = existing ?? GroupRecord(name: name)
        if let members = params.members { group.memberUsers = members }
        if let subGroups = params.subGroups { group.memberGroups = subGroups }
        if let parentGroups = params.parentGroups { group.parentGroups = parentGroups }
        var values = (params.properties ?? JSONObject()).reduce(into: [(String, String)]()) { result, pair in
            result.append((pair.0.hasPrefix("group:") ? String(pair.0.dropFirst(6)) : pair.0, pair.1.stringValue ?? ""))
        }
        for (key, value) in [("tenantId", params.tenantId), ("grouplabel", params.grouplabel), ("description", params.description)] {
            if let value, !value.trimmingWhitespace.isEmpty { values.append((key, value)) }
        }
        for (key, value) in values {
            let list = value.split(separator: ",").map(String.init)
            switch key {
            case "groupname": continue
            case "grouplabel": group.label = value
            case "description": group.description = value
            case "tenantId": group.tenantId = value
            case "members": group.memberUsers = list
            case "subGroups": group.memberGroups = list
            case "parentGroups": group.parentGroups = list
            default: throw NXError.invalid("Unknown property of schema group: \(key)")
            }
        }
        if existing == nil {
            _ = try await context.users.createGroup(group)
        } else {
            _ = try await context.users.updateGroup(group)
        }
        return .void
    }

    /// `{"users":[{"username","firstName","lastName","email","company","tenantId"}…]}` as a JSON blob (absent values left
    /// out, as net.sf.json drops nulls). With `pattern`: users whose username, first or last name starts with it; else
    /// those matching every given field (a prefix match on the names, as Nuxeo's fulltext fields).
    func userQuery(_ input: Value, _ params: UserQueryParams, context: Context) async throws -> Value {
        func blank(_ text: String?) -> Bool { text?.trimmingWhitespace.isEmpty ?? true }
        let tenant = blank(params.tenantId) ? nil : params.tenantId
        let all = try await context.users.searchUsers(nil, request: PageRequest(pageSize: 0)).entries
        func starts(_ value: String?, _ prefix: String) -> Bool { value?.lowercased().hasPrefix(prefix.lowercased()) ?? false }
        var users: [UserRecord]
        if let pattern = params.pattern, !blank(pattern) {
            users = all.filter { starts($0.name, pattern) || starts($0.firstName, pattern) || starts($0.lastName, pattern) }
        } else {
            users = all.filter { user in
                (blank(params.username) || starts(user.name, params.username ?? ""))
                    && (blank(params.firstName) || starts(user.firstName, params.firstName ?? ""))
                    && (blank(params.lastName) || starts(user.lastName, params.lastName ?? ""))
            }
        }
        if let tenant { users = users.filter { $0.tenantId == tenant } }
        let entries = users.map { user -> JSONValue in
            var object = JSONObject()
            object["username"] = .string(user.name)
            for (key, value) in [("firstName", user.firstName), ("lastName", user.lastName), ("email", user.email),
                                 ("company", user.company), ("tenantId", user.tenantId)] {
                if let value { object[key] = .string(value) }
            }
            return .object(object)
        }
        return try context.jsonBlob(.object(["users": .array(entries)]))
    }
}

/// `mode` of the create-or-update operations.
enum UserGroupMode: Equatable {
    case createOrUpdate, create, update

    /// Absent → createOrUpdate; anything but the three values → 400 naming the parameter.
    init(_ text: String?) throws {
        switch text {
        case nil, "createOrUpdate": self = .createOrUpdate
        case "create": self = .create
        case "update": self = .update
        case let other?: throw NXError.invalid("Invalid value '\(other)' for parameter 'mode': createOrUpdate, create or update is expected")
        }
    }
}
