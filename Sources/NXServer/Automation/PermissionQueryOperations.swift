import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The users, groups or e-mails holding a permission on the input document (Nuxeo's `PrincipalHelper`), put in a
/// context variable as a list of strings; the document is the output.
extension DocumentOperations {
    func contextGetUsersGroupIdsWithPermissionOnDoc(
        _ input: Value, _ params: ContextGetUsersGroupIdsWithPermissionOnDocParams, context: Context
    ) async throws -> Value {
        let document = try await context.document(input)
        var ids: [String] = []
        try await context.collectPrincipals(document, permission: params.permission, ignoreGroups: params.ignoreGroups,
                                            resolveGroups: params.resolveGroups) { user in
            let id = params.prefixIdentifiers ? "user:\(user.name)" : user.name
            if !ids.contains(id) { ids.append(id) }
        } group: { group in
            let id = params.prefixIdentifiers ? "group:\(group)" : group
            if !ids.contains(id) { ids.append(id) }
        }
        try context.state.setVariable(params.variableName, .json(.array(ids.map(JSONValue.string))))
        return .document(document)
    }

    func contextGetEmailsWithPermissionOnDoc(
        _ input: Value, _ params: ContextGetEmailsWithPermissionOnDocParams, context: Context
    ) async throws -> Value {
        let document = try await context.document(input)
        var emails: [String] = []
        try await context.collectPrincipals(document, permission: params.permission, ignoreGroups: params.ignoreGroups,
                                            resolveGroups: true) { user in
            if let email = user.email, !email.isEmpty, !emails.contains(email) { emails.append(email) }
        } group: { _ in }
        try context.state.setVariable(params.variableName, .json(.array(emails.map(JSONValue.string))))
        return .document(document)
    }
}

extension OperationContext {
    /// Walks the granted entries of the document's ACLs whose permission gives `permission`: a user is collected, a group is
    /// collected, resolved into its members (sub-groups too, each once), or skipped.
    func collectPrincipals(
        _ document: DocumentRecord, permission: String, ignoreGroups: Bool, resolveGroups: Bool,
        user collectUser: (UserRecord) -> Void, group collectGroup: (String) -> Void
    ) async throws {
        let acp = try await repository.acp(of: .id(document.id), principal: principal)
        var seenGroups = Set<String>()
        // Entries after a block (Everything denied to Everyone) give nothing: the walk ends there.
        let effective = acp.acls.flatMap(\.aces).prefix { !($0.username == "Everyone" && $0.permission == "Everything" && !$0.granted) }
        for ace in effective where ace.granted && Permissions.implies(ace.permission, permission) {
            if let group = try await users.group(ace.username) {
                guard !ignoreGroups else { continue }
                if resolveGroups {
                    var pending = [group.name]
                    while let name = pending.popLast(), seenGroups.count < 10_000 {
                        guard seenGroups.insert(name).inserted, let member = try await users.group(name) else { continue }
                        for userName in member.memberUsers {
                            if let record = try await users.user(userName) { collectUser(record) }
                        }
                        pending += member.memberGroups
                    }
                } else {
                    collectGroup(group.name)
                }
            } else if let record = try await users.user(ace.username) {
                collectUser(record)
            }
        }
    }
}
