import NXRuntime

/// A stored document: core columns plus its property values (only the values that are set, keyed `prefix:field`).
public struct DocumentRecord: Sendable, Hashable {
    public var id: String
    public var parentId: String?
    public var name: String
    public var path: String
    public var type: String
    public var position: Int64?
    /// Lifecycle state, nil for types without lifecycle.
    public var state: String?
    public var isVersion: Bool
    public var isProxy: Bool
    public var isTrashed: Bool
    public var isCheckedOut: Bool
    public var versionLabel: String?
    /// For a version: the id of its live document (Nuxeo's version series id).
    public var versionableId: String?
    /// For a version: whether it is the newest of its series.
    public var isLatestVersion: Bool
    /// For a version: whether it is the newest major version (`N.0`) of its series.
    public var isLatestMajorVersion: Bool
    /// Who holds the lock, nil when unlocked.
    public var lockOwner: String?
    /// When the lock was taken, ms since 1970.
    public var lockCreated: Int64?
    /// The id of the document's effective read ACL (who may read it, computed from its and its ancestors' ACLs).
    public var readACL: Int64
    /// Incremented on every save.
    public var sysChangeToken: Int64
    /// Incremented on user changes (saves carrying a change token).
    public var changeToken: Int64
    /// Creation time, ms since 1970.
    public var created: Int64
    /// Last modification time, ms since 1970.
    public var modified: Int64
    /// Property values by `prefix:field`.
    public var properties: JSONObject
    /// For a proxy: the document it shows (a version, or a live document for a live proxy).
    public var proxyTargetId: String?
    /// For a proxy: the version series of its target (the live document's id).
    public var proxyVersionableId: String?
    /// Facets added to this document beyond its type's (Nuxeo's instance facets, `ecm:mixinType`), in the order added.
    public var instanceFacets: [String]

    public init(id: String, parentId: String?, name: String, path: String, type: String, position: Int64? = nil, state: String?,
                isVersion: Bool = false, isProxy: Bool = false, isTrashed: Bool = false, isCheckedOut: Bool = true,
                versionLabel: String? = nil, versionableId: String? = nil, isLatestVersion: Bool = false, isLatestMajorVersion: Bool = false,
                lockOwner: String? = nil, lockCreated: Int64? = nil, readACL: Int64 = 0, sysChangeToken: Int64 = 0, changeToken: Int64 = 0, created: Int64, modified: Int64,
                properties: JSONObject, proxyTargetId: String? = nil, proxyVersionableId: String? = nil, instanceFacets: [String] = []) {
        self.id = id
        self.parentId = parentId
        self.name = name
        self.path = path
        self.type = type
        self.position = position
        self.state = state
        self.isVersion = isVersion
        self.isProxy = isProxy
        self.isTrashed = isTrashed
        self.isCheckedOut = isCheckedOut
        self.versionLabel = versionLabel
        self.versionableId = versionableId
        self.isLatestVersion = isLatestVersion
        self.isLatestMajorVersion = isLatestMajorVersion
        self.lockOwner = lockOwner
        self.lockCreated = lockCreated
        self.readACL = readACL
        self.sysChangeToken = sysChangeToken
        self.changeToken = changeToken
        self.created = created
        self.modified = modified
        self.properties = properties
        self.proxyTargetId = proxyTargetId
        self.proxyVersionableId = proxyVersionableId
        self.instanceFacets = instanceFacets
    }

    /// The stored path of a version (unique and outside every path range; reads show the live document's path).
    public static func versionPath(_ id: String) -> String { "version:" + id }

    /// Nuxeo's user-visible change token `"<sys>-<change>"`; a proxy's is `"<proxy token>/<target token>"`, and a proxy
    /// carries its target's counters (they are copied with the target's state).
    public var changeTokenString: String {
        let token = "\(sysChangeToken)-\(changeToken)"
        return isProxy ? token + "/" + token : token
    }

    /// `dc:title`, else the name, else the id.
    public var title: String {
        if let title = properties["dc:title"]?.stringValue { return title }
        return parentId == nil ? name : (name.isEmpty ? id : name)
    }
}
