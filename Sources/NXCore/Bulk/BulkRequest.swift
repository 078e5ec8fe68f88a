import NXRuntime

/// What a caller asks to run: an action over the documents of a query.
public struct BulkRequest: Sendable {
    public var action: String
    /// The NXQL query selecting the documents (nil for whole-store actions).
    public var query: String?
    public var params: JSONObject
    /// Documents processed per transaction (1…1000; Nuxeo's `batchSize`).
    public var batchSize: Int
    /// Documents at most (0 = all; Nuxeo's `queryLimit`).
    public var queryLimit: Int
    /// Overrides the action's `exclusive` rule (a whole-repository reindex is exclusive, a partial one is not).
    public var exclusive: Bool?

    public init(action: String, query: String?, params: JSONObject = JSONObject(), batchSize: Int = 100, queryLimit: Int = 0,
                exclusive: Bool? = nil) {
        self.action = action
        self.query = query
        self.params = params
        self.batchSize = batchSize
        self.queryLimit = queryLimit
        self.exclusive = exclusive
    }
}
