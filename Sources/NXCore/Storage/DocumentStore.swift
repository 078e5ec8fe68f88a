import NXRuntime

/// How children are ordered: a property key (`dc:title`, `ecm:name`, …) and a direction.
public struct SortKey: Sendable, Hashable {
    public var property: String
    public var ascending: Bool

    public init(property: String, ascending: Bool) {
        self.property = property
        self.ascending = ascending
    }
}

/// Reads inside one transaction. Implemented per backend (SQLite now, PostgreSQL later).
public protocol DocumentReading: WorkflowReading, BulkReading {
    /// The document with `id`.
    func document(id: String) throws -> DocumentRecord?
    /// The document at `path`.
    func document(path: String) throws -> DocumentRecord?
    /// Whether a document (live, version or proxy) with `id` exists.
    func documentExists(id: String) throws -> Bool
    /// Whether `parentId` has a child named `name`.
    func childExists(parentId: String, name: String) throws -> Bool
    /// A page of the documents matching a compiled query.
    func query(_ query: CompiledQuery, limit: Int, offset: Int) throws -> [DocumentRecord]
    /// The number of matching documents, counting at most `upTo + 1` rows when `upTo > 0`.
    func count(_ query: CompiledQuery, upTo: Int) throws -> Int
    /// Highlighted fragments of the given documents for a fulltext query: document id → requested field → fragments.
    func highlights(_ documents: [DocumentRecord], fulltext: String, fields: [String]) throws -> [String: [String: [String]]]
    /// Buckets of distinct values of a SQL value expression over the matching documents: (key, count), most frequent first.
    func terms(_ query: CompiledQuery, value: AggregateSource, limit: Int) throws -> [(String, Int)]
    /// Counts of matching documents per bound condition (ranges).
    func countEach(_ query: CompiledQuery, conditions: [SQLFragment]) throws -> [Int]
    /// The versions of a live document, oldest first.
    func versions(of versionableId: String) throws -> [DocumentRecord]
    /// The live children of a document, in name order, or `byPosition` in position order (children without a position
    /// last, by name); with `readable`, only those the principal it was made for may read.
    func children(of parentId: String, readable: ReadFilter?, byPosition: Bool) throws -> [DocumentRecord]
    /// The highest position among the children of a document, nil when none has one.
    func lastChildPosition(of parentId: String) throws -> Int64?
    /// Every child of a document (hidden, trashed and proxies included) in position order, children without a position
    /// last by name: id, name and position.
    func childPositions(of parentId: String) throws -> [(id: String, name: String, position: Int64?)]
    /// The live descendants of the document at `path` (not the document itself), parents before children.
    func descendants(of path: String) throws -> [DocumentRecord]
    /// A page of a document's audit entries and the total matching count.
    func audit(_ query: AuditQuery, limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int)
    /// A page of the audit entries matching an audit query, in its order, and the total matching count.
    func audit(_ query: AuditLogQuery, limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int)
    /// The local ACLs of the live documents at `paths`, by path (documents without ACLs are absent).
    func localACLs(paths: [String]) throws -> [String: [ACL]]
    /// Every read ACL: id and canonical text (`+user,-group,…`).
    func readACLs() throws -> [(id: Int64, acl: String)]
    /// The canonical text of one read ACL.
    func readACL(id: Int64) throws -> String?
    /// The id of a recorded set of ACE names (its canonical text), nil when not recorded yet.
    func principalSet(names: String) throws -> Int64?
    /// Every recorded set of ACE names: id and canonical text.
    func principalSets() throws -> [(id: Int64, names: String)]
    /// The read ACLs with a time window (`timed`, decided per request) or without: id and canonical text.
    func readACLs(timed: Bool) throws -> [(id: Int64, acl: String)]
    /// The live documents at or under `path` that carry local ACLs, shallowest first.
    func documentsWithACLs(under path: String) throws -> [(id: String, path: String)]
    /// A file of a live upload batch (not idle since before `notBefore`), nil when unknown.
    func batchFile(batchId: String, index: String, notBefore: Int64) throws -> BatchFile?
    /// Every digest a document, a version, a live upload batch or a bulk command result references (what the binary GC keeps).
    func referencedDigests() throws -> Set<String>
    /// Of the items `ids`, how many are still queued and how many failed again (done items are gone).
    func pendingWork(ids: [Int64]) throws -> (pending: Int, failed: Int)
    /// The proxies showing exactly the document or version `targetId`, in path order.
    func proxies(targetId: String) throws -> [DocumentRecord]
    /// The proxies of a version series (live proxies and proxies of its versions), in path order; with `parentId`, only
    /// those in that folder.
    func proxies(versionableId: String, parentId: String?) throws -> [DocumentRecord]
    /// A proxy outside the subtree of `id` (at `path`) that shows a document removed with that subtree, if any.
    func externalProxy(ofSubtree id: String, path: String) throws -> (proxyId: String, targetId: String)?
}

/// What a terms aggregate groups by: a scalar expression, or the elements of a JSON array.
public enum AggregateSource: Sendable {
    case scalar(String)
    case elements(arrayPath: String, elementPath: String)
}

/// Writes inside one transaction.
public protocol DocumentWriting: DocumentReading, WorkflowWriting, BulkWriting {
    /// Inserts a new document.
    func insert(_ document: DocumentRecord) throws
    /// Replaces the stored document with the same id.
    func update(_ document: DocumentRecord) throws
    /// Deletes the document and every descendant; returns how many were removed.
    func deleteSubtree(id: String, path: String) throws -> Int
    /// Rewrites the path prefix `oldPath` to `newPath` on every live descendant of `oldPath`.
    func movePaths(from oldPath: String, to newPath: String) throws
    /// Sets the position of a document among its siblings (a change of its stored state: its system change counter moves,
    /// and with it that of the proxies showing it).
    func setPosition(_ position: Int64, of id: String) throws
    /// Sets the trashed flag on every live descendant of `path`.
    func setTrashed(descendantsOf path: String, _ trashed: Bool) throws
    /// Clears the latest-version flags of a version series before a new version is added (`major`: the latest-major flag too).
    func clearLatestFlags(versionableId: String, major: Bool) throws
    /// Appends an audit entry.
    func appendAudit(_ entry: AuditEntry) throws
    /// Replaces the local ACLs of a document.
    func setLocalACLs(documentId: String, _ acls: [ACL]) throws
    /// The id of a read ACL, created if new (`created`); `timed`: it has a time window (decided per request).
    func readACLId(_ acl: String, timed: Bool) throws -> (id: Int64, created: Bool)
    /// Records a set of ACE names (its canonical text) and returns its id.
    func insertPrincipalSet(names: String) throws -> Int64
    /// Records that the principal set passes the (untimed) read ACLs `aclIds`.
    func insertReadGrants(principalSet: Int64, aclIds: [Int64]) throws
    /// Sets the read ACL of the document at `path`, of its live descendants, and of their versions.
    func setReadACL(_ id: Int64, at path: String) throws
    /// Records that the derived data `kind` of a document was computed from the binary `digest` (no work is queued again
    /// for it until its file changes).
    func markDerivedWork(kind: String, documentId: String, digest: String) throws
    /// Queues an item in the work queue `kind` unless one with the same key is already queued; true when queued.
    @discardableResult
    func enqueueWork(kind: String, key: String, payload: String, time: Int64) throws -> Bool
    /// Claims the oldest unclaimed item of a work queue (or one claimed before `staleBefore`, whose worker died).
    func claimWork(kind: String, now: Int64, staleBefore: Int64) throws -> WorkItem?
    /// Removes a done item.
    func finishWork(id: Int64) throws
    /// Releases a failed item for a later retry.
    func releaseWork(id: Int64) throws
    /// Records a failed attempt: retried at `retryAt` (ms), or kept as failed (nil) with its error.
    func failWork(id: Int64, error: String, retryAt: Int64?) throws
    /// Puts every failed item back in its queue; returns their ids.
    func retryFailedWork() throws -> [Int64]
    /// Stores the text extracted from a binary and re-indexes every document referencing it.
    func storeBinaryText(digest: String, text: String) throws
}

/// An item of a durable work queue (`work_queue`): what to do (`kind`), on what (`key`), with `payload`.
public struct WorkItem: Sendable, Hashable {
    public var id: Int64
    public var kind: String
    public var key: String
    public var payload: String
    public var attempts: Int

    public init(id: Int64, kind: String, key: String, payload: String, attempts: Int) {
        self.id = id
        self.kind = kind
        self.key = key
        self.payload = payload
        self.attempts = attempts
    }
}

/// A storage backend: runs read and write transactions.
public protocol DocumentStore: Sendable {
    /// The SQL dialect queries are compiled to for this store.
    var dialect: any SQLDialect { get }
    /// Runs `body` in a read transaction.
    func read<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T
    /// Runs a short read (point lookups) on the calling thread, without the asynchronous queue hop.
    /// For work bounded by an index lookup only; queries use `read`.
    func readNow<T>(_ body: (any DocumentReading) throws -> T) throws -> T
    /// Runs `body` in a write transaction (rolled back if it throws).
    func write<T: Sendable>(_ body: @escaping @Sendable (any DocumentWriting) throws -> T) async throws -> T
    /// The generation of the database's committed writes when other processes may write it too (a shared database):
    /// it moves with every write transaction of any of them, so a cache of this process is stale when it moved since.
    /// nil when this process is the only writer (what it caches is invalidated by its own writes).
    func sharedGeneration() async throws -> UInt64?
    /// Runs a point lookup (one indexed statement or two) outside a transaction, as cheaply as the backend allows:
    /// SQLite reads on the calling thread (`readNow`); a networked database runs it on its blocking pool so no
    /// thread of the cooperative pool waits on the network.
    func pointRead<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T
}

extension DocumentStore {
    public func sharedGeneration() async throws -> UInt64? { nil }
    public func pointRead<T: Sendable>(_ body: @escaping @Sendable (any DocumentReading) throws -> T) async throws -> T {
        try readNow(body)
    }
}
