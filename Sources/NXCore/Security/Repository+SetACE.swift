import NXRuntime

extension Repository {
    /// Nuxeo's `session.setACP(ref, acp, overwrite)` with one ACL holding one entry (`Document.AddACE`): with `overwrite`
    /// the document's local ACLs become exactly that ACL; otherwise the entry is merged into the ACL of that name.
    /// One transaction; needs `WriteSecurity`; an unknown permission → 400.
    public func setACE(_ ref: DocumentRef, _ ace: ACE, acl name: String, overwrite: Bool, principal: Principal) async throws -> DocumentRecord {
        guard Permissions.isKnown(ace.permission) else { throw NXError.invalid("Permission \(ace.permission) is invalid.") }
        return try await editACLs(ref, principal: principal) { acls in
            if overwrite {
                acls = [ACL(name: name, aces: [ace])]
                return
            }
            var acl = acls.first { $0.name == name } ?? ACL(name: name, aces: [])
            if !acl.aces.contains(ace) { Self.insert(ace, into: &acl) }
            Self.store(acl, in: &acls)
        }
    }
}
