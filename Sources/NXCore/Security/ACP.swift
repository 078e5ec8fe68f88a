/// An access control entry: a permission granted or denied to a user or group, optionally within a time window.
public struct ACE: Sendable, Hashable {
    public var username: String
    public var permission: String
    public var granted: Bool
    public var creator: String?
    /// Start and end of validity, ms since 1970.
    public var begin: Int64?
    public var end: Int64?

    public init(username: String, permission: String, granted: Bool = true, creator: String? = nil, begin: Int64? = nil, end: Int64? = nil) {
        self.username = username
        self.permission = permission
        self.granted = granted
        self.creator = creator
        self.begin = begin
        self.end = end
    }

    /// Nuxeo's ACE id `username:permission:granted:creator:begin:end` (empty parts for nil).
    public var id: String {
        [username, permission, String(granted), creator ?? "", begin.map(String.init) ?? "", end.map(String.init) ?? ""].joined(separator: ":")
    }

    /// `pending` before `begin`, `archived` after `end`, else `effective`.
    public func status(at time: Int64) -> String {
        if let begin, time < begin { return "pending" }
        if let end, time > end { return "archived" }
        return "effective"
    }
}

/// A named, ordered list of entries (`local`, `inherited`).
public struct ACL: Sendable, Hashable {
    public var name: String
    public var aces: [ACE]

    public init(name: String, aces: [ACE]) {
        self.name = name
        self.aces = aces
    }
}

/// A document's access control policy: its ACLs in evaluation order (local first, then inherited).
public struct ACP: Sendable, Hashable {
    public var acls: [ACL]

    public init(acls: [ACL]) { self.acls = acls }

    /// Whether `permission` is granted to a principal (name plus groups, plus `Everyone`): the first entry that names
    /// one of them with a permission implying `permission` decides; nothing matching → denied.
    public func grants(_ permission: String, to principals: Set<String>, at time: Int64) -> Bool {
        for acl in acls {
            for ace in acl.aces where ace.status(at: time) == "effective" && (principals.contains(ace.username) || ace.username == "Everyone") {
                if Permissions.implies(ace.permission, permission) { return ace.granted }
            }
        }
        return false
    }
}
