/// Who acts on the repository: a user name with its groups. Administrators hold every permission.
public struct Principal: Sendable, Hashable {
    /// The user name (written in `dc:creator`, `dc:lastContributor` and the audit log).
    public var name: String
    /// Every group the user belongs to (transitively).
    public var groups: [String]
    /// Whether permission checks are bypassed (members of `administrators`, system tasks).
    public var isAdministrator: Bool

    public init(name: String, groups: [String] = [], isAdministrator: Bool = false) {
        self.name = name
        self.groups = groups
        self.isAdministrator = isAdministrator
    }

    /// A principal with every permission, for system tasks (bootstrap, migrations) and tests.
    public static func unrestricted(_ name: String) -> Principal { Principal(name: name, isAdministrator: true) }

    /// The server itself.
    public static let system = unrestricted("system")

    /// The names an ACE can grant to: the user, its groups, and `Everyone`.
    public var aceNames: Set<String> { Set([name, "Everyone"] + groups) }
}
