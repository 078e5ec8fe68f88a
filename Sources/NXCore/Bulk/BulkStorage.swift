/// Bulk commands as stored, read inside a transaction.
public protocol BulkReading {
    /// The command `id`.
    func bulkCommand(id: String) throws -> BulkCommand?
    /// Commands in one of `states`, oldest first, at most `limit`.
    func bulkCommands(states: [BulkState], limit: Int) throws -> [BulkCommand]
    /// The scrolled documents of a command after sequence number `after`, in order, at most `limit`: (sequence, id).
    func bulkItems(commandId: String, after: Int, limit: Int) throws -> [(seq: Int, documentId: String)]
    /// The output lines an action stored for a command, in order (csvExport rows).
    func bulkOutput(commandId: String) throws -> [String]
    /// Row ids and ids of documents matching a compiled query after row id `after`, in row id order, at most `limit`.
    func scroll(_ query: CompiledQuery, after: Int64, limit: Int) throws -> [(rowid: Int64, id: String)]
}

/// Bulk writes inside one transaction.
public protocol BulkWriting: BulkReading {
    /// Inserts or replaces a command.
    func saveBulkCommand(_ command: BulkCommand) throws
    /// Appends scrolled documents of a command, numbered from `firstSeq`.
    func appendBulkItems(commandId: String, firstSeq: Int, documentIds: [String]) throws
    /// Removes a command's scrolled documents (and output, with `output`).
    func clearBulkItems(commandId: String, output: Bool) throws
    /// Appends an output line of a command under sequence number `seq` (replacing one already there).
    func appendBulkOutput(commandId: String, seq: Int, line: String) throws
    /// Re-indexes the fulltext of one document from its stored properties.
    func reindexFulltext(documentId: String) throws
    /// Queues a binary for text extraction (unless its text is known; `force` forgets the known text first).
    func queueBinaryText(digest: String, mimeType: String, force: Bool, time: Int64) throws
    /// Takes (or renews) the lease of `node` on a command until `until` (ms): granted when no other node holds an
    /// unexpired one. Steps other than transactional batches run on the lease holder only; scheduled jobs that must run
    /// on one node of a cluster (`scheduler:<job>`) take a lease of the same table.
    func claimBulkLease(commandId: String, node: String, now: Int64, until: Int64) throws -> Bool
    /// Runs `body` in a savepoint: when it throws, its writes are undone and the error rethrown; the transaction goes on.
    func savepoint(_ body: () throws -> Void) throws
}
