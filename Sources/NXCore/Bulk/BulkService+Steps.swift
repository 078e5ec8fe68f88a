import NXRuntime

extension BulkService {
    /// One step of a command: start it, scroll its documents, or process one batch.
    func step(_ command: BulkCommand) async throws {
        guard let action = action(command.action) else {
            try await finish(command.id, failure: "Unknown bulk action: \(command.action)")
            return
        }
        let principal = try await principal(of: command.username)
        switch (command.state, action.processing) {
        case (.scheduled, .whole(let body)):
            try await runWhole(command, action: action, body: body)
        case (.scheduled, _):
            let time = repository.now()
            try await update(command.id) { command in
                command.state = .scrollingRunning
                command.scrollStart = time
            } prepare: { tx in try tx.clearBulkItems(commandId: command.id, output: true) }
        case (.scrollingRunning, _):
            try await scroll(command, principal: principal)
        case (.running, .transactional(let body)):
            if try await processBatch(command, principal: principal, body: body) { try await complete(command, action: action) }
        case (.running, .eachDocument(let body)):
            if try await processEach(command, principal: principal, body: body) { try await complete(command, action: action) }
        case (.running, .eachBatch(let body)):
            if try await processEachBatch(command, principal: principal, body: body) { try await complete(command, action: action) }
        case (.running, .whole(let body)):
            try await runWhole(command, action: action, body: body)
        default:
            return
        }
    }

    /// The principal a command acts as: `system`, a directory user with its groups, or (without a directory entry, as
    /// Nuxeo's `transient/` users) a principal without groups. A user deleted since the submission fails the command.
    func principal(of username: String) async throws -> Principal {
        if username == Principal.system.name { return .system }
        guard let users, !username.hasPrefix("transient/") else { return Principal(name: username) }
        guard let user = try await users.user(username) else { throw NXError.forbidden("The user \(username) of the command does not exist") }
        return Principal(name: user.name, groups: user.allGroups, isAdministrator: user.isAdministrator)
    }

    /// Reads the command in a write transaction and, while it is still in `state`, applies `change` and saves it.
    /// Returns false when the command changed state meanwhile (aborted).
    @discardableResult
    func update(_ id: String, expecting state: BulkState? = nil, _ change: @escaping @Sendable (inout BulkCommand) -> Void,
                prepare: @escaping @Sendable (any DocumentWriting) throws -> Void = { _ in }) async throws -> Bool {
        try await repository.store.write { tx in
            guard var command = try tx.bulkCommand(id: id), command.state.isActive else { return false }
            if let state, command.state != state { return false }
            try prepare(tx)
            change(&command)
            try tx.saveBulkCommand(command)
            return true
        }
    }

    /// Scrolls the command's documents (those its user can read) into its numbered list, a chunk per transaction, then
    /// moves it to RUNNING. Restarted from the start after a restart (nothing was processed yet).
    func scroll(_ command: BulkCommand, principal: Principal) async throws {
        let repository = self.repository
        let compiled = try repository.compile(command.query ?? "SELECT * FROM Document", sort: nil)
        let principalSet = try await repository.principalSet(principal)
        let restricted = try await repository.store.read { tx in
            Repository.restrict(compiled, to: try repository.readFilter(principal, set: principalSet, tx))
        }
        let limit = command.queryLimit > 0 ? min(command.queryLimit, Self.maxDocuments) : Self.maxDocuments
        try await repository.store.write { tx in try tx.clearBulkItems(commandId: command.id, output: true) }
        var after: Int64 = 0
        var total = 0
        while total < limit {
            let (position, wanted) = (after, min(Self.scrollChunk, limit - total))
            let chunk = try await repository.store.read { tx in try tx.scroll(restricted, after: position, limit: wanted) }
            guard let last = chunk.last else { break }
            let first = total + 1
            let ids = chunk.map(\.id)
            let count = total + ids.count
            let stillScrolling = try await update(command.id, expecting: .scrollingRunning) { command in command.total = count } prepare: { tx in
                try tx.appendBulkItems(commandId: command.id, firstSeq: first, documentIds: ids)
            }
            guard stillScrolling else { return }
            total = count
            after = last.rowid
            if chunk.count < Self.scrollChunk { break }
        }
        let (time, scrolled) = (repository.now(), total)
        try await update(command.id, expecting: .scrollingRunning) { command in
            command.total = scrolled
            command.scrollEnd = time
            command.state = .running
            command.processingStart = time
            command.cursor = 0
        }
    }

    /// Processes the next batch in one write transaction with the progress; true when no document is left.
    func processBatch(_ command: BulkCommand, principal: Principal, body: @escaping @Sendable (BulkDocumentStep) throws -> BulkOutcome)
        async throws -> Bool {
        let repository = self.repository
        let time = repository.now()
        return try await repository.write { tx in
            guard var current = try tx.bulkCommand(id: command.id), current.state == .running else { return false }
            let items = try tx.bulkItems(commandId: current.id, after: current.cursor, limit: current.batchSize)
            guard !items.isEmpty else { return true }
            self.countBatch()
            for (seq, id) in items {
                current.cursor = seq
                current.processed += 1
                guard let document = try tx.document(id: id) else {
                    current.skipCount += 1
                    continue
                }
                let step = BulkDocumentStep(repository: repository, command: current, principal: principal, document: document, seq: seq,
                                            time: time, tx: tx)
                var outcome = BulkOutcome.processed
                do {
                    try tx.savepoint { outcome = try body(step) }
                } catch let error as NXError {
                    current.fail(error.message)
                    continue
                }
                if case .skipped = outcome { current.skipCount += 1 }
            }
            try tx.saveBulkCommand(current)
            return false
        }
    }

    /// Processes the next batch one document at a time, outside transactions: the document is recorded as in flight
    /// before it runs, so after a restart it counts as an error instead of running twice. True when no document is left.
    func processEach(_ command: BulkCommand, principal: Principal,
                     body: @escaping @Sendable (DocumentRecord, BulkCommand, Principal) async throws -> BulkOutcome) async throws -> Bool {
        if command.inFlight != nil {
            try await update(command.id, expecting: .running) { command in
                command.processed += 1
                command.fail("Interrupted by a server restart: \(command.inFlight ?? "")")
                command.inFlight = nil
            }
        }
        let items = try await repository.store.read { tx in try tx.bulkItems(commandId: command.id, after: command.cursor, limit: command.batchSize) }
        guard !items.isEmpty else { return command.inFlight == nil }
        for (seq, id) in items {
            guard try await update(command.id, expecting: .running, { command in
                command.cursor = seq
                command.inFlight = id
            }) else { return false }
            var outcome: BulkOutcome?
            var failure: String?
            do {
                if let document = try? await repository.document(.id(id)) {
                    outcome = try await body(document, command, principal)
                } else {
                    outcome = .skipped
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = Self.message(error)
            }
            let result = (outcome, failure)
            try await update(command.id, expecting: .running) { command in
                command.inFlight = nil
                command.processed += 1
                if let failure = result.1 { command.fail(failure) } else if case .skipped? = result.0 { command.skipCount += 1 }
            }
        }
        return false
    }

    /// Processes the next batch at once, outside transactions: the batch is recorded as in flight (`batch:<count>:<first
    /// id>`) with the cursor past it before it runs, so after a restart it counts as one error instead of running
    /// twice. True when no document is left.
    func processEachBatch(_ command: BulkCommand, principal: Principal,
                          body: @escaping @Sendable ([DocumentRecord], BulkCommand, Principal) async throws -> Void) async throws -> Bool {
        if let interrupted = command.inFlight {
            let count = interrupted.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 0
            try await update(command.id, expecting: .running) { command in
                command.processed += count
                command.fail("Interrupted by a server restart: a batch of \(count) documents")
                command.inFlight = nil
            }
        }
        let items = try await repository.store.read { tx in try tx.bulkItems(commandId: command.id, after: command.cursor, limit: command.batchSize) }
        guard let last = items.last else { return command.inFlight == nil }
        guard try await update(command.id, expecting: .running, { command in
            command.cursor = last.seq
            command.inFlight = "batch:\(items.count):\(items[0].documentId)"
        }) else { return false }
        var documents: [DocumentRecord] = []
        for (_, id) in items {
            if let document = try? await repository.document(.id(id)) { documents.append(document) }
        }
        var failure: String?
        if !documents.isEmpty {
            do {
                try await body(documents, command, principal)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = Self.message(error)
            }
        }
        let (count, missing, error) = (items.count, items.count - documents.count, failure)
        try await update(command.id, expecting: .running) { command in
            command.inFlight = nil
            command.processed += count
            command.skipCount += missing
            if let error { command.fail(error) }
        }
        return false
    }

    /// Runs a whole-store action and completes the command.
    func runWhole(_ command: BulkCommand, action: BulkAction, body: @Sendable (BulkCommand, Repository) async throws -> BulkWholeOutcome)
        async throws {
        let start = repository.now()
        guard try await update(command.id, { command in
            command.state = .running
            command.scrollStart = start
            command.scrollEnd = start
            command.processingStart = start
        }) else { return }
        let outcome = try await body(command, repository)
        let end = repository.now()
        try await update(command.id, expecting: .running) { command in
            command.total = outcome.processed
            command.processed = outcome.processed
            command.skipCount = outcome.skipped
            command.result = outcome.result
            command.state = .completed
            command.processingEnd = end
            command.completed = end
        }
    }

    /// After the last batch: the action's completion (a result), then COMPLETED; the scrolled list is dropped.
    func complete(_ command: BulkCommand, action: BulkAction) async throws {
        guard var current = try await status(command.id), current.state == .running else { return }
        try await action.complete?(&current, repository)
        let (result, blob) = (current.result, current.resultBlob)
        let end = repository.now()
        try await update(command.id, expecting: .running) { command in
            command.result = result
            command.resultBlob = blob
            command.state = .completed
            command.processingEnd = end
            command.completed = end
        } prepare: { tx in try tx.clearBulkItems(commandId: command.id, output: true) }
    }

    /// Ends a command that cannot go on: COMPLETED with an error and its message (Nuxeo marks such a status in error).
    func finish(_ id: String, failure: String) async throws {
        let end = repository.now()
        try await update(id) { command in
            command.fail(failure)
            command.state = .completed
            command.inFlight = nil
            if command.processingStart != nil { command.processingEnd = end }
            command.completed = end
        } prepare: { tx in try tx.clearBulkItems(commandId: id, output: true) }
    }
}
