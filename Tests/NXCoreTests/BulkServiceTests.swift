import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Synchronization
import Testing

/// The bulk action framework: states and progress, permissions per document, abort, exactly-once processing across a
/// restart, validation before scheduling, exclusive actions and the core actions' effects.
@Suite struct BulkServiceTests {
    let admin = Principal.unrestricted("Administrator")
    let joe = Principal(name: "joe", groups: ["members"])

    /// A repository with `count` notes under `/default-domain/workspaces/<folder>`.
    func seeded(_ count: Int, folder: String = "bulk") async throws -> (Repository, BulkService) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxbulk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let repository = Repository(registry: NXSchemas.registry, store: try await TestStore.open(directory: directory),
                                    binaries: try LocalBinaryStore(root: directory + "/binaries", digestAlgorithm: .md5))
        try await repository.bootstrap()
        try await seed(repository, count, folder: folder)
        let service = BulkService(repository: repository, users: nil)
        for action in BulkActions.core() { service.register(action) }
        return (repository, service)
    }

    func seed(_ repository: Repository, _ count: Int, folder: String) async throws {
        _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: folder,
                                        properties: ["dc:title": .string(folder)], principal: admin)
        let items = (0..<count).map { NewDocument(parent: .path("/default-domain/workspaces/\(folder)"), type: "Note", name: "n\($0)",
                                                  properties: ["dc:title": .string("note \($0)")]) }
        _ = try await repository.bulkCreate(items, principal: admin)
    }

    func titles(_ repository: Repository, folder: String = "bulk") async throws -> [String] {
        let result = try await repository.query("SELECT * FROM Note WHERE ecm:path STARTSWITH '/default-domain/workspaces/\(folder)'",
                                                options: QueryOptions(request: PageRequest(pageSize: 0), maxPageSize: 10_000, principal: .system))
        return result.page.entries.compactMap { $0.properties["dc:title"]?.stringValue }
    }

    @Test func setPropertiesRunsThroughEveryStateToCompletion() async throws {
        let (repository, service) = try await seeded(250)
        let request = BulkRequest(action: "setProperties", query: "SELECT * FROM Note WHERE ecm:path STARTSWITH '/default-domain/workspaces/bulk'",
                                  params: ["dc:title": "done"], batchSize: 100)
        let submitted = try await service.submit(request, principal: admin)
        #expect(submitted.state == .scheduled && submitted.processed == 0 && submitted.scrollStart == nil)
        var states: [BulkState] = []
        while try await service.runOnce() {
            if let state = try await service.status(submitted.id)?.state, states.last != state { states.append(state) }
        }
        #expect(states == [.scrollingRunning, .running, .completed])
        let status = try #require(try await service.status(submitted.id))
        #expect(status.total == 250 && status.processed == 250 && status.errorCount == 0 && status.skipCount == 0)
        #expect(status.scrollStart != nil && status.scrollEnd != nil && status.processingStart != nil && status.completed != nil)
        #expect(try await titles(repository).allSatisfy { $0 == "done" })
        #expect(try await repository.store.read { tx in try tx.bulkItems(commandId: submitted.id, after: 0, limit: 10) }.isEmpty)
    }

    @Test func everyWriteChecksTheCommandUsersPermissions() async throws {
        let (repository, service) = try await seeded(6, folder: "readonly")
        try await seed(repository, 4, folder: "writable")
        try await seed(repository, 3, folder: "hidden")
        _ = try await repository.setACE(.path("/default-domain/workspaces/readonly"), ACE(username: "joe", permission: "Read"), acl: "local",
                                        overwrite: false, principal: admin)
        _ = try await repository.setACE(.path("/default-domain/workspaces/writable"), ACE(username: "joe", permission: "ReadWrite"), acl: "local",
                                        overwrite: false, principal: admin)
        _ = try await repository.setACE(.path("/default-domain/workspaces/hidden"), ACE(username: "Everyone", permission: "Everything", granted: false),
                                        acl: "local", overwrite: false, principal: admin)
        let command = try await service.submit(BulkRequest(action: "setProperties", query: "SELECT * FROM Note", params: ["dc:title": "joe's"]),
                                               principal: joe)
        try await service.drain()
        let status = try #require(try await service.status(command.id))
        // joe reads the notes of readonly and writable (and none of hidden): 10 scrolled, the 6 read-only ones fail.
        #expect(status.state == .completed && status.total == 10 && status.processed == 10 && status.errorCount == 6)
        #expect(status.errorMessage?.contains("joe") == true)
        #expect(try await titles(repository, folder: "writable").allSatisfy { $0 == "joe's" })
        #expect(try await titles(repository, folder: "readonly").allSatisfy { $0.hasPrefix("note ") })
        #expect(try await titles(repository, folder: "hidden").allSatisfy { $0.hasPrefix("note ") })
    }

    @Test func abortStopsBetweenBatches() async throws {
        let (repository, service) = try await seeded(120)
        let command = try await service.submit(BulkRequest(action: "setProperties", query: "SELECT * FROM Note", params: ["dc:title": "x"],
                                                           batchSize: 25), principal: admin)
        try await service.runOnce()  // scheduled → scrolling
        try await service.runOnce()  // scroll → running
        try await service.runOnce()  // one batch
        let aborted = try #require(try await service.abort(command.id))
        #expect(aborted.state == .aborted && aborted.completed != nil)
        try await service.drain()
        let status = try #require(try await service.status(command.id))
        #expect(status.state == .aborted && status.total == 120 && status.processed == 25)
        #expect(try await titles(repository).filter { $0 == "x" }.count == 25)
        // Aborting again, or a finished command, changes nothing; an unknown id is nil.
        #expect(try await service.abort(command.id)?.processed == 25)
        #expect(try await service.abort("nope") == nil)
    }

    @Test func aRestartResumesAfterTheLastCommittedBatchWithoutRedoingAny() async throws {
        let (repository, service) = try await seeded(90)
        let command = try await service.submit(BulkRequest(action: "csvExport", query: "SELECT * FROM Note", params: ["sort": false],
                                                           batchSize: 20), principal: admin)
        for _ in 0..<4 { try await service.runOnce() }  // scroll, then two batches
        #expect(try await service.status(command.id)?.processed == 40)
        // A new service on the same store (the server restarted) picks the command up where it stood.
        let restarted = BulkService(repository: repository, users: nil)
        for action in BulkActions.core() { restarted.register(action) }
        try await restarted.drain()
        let status = try #require(try await restarted.status(command.id))
        #expect(status.state == .completed && status.processed == 90 && status.errorCount == 0)
        #expect(status.result == ["url": .string("nxbigblob/\(command.id)")])
        let digest = try #require(status.resultBlob)
        let binaries = try #require(repository.binaries)
        let text = try String(contentsOfFile: try #require(binaries.file(digest)), encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        #expect(lines.first == Substring(BulkActions.csvSystemColumns.joined(separator: ",")))
        #expect(lines.count == 91 && Set(lines.dropFirst()).count == 90)
    }

    @Test func atMostOnceActionsCountAnInterruptedDocumentAsAnError() async throws {
        let (repository, service) = try await seeded(5)
        let runs = Mutex<[String]>([])
        service.register(BulkAction(id: "touch", processing: .eachDocument { document, _, _ in
            runs.withLock { $0.append(document.id) }
            return .processed
        }))
        let command = try await service.submit(BulkRequest(action: "touch", query: "SELECT * FROM Note"), principal: admin)
        try await service.runOnce()
        try await service.runOnce()
        // The server stopped while running the second document: it is recorded as in flight.
        try await repository.store.write { tx in
            var stored = try #require(try tx.bulkCommand(id: command.id))
            let second = try tx.bulkItems(commandId: command.id, after: 1, limit: 1)[0]
            stored.cursor = second.seq
            stored.processed = 1
            stored.inFlight = second.documentId
            try tx.saveBulkCommand(stored)
        }
        try await service.drain()
        let status = try #require(try await service.status(command.id))
        #expect(status.processed == 5 && status.errorCount == 1 && status.errorMessage?.hasPrefix("Interrupted by a server restart") == true)
        #expect(runs.withLock { $0.count } == 3)
    }

    @Test func perBatchActionsRunOncePerBatchAndCountAnInterruptedBatchAsOneError() async throws {
        let (repository, service) = try await seeded(25)
        let batches = Mutex<[Int]>([])
        service.register(BulkAction(id: "batchTouch", processing: .eachBatch { documents, _, _ in
            batches.withLock { $0.append(documents.count) }
        }))
        let command = try await service.submit(BulkRequest(action: "batchTouch", query: "SELECT * FROM Note", batchSize: 10), principal: admin)
        try await service.runOnce()
        try await service.runOnce()
        try await service.runOnce()
        #expect(batches.withLock { $0 } == [10])
        // The server stopped while running the second batch: it is recorded as in flight, the cursor past it.
        try await repository.store.write { tx in
            var stored = try #require(try tx.bulkCommand(id: command.id))
            let second = try tx.bulkItems(commandId: command.id, after: 10, limit: 10)
            stored.cursor = try #require(second.last).seq
            stored.inFlight = "batch:\(second.count):\(second[0].documentId)"
            try tx.saveBulkCommand(stored)
        }
        try await service.drain()
        let status = try #require(try await service.status(command.id))
        #expect(status.state == .completed && status.processed == 25 && status.total == 25)
        #expect(status.errorCount == 1 && status.errorMessage == "Interrupted by a server restart: a batch of 10 documents")
        #expect(batches.withLock { $0 } == [10, 5], "the interrupted batch is not run again")
    }

    @Test func badCommandsAreRefusedBeforeAnythingIsScheduled() async throws {
        let (repository, service) = try await seeded(1)
        await #expect(throws: NXError.self) { try await service.submit(BulkRequest(action: "nope", query: "SELECT * FROM Note"), principal: admin) }
        let badQuery = await #expect(throws: NXError.self) {
            try await service.submit(BulkRequest(action: "setProperties", query: "SELECT * FROM", params: ["dc:title": "x"]), principal: admin)
        }
        #expect(badQuery?.code == .invalidArgument && badQuery?.message.hasPrefix("Failed to execute query") == true)
        let badXPath = await #expect(throws: NXError.self) {
            try await service.submit(BulkRequest(action: "setProperties", query: "SELECT * FROM Note", params: ["dc:nope": "x"]), principal: admin)
        }
        #expect(badXPath?.message == "Unknown xpath dc:nope in command")
        await #expect(throws: NXError.self) {
            try await service.submit(BulkRequest(action: "trash", query: "SELECT * FROM Note", params: ["value": "maybe"]), principal: admin)
        }
        await #expect(throws: NXError.self) {
            try await service.submit(BulkRequest(action: "index", query: "SELECT * FROM Note", batchSize: 0), principal: admin)
        }
        #expect(try await repository.store.read { tx in try tx.bulkCommands(states: BulkState.allCases, limit: 10) }.isEmpty)
    }

    @Test func anExclusiveActionRunsOnceAtATime() async throws {
        let (_, service) = try await seeded(1)
        let first = try await service.submit(BulkRequest(action: "garbageCollectOrphanVersions", query: "SELECT * FROM Document WHERE ecm:isVersion = 1"),
                                             principal: .system)
        let second = await #expect(throws: NXError.self) {
            try await service.submit(BulkRequest(action: "garbageCollectOrphanVersions", query: "SELECT * FROM Document WHERE ecm:isVersion = 1"),
                                     principal: .system)
        }
        #expect(second?.code == .conflict && second?.message == "Bulk Action: garbageCollectOrphanVersions is exclusive, command: \(first.id) is already running")
        try await service.drain()
        _ = try await service.submit(BulkRequest(action: "garbageCollectOrphanVersions", query: "SELECT * FROM Document WHERE ecm:isVersion = 1"),
                                     principal: .system)
    }

    @Test func trashRestoresAndRemovesAsAsked() async throws {
        let (repository, service) = try await seeded(4)
        let trash = try await service.submit(BulkRequest(action: "trash", query: "SELECT * FROM Note", params: ["value": true]), principal: admin)
        try await service.drain()
        #expect(try await service.status(trash.id)?.processed == 4)
        let trashed = try await repository.query("SELECT * FROM Note WHERE ecm:isTrashed = 1", options: QueryOptions(request: PageRequest(), principal: admin))
        #expect(trashed.page.resultsCount == 4)
        let restore = try await service.submit(BulkRequest(action: "trash", query: "SELECT * FROM Note", params: ["value": "false"]), principal: admin)
        try await service.drain()
        let restored = try #require(try await service.status(restore.id))
        #expect(restored.processed == 4 && restored.skipCount == 0)
        let live = try await repository.query("SELECT * FROM Note WHERE ecm:isTrashed = 0", options: QueryOptions(request: PageRequest(), principal: admin))
        #expect(live.page.resultsCount == 4 && live.page.entries.allSatisfy { !$0.name.hasSuffix(".trashed") })
    }

    @Test func indexRebuildsTheFulltextEntryOfEachDocument() async throws {
        let (repository, service) = try await seeded(3)
        let command = try await service.submit(BulkRequest(action: "index", query: "SELECT * FROM Note"), principal: admin)
        try await service.drain()
        let status = try #require(try await service.status(command.id))
        #expect(status.state == .completed && status.processed == 3 && status.errorCount == 0)
        let found = try await repository.query("SELECT * FROM Note WHERE ecm:fulltext = 'note'",
                                               options: QueryOptions(request: PageRequest(), principal: admin))
        #expect(found.page.resultsCount == 3)
    }
}
