import NXRuntime

extension Repository {
    /// Removes the local ACL `acl` of a document (`Document.RemoveACL`); the inherited entries are computed, never stored.
    /// Needs `WriteSecurity`; an ACL the document does not have changes nothing.
    public func removeACL(_ ref: DocumentRef, acl name: String, principal: Principal) async throws -> DocumentRecord {
        try await editACLs(ref, principal: principal) { acls in acls.removeAll { $0.name == name } }
    }
}
