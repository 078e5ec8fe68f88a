/// A user of the server: its directory properties and groups (the password hash never leaves the store).
public struct UserRecord: Sendable, Hashable {
    /// User name (the directory id).
    public var name: String
    /// First name.
    public var firstName: String?
    /// Last name.
    public var lastName: String?
    /// Company.
    public var company: String?
    /// Email address.
    public var email: String?
    /// Tenant id.
    public var tenantId: String?
    /// Groups the user is directly a member of, in the order they were given.
    public var groups: [String]
    /// Every group of the user: its direct groups, then the groups these are subgroups of (transitively).
    public var allGroups: [String]

    /// Whether the user is in `administrators`, directly or through a subgroup.
    public var isAdministrator: Bool { allGroups.contains(UserDirectory.administratorsGroup) }

    /// A user; `allGroups` defaults to `groups`.
    public init(name: String, firstName: String? = nil, lastName: String? = nil, company: String? = nil, email: String? = nil,
                tenantId: String? = nil, groups: [String] = [], allGroups: [String]? = nil) {
        self.name = name
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.email = email
        self.tenantId = tenantId
        self.groups = groups
        self.allGroups = allGroups ?? groups
    }
}

/// A group: its properties, member users, subgroups and parent groups.
public struct GroupRecord: Sendable, Hashable {
    /// Group name (the directory id).
    public var name: String
    /// Display label.
    public var label: String?
    /// Description.
    public var description: String?
    /// Tenant id.
    public var tenantId: String?
    /// Users directly in the group.
    public var memberUsers: [String]
    /// Subgroups: their members are members of this group too.
    public var memberGroups: [String]
    /// Groups this group is a subgroup of.
    public var parentGroups: [String]

    public init(name: String, label: String? = nil, description: String? = nil, tenantId: String? = nil,
                memberUsers: [String] = [], memberGroups: [String] = [], parentGroups: [String] = []) {
        self.name = name
        self.label = label
        self.description = description
        self.tenantId = tenantId
        self.memberUsers = memberUsers
        self.memberGroups = memberGroups
        self.parentGroups = parentGroups
    }
}

/// An authentication token bound to a user, an application and a device.
public struct AuthToken: Sendable, Hashable {
    /// The token (a random UUID).
    public var token: String
    /// Its user.
    public var userName: String
    /// Application name.
    public var application: String
    /// Device id.
    public var deviceId: String
    /// Device description.
    public var deviceDescription: String?
    /// Permission granted (free text, e.g. `ReadWrite`).
    public var permission: String
    /// Creation time, epoch milliseconds.
    public var created: Int64

    public init(token: String, userName: String, application: String, deviceId: String, deviceDescription: String?,
                permission: String, created: Int64) {
        self.token = token
        self.userName = userName
        self.application = application
        self.deviceId = deviceId
        self.deviceDescription = deviceDescription
        self.permission = permission
        self.created = created
    }
}
