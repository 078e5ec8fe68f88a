import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `User.Get` and `UserGroup.Suggestion` (Nuxeo's GetNuxeoPrincipal and SuggestUserEntries).
extension DocumentOperations {
    /// The user `login` (else the caller) as Nuxeo exports a principal: a `document` entity of type `user` whose
    /// properties are the `user` schema (never the password). Another user than oneself needs directory management
    /// rights ("Unauthorized user"); an unknown login is no result (204).
    func userGet(_ input: Value, _ params: UserGetParams, context: Context) async throws -> Value {
        let login: String
        if let name = params.login, !name.trimmingWhitespace.isEmpty {
            guard context.principal.isAdministrator || context.principal.groups.contains(UserDirectory.powerUsersGroup) else {
                throw NXError.forbidden("Unauthorized user")
            }
            login = name
        } else {
            login = context.principal.name
        }
        guard let user = try await context.users.user(login) else { return .void }
        var properties = JSONObject()
        for (key, value) in UserJSON.properties(user) { properties["user:" + key] = value }
        return .json(.object(JSONObject([
            ("entity-type", "document"), ("repository", .string(context.repository.name)), ("uid", .string(user.name)), ("path", .null),
            ("type", "user"), ("state", .null), ("parentRef", .null), ("isCheckedOut", false), ("isVersion", false), ("isProxy", false),
            ("changeToken", .null), ("isTrashed", false), ("title", .string(user.name)), ("lastModified", .null),
            ("properties", .object(properties)), ("facets", .array([])), ("schemas", .array([.object(["name": "user", "prefix": "user"])])),
        ])))
    }

    /// Users and groups matching `searchTerm` for a user picker: a JSON array blob of entries (every schema field but the
    /// password, then `id`, `entity-type`, `type` USER_TYPE/GROUP_TYPE, `prefixed_id`, `displayLabel`, `displayIcon`),
    /// users first. `searchType` USER_TYPE or GROUP_TYPE keeps one kind; `groupRestriction` keeps the users of that group
    /// (or of its subgroups too); past `userSuggestionMaxSearchResults`, one entry says the search overflowed.
    func userGroupSuggestion(_ input: Value, _ params: UserGroupSuggestionParams, context: Context) async throws -> Value {
        let term = (params.searchTerm ?? "").trimmingWhitespace
        let restriction = params.groupRestriction.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
        let wantUsers = params.searchType != "GROUP_TYPE" || restriction != nil
        let wantGroups = params.searchType != "USER_TYPE" && restriction == nil
        let limit = max(params.userSuggestionMaxSearchResults ?? 0, 0)
        var users: [UserRecord] = []
        if wantUsers {
            if let restriction {
                // The members of the group (and of its subgroups), found in the directory, then matched on the term.
                var allowed: Set<String> = [restriction]
                if params.allowSubGroupsRestriction { allowed.formUnion(try await descendants(of: restriction, context: context)) }
                var members: [String: UserRecord] = [:]
                for group in allowed.sorted() {
                    for user in try await context.users.searchUsers(nil, inGroup: group, request: PageRequest(pageSize: 0)).entries {
                        members[user.name] = user
                    }
                }
                users = Self.matching(members.values.sorted { $0.name < $1.name }, term)
            } else {
                users = try await suggestedUsers(term, context: context)
            }
        }
        var groups: [GroupRecord] = []
        if wantGroups {
            groups = try await context.users.searchGroups(term.isEmpty ? nil : term, request: PageRequest(pageSize: 0)).entries
            if params.hideAdminGroups { groups.removeAll { $0.name == UserDirectory.administratorsGroup } }
            if params.hidePowerUsersGroup { groups.removeAll { $0.name == UserDirectory.powerUsersGroup } }
        }
        if limit > 0 && (users.count > limit || groups.count > limit || users.count + groups.count > limit) {
            let message = context.translate("label.security.searchOverFlow", lang: params.lang)
            return try context.jsonBlob(.array([.object(["displayLabel": .string(message)])]))
        }
        let entries = users.map { userEntry($0, params) } + groups.map { groupEntry($0, params) }
        return try context.jsonBlob(.array(entries))
    }

    /// Users matching every word of the term (the first two, as prefixes of their name, first or last name or e-mail),
    /// else the whole term; every user for an empty term.
    func suggestedUsers(_ term: String, context: Context) async throws -> [UserRecord] {
        let all = PageRequest(pageSize: 0)
        guard !term.isEmpty else { return try await context.users.searchUsers(nil, request: all).entries }
        let words = term.split(maxSplits: 1, whereSeparator: \.isWhitespace).map { String($0).lowercased() }
        if words.count == 2 {
            let found = try await context.users.searchUsers(words[0], request: all).entries.filter { Self.starts($0, words[1]) }
            if !found.isEmpty { return found }
        }
        return try await context.users.searchUsers(term, request: all).entries
    }

    /// The users whose name, first or last name or e-mail starts with every word of the term (the first two), else with
    /// the whole term; all of them for an empty term.
    static func matching(_ users: [UserRecord], _ term: String) -> [UserRecord] {
        guard !term.isEmpty else { return users }
        let words = term.split(maxSplits: 1, whereSeparator: \.isWhitespace).map { String($0).lowercased() }
        let found = users.filter { user in words.allSatisfy { starts(user, $0) } }
        return found.isEmpty && words.count == 2 ? users.filter { starts($0, term.lowercased()) } : found
    }

    /// Whether the user's name, first or last name or e-mail starts with `prefix` (lower case).
    static func starts(_ user: UserRecord, _ prefix: String) -> Bool {
        [user.name, user.firstName, user.lastName, user.email].contains { $0?.lowercased().hasPrefix(prefix) ?? false }
    }

    /// Every subgroup of `group`, transitively (a cycle is visited once).
    func descendants(of group: String, context: Context) async throws -> Set<String> {
        var seen: Set<String> = []
        var pending = [group]
        while let next = pending.popLast(), seen.count < 10_000 {
            for child in try await context.users.searchGroups(nil, subgroupsOf: next, request: PageRequest(pageSize: 0)).entries
            where seen.insert(child.name).inserted {
                pending.append(child.name)
            }
        }
        return seen
    }

    func userEntry(_ user: UserRecord, _ params: UserGroupSuggestionParams) -> JSONValue {
        var entry = UserJSON.properties(user)
        let fields = entry
        for (key, value) in [("id", JSONValue.string(user.name)), ("entity-type", "user"), ("type", "USER_TYPE"),
                             ("prefixed_id", .string("user:" + user.name))] {
            entry[key] = value
        }
        func field(_ name: String?, _ fallback: String) -> String { fields[name ?? fallback]?.stringValue ?? "" }
        var parts: [String] = []
        if !params.hideFirstLabel { parts.append(field(params.firstLabelField, "firstName")) }
        if !params.hideSecondLabel { parts.append(field(params.secondLabelField, "lastName")) }
        var label = parts.filter { !$0.isEmpty }.joined(separator: " ")
        if label.isEmpty { label = user.name }
        if params.displayEmailInSuggestion && !params.hideThirdLabel {
            let third = field(params.thirdLabelField, "email")
            if !third.isEmpty { label += " " + third }
        }
        entry["displayLabel"] = .string(label)
        if !params.hideIcon { entry["displayIcon"] = true }
        return .object(entry)
    }

    func groupEntry(_ group: GroupRecord, _ params: UserGroupSuggestionParams) -> JSONValue {
        let text = UserJSON.text
        var entry = JSONObject([
            ("groupname", .string(group.name)), ("grouplabel", text(group.label)), ("description", text(group.description)),
            ("members", .array(group.memberUsers.map(JSONValue.string))), ("subGroups", .array(group.memberGroups.map(JSONValue.string))),
            ("parentGroups", .array(group.parentGroups.map(JSONValue.string))), ("tenantId", text(group.tenantId)),
            ("id", .string(group.name)), ("entity-type", "group"),
        ])
        let label = group.label.flatMap { $0.isEmpty ? nil : $0 } ?? group.name
        entry["displayLabel"] = .string(params.hideFirstLabel ? group.name : label)
        entry["type"] = "GROUP_TYPE"
        entry["prefixed_id"] = .string("group:" + group.name)
        if !params.hideIcon { entry["displayIcon"] = true }
        return .object(entry)
    }
}
