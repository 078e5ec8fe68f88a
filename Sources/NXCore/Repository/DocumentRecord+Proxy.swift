import NXRuntime

extension DocumentRecord {
    /// A proxy of `target` at `path` in `parent`: a document of its own place (id, name, path, parent, position, read
    /// ACL) showing the target's state. `versionableId` is the target's version series (the live document's id).
    static func proxy(id: String, of target: DocumentRecord, versionableId: String, in parent: DocumentRecord, name: String,
                      time: Int64) -> DocumentRecord {
        var proxy = DocumentRecord(
            id: id, parentId: parent.id, name: name, path: Repository.childPath(parent.path, name), type: target.type,
            state: target.state, created: time, modified: time, properties: JSONObject())
        proxy.isProxy = true
        proxy.readACL = parent.readACL
        proxy.proxyVersionableId = versionableId
        proxy.showing(target)
        return proxy
    }

    /// Copies what a proxy reads through from `target` (Nuxeo copies every state key that is not placeful or
    /// proxy-specific): type, lifecycle state, check-in state, version numbers and flags, lock, trashed flag, change
    /// counters, times, properties and instance facets. Keeps the proxy's own id, place, read ACL and `isVersion` (false).
    mutating func showing(_ target: DocumentRecord) {
        proxyTargetId = target.id
        type = target.type
        state = target.state
        isCheckedOut = target.isCheckedOut
        versionLabel = target.versionLabel
        isLatestVersion = target.isLatestVersion
        isLatestMajorVersion = target.isLatestMajorVersion
        lockOwner = target.lockOwner
        lockCreated = target.lockCreated
        isTrashed = target.isTrashed
        sysChangeToken = target.sysChangeToken
        changeToken = target.changeToken
        created = target.created
        modified = target.modified
        properties = target.properties
        instanceFacets = target.instanceFacets
    }

    /// Whether this proxy shows a live document (it follows the document's later changes) rather than a version.
    public var isLiveProxy: Bool { isProxy && proxyTargetId != nil && proxyTargetId == proxyVersionableId }
}
