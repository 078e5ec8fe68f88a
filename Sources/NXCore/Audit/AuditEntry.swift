import NXRuntime

/// One audit log record (Nuxeo's `LogEntry`): an event on a document, recorded in the transaction of the change.
public struct AuditEntry: Sendable, Hashable {
    /// Sequence number, assigned by the store (0 before insertion).
    public var id: Int64
    /// `documentCreated`, `documentModified`, `lifecycle_transition_event`, …
    public var eventId: String
    /// `eventDocumentCategory`, `eventLifeCycleCategory`, …
    public var category: String?
    /// Who did it.
    public var principalName: String?
    public var comment: String?
    /// Lifecycle state of the document after the event.
    public var docLifeCycle: String?
    public var docPath: String?
    public var docType: String?
    public var docUUID: String?
    public var repositoryId: String?
    /// When the event happened, ms since 1970.
    public var eventDate: Int64
    /// When it was logged, ms since 1970.
    public var logDate: Int64
    /// Extra values (`extended`).
    public var extended: JSONObject

    public init(id: Int64 = 0, eventId: String, category: String?, principalName: String?, comment: String? = nil, docLifeCycle: String?,
                docPath: String?, docType: String?, docUUID: String?, repositoryId: String?, eventDate: Int64, logDate: Int64,
                extended: JSONObject = JSONObject()) {
        self.id = id
        self.eventId = eventId
        self.category = category
        self.principalName = principalName
        self.comment = comment
        self.docLifeCycle = docLifeCycle
        self.docPath = docPath
        self.docType = docType
        self.docUUID = docUUID
        self.repositoryId = repositoryId
        self.eventDate = eventDate
        self.logDate = logDate
        self.extended = extended
    }
}

/// Which log entries of a document to return (`@audit` filters).
public struct AuditQuery: Sendable, Hashable {
    /// The document.
    public var docUUID: String
    /// Any of these event ids (empty = all).
    public var eventIds: [String]
    /// Any of these categories (empty = all).
    public var categories: [String]
    /// Any of these principals (empty = all).
    public var principalNames: [String]
    /// Events at or after, ms since 1970.
    public var startDate: Int64?
    /// Events at or before, ms since 1970.
    public var endDate: Int64?
    /// Newest first (the default) or oldest first.
    public var descending: Bool

    public init(docUUID: String, eventIds: [String] = [], categories: [String] = [], principalNames: [String] = [],
                startDate: Int64? = nil, endDate: Int64? = nil, descending: Bool = true) {
        self.docUUID = docUUID
        self.eventIds = eventIds
        self.categories = categories
        self.principalNames = principalNames
        self.startDate = startDate
        self.endDate = endDate
        self.descending = descending
    }
}

/// Audit event ids and categories as Nuxeo names them.
public enum AuditEvent {
    public static let documentCategory = "eventDocumentCategory"
    public static let lifecycleCategory = "eventLifeCycleCategory"
    public static let created = "documentCreated"
    public static let createdByCopy = "documentCreatedByCopy"
    public static let duplicated = "documentDuplicated"
    public static let modified = "documentModified"
    public static let removed = "documentRemoved"
    public static let moved = "documentMoved"
    public static let transition = "lifecycle_transition_event"
    public static let checkedIn = "documentCheckedIn"
    public static let locked = "documentLocked"
    public static let unlocked = "documentUnlocked"
    public static let trashed = "documentTrashed"
    public static let untrashed = "documentUntrashed"
    public static let proxyPublished = "documentProxyPublished"
    public static let sectionContentPublished = "sectionContentPublished"

    /// The document events the audit logs when something fires them (Nuxeo's default audited events that concern a
    /// document): what `Event.Fire` leaves in the log.
    public static let audited: Set<String> = [
        created, createdByCopy, duplicated, modified, removed, moved, transition, checkedIn, locked, unlocked, trashed, untrashed,
        proxyPublished, sectionContentPublished, "documentSecurityUpdated", "documentRestored", "versionRemoved",
    ]
}
