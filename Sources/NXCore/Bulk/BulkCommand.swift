import NXRuntime

/// The states of a bulk command, as Nuxeo's `BulkStatus.State` names them.
public enum BulkState: String, Sendable, CaseIterable {
    case unknown = "UNKNOWN"
    case scheduled = "SCHEDULED"
    case scrollingRunning = "SCROLLING_RUNNING"
    case running = "RUNNING"
    case completed = "COMPLETED"
    case aborted = "ABORTED"

    /// The states of a command that still has work to do.
    public static let active: [BulkState] = [.scheduled, .scrollingRunning, .running]

    /// Whether the command still has work to do.
    public var isActive: Bool { Self.active.contains(self) }
}

/// A bulk command and its status: what to do (action, the documents of a query, parameters, on whose behalf) and how far
/// it got. One stored row; the `bulkStatus` entity shows it.
public struct BulkCommand: Sendable, Hashable {
    /// The command id (a UUID).
    public var id: String
    /// The action id (`setProperties`, `trash`, `csvExport`…).
    public var action: String
    /// The user on whose behalf documents are read and written.
    public var username: String
    /// The repository name.
    public var repository: String
    /// The NXQL query selecting the documents (nil for actions on the whole store, such as the blob GC).
    public var query: String?
    /// The action's parameters.
    public var params: JSONObject
    /// Documents processed in one transaction.
    public var batchSize: Int
    /// Documents at most (0 = no limit), Nuxeo's `queryLimit`.
    public var queryLimit: Int

    public var state: BulkState
    /// Documents processed (successfully or not).
    public var processed: Int
    /// Documents the action skipped.
    public var skipCount: Int
    /// Documents whose processing failed.
    public var errorCount: Int
    /// The first failure's message.
    public var errorMessage: String?
    /// Documents selected by the scroll.
    public var total: Int
    /// Instants (ms since 1970); nil until reached.
    public var submitted: Int64
    public var scrollStart: Int64?
    public var scrollEnd: Int64?
    public var processingStart: Int64?
    public var processingEnd: Int64?
    public var completed: Int64?
    /// What the action produced (for example csvExport's `url`).
    public var result: JSONObject
    /// The scroll position processed so far (sequence number of the last handled document).
    public var cursor: Int
    /// The digest of the file the command produced (csvExport), in the binary store.
    public var resultBlob: String?
    /// A document an at-most-once action was processing when the command last stopped (nil when none).
    public var inFlight: String?

    public init(id: String, action: String, username: String, repository: String, query: String?, params: JSONObject = JSONObject(),
                batchSize: Int = 100, queryLimit: Int = 0, submitted: Int64) {
        self.id = id
        self.action = action
        self.username = username
        self.repository = repository
        self.query = query
        self.params = params
        self.batchSize = batchSize
        self.queryLimit = queryLimit
        self.state = .scheduled
        self.processed = 0
        self.skipCount = 0
        self.errorCount = 0
        self.errorMessage = nil
        self.total = 0
        self.submitted = submitted
        self.result = JSONObject()
        self.cursor = 0
        self.inFlight = nil
        self.resultBlob = nil
    }

    /// Milliseconds of processing (Nuxeo's `processingMillis`: processing end − processing start, 0 until both are known).
    public var processingMillis: Int64 {
        guard let start = processingStart, let end = processingEnd, end >= start else { return 0 }
        return end - start
    }

    /// Records a failure: one more error, the first message kept.
    mutating func fail(_ message: String) {
        errorCount += 1
        if errorMessage == nil { errorMessage = message }
    }
}
