import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The permission operations of Spec/operations/security.yaml.
extension DocumentOperations {
    /// Adds a permission for `users` (or the deprecated `username`); `blockInheritance` blocks the ancestors' entries.
    func documentAddPermission(_ input: Value, _ params: DocumentAddPermissionParams, context: Context) async throws -> Value {
        var users = params.users ?? []
        if let username = params.username, !username.isEmpty { users.append(username) }
        guard !users.isEmpty || params.email != nil else { throw NXError.invalid("'users' or 'email' parameters must be set") }
        if params.email != nil && users.isEmpty {
            throw NXError.unsupported("Permissions for external users (email) are not supported")
        }
        try await Self.checkPrincipalsExist(users, context)
        let begin = try Self.millis(params.begin, "begin"), end = try Self.millis(params.end, "end")
        let aces = users.map { ACE(username: $0, permission: params.permission, creator: context.principal.name, begin: begin, end: end) }
        return try await context.each(input) { document in
            try await context.repository.addPermission(.id(document.id), aces, acl: params.acl, blockInheritance: params.blockInheritance,
                                                       principal: context.principal)
        }
    }

    func documentRemovePermission(_ input: Value, _ params: DocumentRemovePermissionParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.removePermission(.id(document.id), id: params.id, user: params.user, acl: params.acl,
                                                          principal: context.principal)
        }
    }

    func documentReplacePermission(_ input: Value, _ params: DocumentReplacePermissionParams, context: Context) async throws -> Value {
        try await Self.checkPrincipalsExist([params.username], context)
        let ace = ACE(username: params.username, permission: params.permission, creator: context.principal.name,
                      begin: try Self.millis(params.begin, "begin"), end: try Self.millis(params.end, "end"))
        return try await context.each(input) { document in
            try await context.repository.replacePermission(.id(document.id), id: params.id, with: ace, acl: params.acl, principal: context.principal)
        }
    }

    func documentBlockPermissionInheritance(_ input: Value, _ params: DocumentBlockPermissionInheritanceParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.blockInheritance(.id($0.id), acl: params.acl, principal: context.principal) }
    }

    func documentUnblockPermissionInheritance(_ input: Value, _ params: DocumentUnblockPermissionInheritanceParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.unblockInheritance(.id($0.id), acl: params.acl, principal: context.principal) }
    }

    /// Every name must be a user or a group (`Everyone` included); otherwise 400 with Nuxeo's message.
    static func checkPrincipalsExist(_ names: [String], _ context: Context) async throws {
        var missing: [String] = []
        for name in names where name != "Everyone" {
            if try await context.users.user(name) == nil, try await context.users.group(name) == nil { missing.append(name) }
        }
        guard missing.isEmpty else {
            throw NXError.invalid("The following set of User or Group names do not exist: [\(missing.joined(separator: ","))]. Please provide valid ones.")
        }
    }

    /// A W3C date parameter as ms since 1970; a bad date → 400.
    static func millis(_ text: String?, _ name: String) throws -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        guard let millis = NXDate.parse(text) else { throw NXError.invalid("Invalid date for parameter '\(name)': \(text)") }
        return millis
    }
}

extension DocumentOperations {
    /// `Document.AddACE` (`Document.SetACE`): one entry set as Nuxeo's `setACP(…, overwrite)` does.
    func documentAddACE(_ input: Value, _ params: DocumentAddACEParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            try await context.repository.setACE(.id(document.id), ACE(username: params.user, permission: params.permission, granted: params.grant,
                                                                      creator: context.principal.name),
                                                acl: params.acl, overwrite: params.overwrite, principal: context.principal)
        }
    }
}
