import NXRuntime

/// What an action made of one document.
public enum BulkOutcome: Sendable {
    /// The document was processed.
    case processed
    /// The action had nothing to do with it (counted in `skipCount`).
    case skipped
}

/// One document of a batch, inside the batch's write transaction.
public struct BulkDocumentStep {
    public let repository: Repository
    public let command: BulkCommand
    /// The command's user: every write checks its permissions.
    public let principal: Principal
    public let document: DocumentRecord
    /// The document's number in the scroll (1-based), for actions that write output lines.
    public let seq: Int
    /// The transaction time, ms.
    public let time: Int64
    let tx: any DocumentWriting
}

/// How an action processes the documents of a command.
public enum BulkProcessing: Sendable {
    /// Each document inside its batch's write transaction (in a savepoint: a failure undoes that document only), committed
    /// with the command's progress: a document is processed exactly once, whatever restarts happen.
    case transactional(@Sendable (BulkDocumentStep) throws -> BulkOutcome)
    /// Each document outside any transaction (automation runs its own writes): the command records the document before
    /// running it, so a restart never runs it twice (it counts as an error "interrupted by a server restart").
    case eachDocument(@Sendable (DocumentRecord, BulkCommand, Principal) async throws -> BulkOutcome)
    /// Each batch of documents at once, outside any transaction (automationUi runs an operation on the batch as a
    /// document list): the command records the batch before running it, so a restart never runs it twice (its
    /// documents count as processed, with one error "interrupted by a server restart").
    case eachBatch(@Sendable ([DocumentRecord], BulkCommand, Principal) async throws -> Void)
    /// The whole command at once, without scrolling documents (the orphan-binary GC).
    case whole(@Sendable (BulkCommand, Repository) async throws -> BulkWholeOutcome)
}

/// What a whole-store action did: items it looked at, items it left alone, and its result.
public struct BulkWholeOutcome: Sendable {
    public var processed: Int
    public var skipped: Int
    public var result: JSONObject

    public init(processed: Int, skipped: Int, result: JSONObject) {
        self.processed = processed
        self.skipped = skipped
        self.result = result
    }
}

/// A bulk action: its id and rules (from `Spec/bulk/`), how it checks parameters, processes documents and finishes.
public struct BulkAction: Sendable {
    /// The action id.
    public let id: String
    /// Whether a second command of this action is refused (409) while one is active.
    public let exclusive: Bool
    /// Checks the parameters when the command is submitted; a bad parameter throws a 400.
    public let validate: @Sendable (JSONObject, Repository) throws -> Void
    public let processing: BulkProcessing
    /// After the last document: may set the command's `result` (csvExport's file).
    public let complete: (@Sendable (inout BulkCommand, Repository) async throws -> Void)?

    public init(id: String, exclusive: Bool = false, validate: @escaping @Sendable (JSONObject, Repository) throws -> Void = { _, _ in },
                processing: BulkProcessing, complete: (@Sendable (inout BulkCommand, Repository) async throws -> Void)? = nil) {
        self.id = id
        self.exclusive = exclusive
        self.validate = validate
        self.processing = processing
        self.complete = complete
    }

    /// Nuxeo's validation message: `Unknown parameter <p> in command: …`.
    public static func unknownParameter(_ name: String) -> NXError { .invalid("Unknown parameter \(name) in command") }
    /// Nuxeo's validation message: `Invalid <p> in command: …`.
    public static func invalidParameter(_ name: String) -> NXError { .invalid("Invalid \(name) in command") }
}

extension BulkDocumentStep {
    /// `Repository.update` inside the batch's transaction, as the command's user.
    public func update(properties: JSONObject, versioning: VersionIncrement?, audit: Bool) throws {
        _ = try repository.update(.id(document.id), properties: properties, changeToken: nil, userChange: true, principal: principal,
                                  versioning: versioning, comment: nil, blobs: nil, audit: audit, time: time, tx)
    }

    /// Trashes (`true`) or restores (`false`) the document; false when it already was in that state.
    public func setTrashed(_ trashed: Bool) throws -> Bool {
        guard document.isTrashed != trashed else { return false }
        if trashed { _ = try repository.trash(.id(document.id), principal: principal, time: time, tx) } else {
            _ = try repository.untrash(.id(document.id), principal: principal, time: time, tx)
        }
        return true
    }

    /// Removes the document when it is a proxy; false otherwise.
    public func removeProxy() throws -> Bool {
        guard document.isProxy else { return false }
        try repository.check("Remove", on: document, principal, tx)
        try repository.removeProxies([document], principal: principal.name, time: time, tx)
        return true
    }

    /// Re-indexes the document's fulltext from its stored properties.
    public func reindex() throws { try tx.reindexFulltext(documentId: document.id) }

    /// Stores an output line under this document's number.
    public func output(_ line: String) throws { try tx.appendBulkOutput(commandId: command.id, seq: seq, line: line) }
}
