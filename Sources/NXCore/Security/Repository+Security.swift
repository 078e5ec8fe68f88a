import NXRuntime

extension Repository {
    /// The ACL Nuxeo puts on the root of a new repository: administrators manage everything, members read.
    public static let defaultRootACL = ACL(name: "local", aces: [
        ACE(username: "Administrator", permission: "Everything"),
        ACE(username: "administrators", permission: "Everything"),
        ACE(username: "members", permission: "Read"),
    ])

    /// The access control policy of a document: its local ACL (if any) then the entries inherited from its ancestors.
    /// Until ACLs can be edited, only the root carries an ACL: the one Nuxeo ships.
    public func acp(of document: DocumentRecord) -> ACP {
        if document.parentId == nil && !document.isVersion { return ACP(acls: [Self.defaultRootACL]) }
        return ACP(acls: [ACL(name: "inherited", aces: Self.defaultRootACL.aces)])
    }

    /// The permissions of `Permissions.all` that `principal` (with `groups`) holds on `document`; administrators hold all.
    public func permissions(on document: DocumentRecord, principal: String, groups: [String], isAdministrator: Bool) -> [String] {
        if isAdministrator { return Permissions.all }
        let principals = Set([principal] + groups)
        let acp = acp(of: document)
        let time = now()
        return Permissions.all.filter { acp.grants($0, to: principals, at: time) }
    }
}

extension Repository {
    /// The current time, ms since 1970 (the repository's clock).
    public var nowMillis: Int64 { now() }
}
