import Foundation
import Logging
import NXRuntime
import Synchronization

/// Nuxeo's bulk action framework: a command (an action over the documents of an NXQL query, with parameters, on behalf
/// of a user) is stored, its documents are scrolled into a numbered list (as the user, so only what the user can read),
/// then processed batch by batch in the background. Progress and state are stored with each batch, so a restart resumes
/// where the last committed batch ended; `abort` stops a command between two batches.
///
/// Several active commands advance in turn, one batch each, so a long command does not hold up a short one.
///
/// Nodes sharing a database share the work: a transactional batch is claimed by the write transaction that processes it
/// (writes are serialized cluster-wide, and each takes the batch after the stored cursor), so every node processes
/// batches of the same command and none twice; every other step (scroll, per-document and whole-command actions) runs
/// on the node holding the command's lease (`leaseDuration`, renewed at each step; a dead node's lease expires and
/// another node takes over, as after a restart).
public final class BulkService: Sendable {
    public let repository: Repository
    /// Resolves a command's user (nil: every user is an unprivileged principal of that name).
    let users: UserDirectory?
    let logger: Logger
    /// Documents the scroll reads per transaction.
    static let scrollChunk = 1_000
    /// Documents a command may select at most.
    public static let maxDocuments = 10_000_000
    private let actions = Mutex<[String: (action: BulkAction, declared: BulkActionDescriptor?)]>([:])
    private let signalled = Mutex(false)
    /// This node's name in command leases.
    public let node: String
    /// How long a lease holds without renewal (ms).
    static let leaseDuration: Int64 = 60_000
    private let batches = Mutex(0)

    public init(repository: Repository, users: UserDirectory?, node: String = "local", logger: Logger = Logger(label: "nx.bulk")) {
        self.repository = repository
        self.users = users
        self.node = node
        self.logger = logger
    }

    /// Transactional batches this node processed since it started.
    public var batchesProcessed: Int { batches.withLock { $0 } }

    func countBatch() { batches.withLock { $0 += 1 } }

    /// Whether this node may run the next step of `command`: transactional batches always (their transaction claims
    /// them), anything else when this node holds (or takes) the command's lease.
    func mayStep(_ command: BulkCommand) async throws -> Bool {
        if command.state == .running, case .transactional? = action(command.action)?.processing { return true }
        let (node, now) = (node, repository.now())
        return try await repository.store.write { tx in
            try tx.claimBulkLease(commandId: command.id, node: node, now: now, until: now + Self.leaseDuration)
        }
    }

    /// Makes an action available (replacing one with the same id), with its declaration: its parameters are checked
    /// against it and its `exclusive` rule applies.
    public func register(_ action: BulkAction, declared: BulkActionDescriptor? = nil) {
        actions.withLock { $0[action.id] = (action, declared) }
    }

    /// The registered action `id`.
    public func action(_ id: String) -> BulkAction? { actions.withLock { $0[id]?.action } }

    /// The declaration of action `id`.
    public func descriptor(_ id: String) -> BulkActionDescriptor? { actions.withLock { $0[id]?.declared } }

    /// Every registered action id, sorted.
    public var actionIds: [String] { actions.withLock { $0.keys.sorted() } }

    /// Checks and stores a command, SCHEDULED: an unknown action or a bad parameter → 400, a query that does not parse →
    /// 400 (before anything is scheduled), an exclusive action already active → 409.
    public func submit(_ request: BulkRequest, principal: Principal) async throws -> BulkCommand {
        guard let action = action(request.action) else { throw NXError.invalid("Unknown bulk action: \(request.action)") }
        let declared = descriptor(request.action)
        if let declared { try Self.check(request.params, against: declared) }
        guard (1...1000).contains(request.batchSize) else { throw NXError.invalid("batchSize must be between 1 and 1000") }
        guard request.queryLimit >= 0 else { throw NXError.invalid("queryLimit must not be negative") }
        try action.validate(request.params, repository)
        if case .whole = action.processing {} else {
            guard let query = request.query else { throw NXError.invalid("A bulk command needs a query") }
            _ = try repository.compile(query, sort: nil)
        }
        let command = BulkCommand(id: UUID().uuidString.lowercased(), action: action.id, username: principal.name,
                                  repository: repository.name, query: request.query, params: request.params,
                                  batchSize: request.batchSize, queryLimit: request.queryLimit, submitted: repository.now())
        let exclusive = request.exclusive ?? declared?.exclusive ?? action.exclusive
        try await repository.store.write { tx in
            if exclusive, let running = try Self.activeCommand(action: command.action, tx) {
                throw NXError.conflict("Bulk Action: \(command.action) is exclusive, command: \(running.id) is already running")
            }
            try tx.saveBulkCommand(command)
        }
        signal()
        return command
    }

    /// An active command of `action`, if any (what makes an exclusive action wait).
    public func activeCommand(action: String) async throws -> BulkCommand? {
        try await repository.store.read { tx in try Self.activeCommand(action: action, tx) }
    }

    static func activeCommand(action: String, _ tx: any DocumentReading) throws -> BulkCommand? {
        try tx.bulkCommands(states: BulkState.active, limit: 10_000).first { $0.action == action }
    }

    /// The commands not yet finished (scheduled, scrolling or running).
    public func activeCommands() async throws -> [BulkCommand] {
        try await repository.store.read { tx in try tx.bulkCommands(states: BulkState.active, limit: 10_000) }
    }

    /// The command `id`, nil when unknown.
    public func status(_ id: String) async throws -> BulkCommand? {
        try await repository.store.read { tx in try tx.bulkCommand(id: id) }
    }

    /// Aborts an active command (it stops before its next batch); a finished one is returned as it is. Nil when unknown.
    public func abort(_ id: String) async throws -> BulkCommand? {
        let time = repository.now()
        return try await repository.store.write { tx in
            guard var command = try tx.bulkCommand(id: id) else { return nil }
            guard command.state.isActive else { return command }
            command.state = .aborted
            if command.processingStart != nil { command.processingEnd = time }
            command.completed = time
            command.inFlight = nil
            try tx.saveBulkCommand(command)
            try tx.clearBulkItems(commandId: id, output: false)
            return command
        }
    }

    /// Asks the running loop to look at the commands now.
    public func signal() { signalled.withLock { $0 = true } }

    func takeSignal() -> Bool {
        signalled.withLock { value in
            defer { value = false }
            return value
        }
    }

    /// Advances every active command by one step (a scroll or a batch); false when none is active, or none this node may
    /// step (another node holds their leases).
    @discardableResult
    public func runOnce() async throws -> Bool {
        let active = try await repository.store.read { tx in try tx.bulkCommands(states: BulkState.active, limit: 16) }
        var stepped = false
        for command in active {
            do {
                guard try await mayStep(command) else { continue }
                stepped = true
                try await step(command)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A failure of the framework itself (not of one document): the command ends, with the reason.
                logger.error("bulk command failed", metadata: ["command": "\(command.id)", "action": "\(command.action)", "error": "\(error)"])
                try await finish(command.id, failure: Self.message(error))
            }
        }
        return stepped
    }

    /// Runs commands until none is active.
    public func drain() async throws {
        while try await runOnce() {}
    }

    /// Runs until cancelled: advances active commands, then waits for a signal or `pollInterval`.
    public func run(pollInterval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            var busy = false
            do {
                busy = try await runOnce()
            } catch is CancellationError {
                return
            } catch {
                logger.error("bulk pass failed", metadata: ["error": "\(error)"])
            }
            if busy {
                await Task.yield()
                continue
            }
            var waited = Duration.zero
            while waited < pollInterval, !takeSignal(), !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
                waited += .milliseconds(20)
            }
        }
    }

    /// The parameters' names and types against the declaration: an undeclared name (unless xpaths are parameters) →
    /// 400 `Unknown parameter`, a value of the wrong type → 400 `Invalid`.
    static func check(_ params: JSONObject, against declared: BulkActionDescriptor) throws {
        for (name, value) in params {
            guard let param = declared.params.first(where: { $0.name == name }) else {
                if declared.xpathParams { continue }
                throw BulkAction.unknownParameter(name)
            }
            let valid: Bool
            switch (param.type, value) {
            case (_, .null): valid = true
            case ("boolean", .bool): valid = true
            case ("boolean", .string(let s)): valid = ["true", "false"].contains(s.lowercased())
            case ("integer", .int): valid = true
            case ("integer", .string(let s)): valid = Int(s) != nil
            case ("[string]", .array(let items)): valid = items.allSatisfy { $0.stringValue != nil }
            case ("[string]", .string): valid = true
            case ("object", .object): valid = true
            case ("string", .string), ("string", .int), ("string", .bool), ("string", .double): valid = true
            default: valid = false
            }
            guard valid else { throw BulkAction.invalidParameter(name) }
        }
    }

    static func message(_ error: any Error) -> String {
        (error as? NXError)?.message ?? "\(error)"
    }
}
