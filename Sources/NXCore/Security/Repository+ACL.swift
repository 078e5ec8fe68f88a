import NXRuntime

extension Repository {
    /// The ACE that blocks inheritance: nothing from the ancestors applies below it.
    public static let blockInheritanceACE = ACE(username: "Everyone", permission: "Everything", granted: false)

    /// Replaces a document's local ACLs inside `tx`: read ACLs of the subtree recomputed, `documentSecurityUpdated` audited.
    func replaceLocalACLs(_ document: DocumentRecord, _ acls: [ACL], principal: String, _ tx: any DocumentWriting) throws {
        try tx.setLocalACLs(documentId: document.id, acls.filter { !$0.aces.isEmpty })
        try refreshReadACLs(at: document.path, tx)
        try tx.appendAudit(auditEntry("documentSecurityUpdated", document, principal: principal, time: now()))
    }

    /// Changes the local ACLs of a document the principal may secure (`WriteSecurity`), returning the document.
    func editACLs(_ ref: DocumentRef, principal: Principal, _ edit: @escaping @Sendable (inout [ACL]) throws -> Void) async throws -> DocumentRecord {
        try await write { tx in
            let document = try Self.resolve(ref, tx)
            guard !document.isVersion else { throw NXError.invalid("Cannot set ACLs on a version: \(document.id)") }
            try self.check("WriteSecurity", on: document, principal, tx)
            var acls = try tx.localACLs(paths: [document.path])[document.path] ?? []
            try edit(&acls)
            try self.replaceLocalACLs(document, acls, principal: principal.name, tx)
            return try Self.resolve(.id(document.id), tx)
        }
    }

    /// Adds entries to the ACL `acl` (created if missing); with `blockInheritance`, inheritance is blocked after them
    /// (the principal keeps `Everything`, as Nuxeo does). Unknown permission → 400.
    public func addPermission(_ ref: DocumentRef, _ aces: [ACE], acl name: String = "local", blockInheritance: Bool = false,
                              principal: Principal) async throws -> DocumentRecord {
        for ace in aces where !Permissions.isKnown(ace.permission) { throw NXError.invalid("Permission \(ace.permission) is invalid.") }
        return try await editACLs(ref, principal: principal) { acls in
            var acl = acls.first { $0.name == name } ?? ACL(name: name, aces: [])
            for ace in aces where !acl.aces.contains(ace) { Self.insert(ace, into: &acl) }
            if blockInheritance {
                acl.aces.removeAll { $0 == Self.blockInheritanceACE }
                let keeper = ACE(username: principal.name, permission: "Everything", creator: principal.name)
                if !acl.aces.contains(where: { $0.username == principal.name && $0.permission == "Everything" && $0.granted }) { acl.aces.append(keeper) }
                acl.aces.append(Self.blockInheritanceACE)
            }
            Self.store(acl, in: &acls)
        }
    }

    /// Removes entries by ACE id, or every entry of `user`, from the ACL `acl`. Neither given → 400.
    public func removePermission(_ ref: DocumentRef, id: String?, user: String?, acl name: String = "local",
                                 principal: Principal) async throws -> DocumentRecord {
        guard id != nil || user != nil else { throw NXError.invalid("'id' or 'user' parameter must be set") }
        return try await editACLs(ref, principal: principal) { acls in
            guard var acl = acls.first(where: { $0.name == name }) else { return }
            acl.aces.removeAll { ace in (id.map { ace.id == $0 } ?? false) || (user.map { ace.username == $0 } ?? false) }
            Self.store(acl, in: &acls)
        }
    }

    /// Replaces the entry `id` of the ACL `acl` by `ace`, in place; unknown id → 400.
    public func replacePermission(_ ref: DocumentRef, id: String, with ace: ACE, acl name: String = "local",
                                  principal: Principal) async throws -> DocumentRecord {
        guard Permissions.isKnown(ace.permission) else { throw NXError.invalid("Permission \(ace.permission) is invalid.") }
        return try await editACLs(ref, principal: principal) { acls in
            guard var acl = acls.first(where: { $0.name == name }), let index = acl.aces.firstIndex(where: { $0.id == id }) else {
                throw NXError.invalid("No ACE with id \(id) in ACL \(name)")
            }
            acl.aces[index] = ace
            Self.store(acl, in: &acls)
        }
    }

    /// Blocks inheritance on the ACL `acl` (the principal keeps `Everything`).
    public func blockInheritance(_ ref: DocumentRef, acl name: String = "local", principal: Principal) async throws -> DocumentRecord {
        try await addPermission(ref, [], acl: name, blockInheritance: true, principal: principal)
    }

    /// Removes the inheritance block from the ACL `acl`.
    public func unblockInheritance(_ ref: DocumentRef, acl name: String = "local", principal: Principal) async throws -> DocumentRecord {
        try await editACLs(ref, principal: principal) { acls in
            guard var acl = acls.first(where: { $0.name == name }) else { return }
            acl.aces.removeAll { $0 == Self.blockInheritanceACE }
            Self.store(acl, in: &acls)
        }
    }

    /// Adds `ace` as Nuxeo's `ACPImpl.addACE` does: before the inheritance-blocking entry when the ACL has one (first
    /// match decides, so an entry after the block could never grant anything), else at the end.
    static func insert(_ ace: ACE, into acl: inout ACL) {
        if let block = acl.aces.firstIndex(of: blockInheritanceACE) {
            acl.aces.insert(ace, at: block)
        } else {
            acl.aces.append(ace)
        }
    }

    static func store(_ acl: ACL, in acls: inout [ACL]) {
        if let index = acls.firstIndex(where: { $0.name == acl.name }) { acls[index] = acl } else { acls.append(acl) }
    }
}
