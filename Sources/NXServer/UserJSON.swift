import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `user` / `group` / `users` / `groups` entities (Nuxeo's NuxeoPrincipalJsonWriter, NuxeoGroupJsonWriter) and their
/// readers. The password is never written.
struct UserJSON {
    let users: UserDirectory

    static func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// The `user` entity; `extendedGroups` lists every group with its label.
    func entity(_ u: UserRecord) async throws -> UserEntity {
        var extended: [ExtendedGroup] = []
        for name in u.allGroups {
            let label = try await users.group(name)?.label ?? name
            extended.append(ExtendedGroup(name: name, label: label, url: "group/" + name))
        }
        return UserEntity(id: u.name, properties: Self.properties(u), extendedGroups: extended, isAdministrator: u.isAdministrator, isAnonymous: false)
    }

    /// The fields of the `user` schema, in Nuxeo's order, the password never among them.
    static func properties(_ u: UserRecord) -> JSONObject {
        JSONObject([
            ("username", .string(u.name)), ("firstName", text(u.firstName)), ("lastName", text(u.lastName)), ("company", text(u.company)),
            ("email", text(u.email)), ("groups", .array(u.groups.map(JSONValue.string))), ("tenantId", text(u.tenantId)),
        ])
    }

    func page(_ page: Page<UserRecord>) async throws -> UsersEntity {
        var entries: [UserEntity] = []
        for user in page.entries { entries.append(try await entity(user)) }
        return UsersEntity(page: NXPage(paging: page.paging, entries: entries))
    }

    /// The `group` entity; member lists only when fetched (`memberUsers`, `memberGroups`, `parentGroups`).
    static func entity(_ g: GroupRecord, fetch: [String]) -> GroupEntity {
        let label = g.label ?? ""
        let properties = JSONObject([
            ("groupname", .string(g.name)), ("grouplabel", Self.text(g.label)), ("description", Self.text(g.description)),
            ("tenantId", Self.text(g.tenantId)),
        ])
        return GroupEntity(
            groupname: g.name, grouplabel: label, id: g.name, properties: properties,
            memberUsers: fetch.contains("memberUsers") ? g.memberUsers : nil, memberGroups: fetch.contains("memberGroups") ? g.memberGroups : nil,
            parentGroups: fetch.contains("parentGroups") ? g.parentGroups : nil)
    }

    static func page(_ page: Page<GroupRecord>, fetch: [String]) -> GroupsEntity {
        GroupsEntity(page: page.map { entity($0, fetch: fetch) })
    }

    /// A string property of a body: absent → `.none`, null → `.some(nil)`, a string → its value; anything else → 400.
    static func optionalString(_ properties: JSONObject, _ key: String) throws -> String?? {
        switch properties[key] {
        case nil: return .none
        case .null?: return .some(nil)
        case .string(let s)?: return .some(s)
        default: throw NXError.invalid("Unable to deserialize property: \(key)")
        }
    }

    /// Reads a `user` body over `base` (nil when creating): properties given replace, others keep their value.
    /// Returns the user and the new password, if one was given.
    static func read(_ e: UserEntity, over base: UserRecord?) throws -> (UserRecord, String?) {
        let p = e.properties ?? JSONObject()
        func string(_ key: String) throws -> String?? { try Self.optionalString(p, key) }
        let nameValue = try string("username") ?? nil
        let name = base?.name ?? (nameValue?.isEmpty == false ? nameValue : e.id)?.trimmingWhitespace ?? ""
        var user = base ?? UserRecord(name: name)
        if let v = try string("firstName") { user.firstName = v }
        if let v = try string("lastName") { user.lastName = v }
        if let v = try string("company") { user.company = v }
        if let v = try string("email") { user.email = v }
        if let v = try string("tenantId") { user.tenantId = v }
        switch p["groups"] {
        case nil: break
        case .null?: user.groups = []
        case .array(let items)?:
            user.groups = try items.map { item in
                guard let s = item.stringValue else { throw NXError.invalid("Unable to deserialize property: groups") }
                return s
            }
        default: throw NXError.invalid("Unable to deserialize property: groups")
        }
        let password = try string("password") ?? nil
        return (user, password?.isEmpty == false ? password : nil)
    }

    /// Reads a `group` body over `base` (nil when creating): `id` or legacy `groupname`, `grouplabel`, properties, and
    /// member lists (given lists replace the old ones).
    static func read(_ e: GroupEntity, over base: GroupRecord?) throws -> GroupRecord {
        let p = e.properties ?? JSONObject()
        func string(_ key: String) throws -> String?? { try Self.optionalString(p, key) }
        // A group read from a request: `groupname` first, then `id`; empty is absent.
        let id: String? = !e.groupname.isEmpty ? e.groupname : !e.id.isEmpty ? e.id : nil
        let propertyName = try string("groupname") ?? nil
        let name = base?.name ?? (id ?? propertyName)?.trimmingWhitespace ?? ""
        var group = base ?? GroupRecord(name: name)
        if let v = try string("grouplabel") { group.label = v }
        if let v = try string("description") { group.description = v }
        if let v = try string("tenantId") { group.tenantId = v }
        if let label = e.grouplabel, base == nil || group.label == base?.label { group.label = label }
        if let users = e.memberUsers { group.memberUsers = users }
        if let groups = e.memberGroups { group.memberGroups = groups }
        if let parents = e.parentGroups { group.parentGroups = parents }
        return group
    }
}
