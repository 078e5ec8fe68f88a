import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Synchronization
import Testing

/// The routing engine on small graphs: task nodes and their ACLs, automatic nodes, forks and merges, multi-tasks,
/// permissions, durable state across a restart, and steps that fail without storing anything.
@Suite struct WorkflowEngineTests {
    let ws = DocumentRef.path("/default-domain/workspaces")
    let joe = Principal(name: "joe", groups: ["members"])
    let ann = Principal(name: "ann", groups: ["members"])
    let eve = Principal(name: "eve", groups: ["members"])

    /// start → review (one task for the `reviewers` variable, ReadWrite granted) → approve (automatic, runs `approveChain`)
    /// or back to review → stop.
    static let review = WorkflowModel(
        name: "Review", title: "wf.review", variables: [WorkflowVariable(name: "reviewers", type: .stringList),
                                                        WorkflowVariable(name: "rounds", type: .integer, defaultValue: 0)],
        availability: WorkflowAvailability(types: ["File", "Note"]),
        nodes: [
            WorkflowNode(id: "start", kind: .start, title: "Start", transitions: [WorkflowTransition(id: "go", label: "", condition: "true", target: "review")]),
            WorkflowNode(id: "review", kind: .task, title: "wf.review.task", assignees: #"WorkflowVariables["reviewers"]"#, permission: "ReadWrite",
                         dueDate: "CurrentDate.days(2)", allowReassignment: false, outputChain: "countRound",
                         variables: [WorkflowVariable(name: "comment", type: .string)], globalVariables: ["reviewers"], requiredVariables: ["comment"],
                         buttons: [WorkflowButton(name: "approve", label: "a"), WorkflowButton(name: "retry", label: "r", validate: false)],
                         transitions: [WorkflowTransition(id: "ok", label: "", condition: #"NodeVariables["button"] == "approve""#, target: "approve"),
                                       WorkflowTransition(id: "again", label: "", condition: #"NodeVariables["button"] == "retry""#, target: "review")]),
            WorkflowNode(id: "approve", kind: .automatic, title: "Approve", outputChain: "approveChain",
                         transitions: [WorkflowTransition(id: "end", label: "", condition: "true", target: "stop")]),
            WorkflowNode(id: "stop", kind: .stop, title: "Stop"),
        ])

    /// start → two task branches at once → a merge waiting for both → stop.
    static let fork = WorkflowModel(
        name: "Fork", title: "wf.fork", variables: [], availability: WorkflowAvailability(),
        nodes: [
            WorkflowNode(id: "start", kind: .start, title: "Start",
                         transitions: [WorkflowTransition(id: "toA", label: "", condition: "true", target: "a"),
                                       WorkflowTransition(id: "toB", label: "", condition: "true", target: "b")]),
            WorkflowNode(id: "a", kind: .task, title: "A", staticAssignees: ["user:joe"], transitions: [WorkflowTransition(id: "aDone", label: "", condition: "true", target: "join")]),
            WorkflowNode(id: "b", kind: .task, title: "B", staticAssignees: ["user:ann"], transitions: [WorkflowTransition(id: "bDone", label: "", condition: "true", target: "join")]),
            WorkflowNode(id: "join", kind: .automatic, title: "Join", merge: .all, transitions: [WorkflowTransition(id: "end", label: "", condition: "true", target: "stop")]),
            WorkflowNode(id: "stop", kind: .stop, title: "Stop"),
        ])

    /// One task per participant (Read granted); the node ends when all are done.
    static let poll = WorkflowModel(
        name: "Poll", title: "wf.poll", variables: [WorkflowVariable(name: "voters", type: .stringList), WorkflowVariable(name: "summary", type: .string),
                                                    WorkflowVariable(name: "deadline", type: .date)],
        availability: WorkflowAvailability(),
        nodes: [
            WorkflowNode(id: "start", kind: .start, title: "Start", transitions: [WorkflowTransition(id: "go", label: "", condition: "true", target: "vote")]),
            WorkflowNode(id: "vote", kind: .task, title: "Vote", assignees: #"WorkflowVariables["voters"]"#, permission: "Read", multipleTasks: true,
                         transitions: [WorkflowTransition(id: "count", label: "", condition: "true", target: "stop", chain: "summarize")],
                         escalations: [WorkflowEscalation(id: "late", condition: #"WorkflowVariables["deadline"] != null && CurrentDate.time > WorkflowVariables["deadline"].time"#,
                                                          chain: "forceResume")]),
            WorkflowNode(id: "stop", kind: .stop, title: "Stop"),
        ])

    /// An automatic node that loops on itself for ever.
    static let spin = WorkflowModel(
        name: "Spin", title: "wf.spin", variables: [], availability: WorkflowAvailability(),
        nodes: [
            WorkflowNode(id: "start", kind: .start, title: "Start", transitions: [WorkflowTransition(id: "go", label: "", condition: "true", target: "loop")]),
            WorkflowNode(id: "loop", kind: .automatic, title: "Loop", transitions: [WorkflowTransition(id: "again", label: "", condition: "true", target: "loop")]),
            WorkflowNode(id: "stop", kind: .stop, title: "Stop"),
        ])

    /// Chains as closures: what they did is recorded; `failing` makes one chain throw.
    final class ScriptedChains: WorkflowChainRunner {
        let ran = Mutex<[String]>([])
        let failing = Mutex<String?>(nil)
        /// The engine `forceResume` resumes the node through (as `Workflow.ResumeNode` does).
        let service = Mutex<WorkflowService?>(nil)

        func runWorkflowChain(_ chain: String, _ context: WorkflowChainContext) async throws -> WorkflowChainContext {
            ran.withLock { $0.append(chain) }
            if failing.withLock({ $0 }) == chain { throw NXError.invalid("chain \(chain) failed") }
            var result = context
            switch chain {
            case "countRound":
                result.workflowVariables["rounds"] = .int((context.workflowVariables["rounds"]?.int64Value ?? 0) + 1)
            case "forceResume":
                guard let service = service.withLock({ $0 }), let instance = context.values["workflowInstanceId"]?.stringValue,
                      let node = context.values["nodeId"]?.stringValue else { break }
                try await service.resume(instance, nodeId: node, principal: .system)
            case "summarize":
                let statuses = (context.nodeVariables["tasks"]?.arrayValue ?? []).compactMap { $0.objectValue?["status"]?.stringValue }
                result.workflowVariables["summary"] = .string(statuses.sorted().joined(separator: ","))
            default: break
            }
            return result
        }
    }

    static func storePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxwf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("nx.sqlite").path
    }

    static func service(path: String, chains: ScriptedChains = ScriptedChains(),
                        clock: @escaping @Sendable () -> Int64 = { 1_700_000_000_000 }) async throws -> WorkflowService {
        let repository = Repository(registry: NXSchemas.registry, store: try await TestStore.open(directory: (path as NSString).deletingLastPathComponent), now: clock)
        try await repository.bootstrap()
        let service = WorkflowService(repository: repository, models: [review, fork, poll, spin], runner: chains)
        chains.service.withLock { $0 = service }
        return service
    }

    func localACLNames(_ service: WorkflowService, _ id: String) async throws -> [String] {
        let document = try await service.repository.document(.id(id), principal: .system)
        return try await service.repository.store.read { tx in (try tx.localACLs(paths: [document.path])[document.path] ?? []).map(\.name) }
    }

    @Test func aReviewGrantsItsActorsUntilTheyCompleteAndRunsToTheEnd() async throws {
        let chains = ScriptedChains()
        let service = try await Self.service(path: try Self.storePath(), chains: chains)
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["user:joe"]], principal: ann)
        let (tasks, total) = try await service.openTasks(WorkflowTaskFilter(actors: WorkflowService.actorNames(of: joe)), principal: joe, limit: 10, offset: 0)
        #expect(total == 1 && tasks[0].actors == ["user:joe"] && tasks[0].dueDate == 1_700_000_000_000 + 2 * 86_400_000)
        #expect(try await localACLNames(service, doc.id) == ["routing/\(tasks[0].id)"])
        #expect(try await service.repository.permissions(on: doc, principal: joe).contains("ReadWrite"))

        await #expect(throws: NXError.forbidden("User with id 'eve' cannot end this task")) {
            _ = try await service.complete(tasks[0].id, action: "approve", comment: "x", variables: [:], principal: eve)
        }
        await #expect(throws: NXError.invalid("Variable comment is required to approve task wf.review.task")) {
            _ = try await service.complete(tasks[0].id, action: "approve", comment: nil, variables: [:], principal: joe)
        }
        let ended = try await service.complete(tasks[0].id, action: "approve", comment: "fine", variables: [:], principal: joe)
        #expect(ended.state == .ended && ended.status == "approve" && ended.comments.map(\.text) == ["fine"])
        await #expect(throws: NXError.conflict("The task 'wf.review.task' is not active")) {
            _ = try await service.complete(tasks[0].id, action: "approve", comment: "again", variables: [:], principal: joe)
        }
        let done = try await service.instance(instance.id)
        #expect(done.state == .done && done.variables["rounds"] == 1)
        #expect(chains.ran.withLock { $0 } == ["countRound", "approveChain"])
        #expect(try await localACLNames(service, doc.id).isEmpty)
        let log = try await service.repository.auditLog(.id(doc.id), filter: AuditQuery(docUUID: doc.id, categories: ["Routing"]),
                                                         request: PageRequest(pageSize: 20), principal: .system)
        #expect(Set(log.entries.map(\.eventId)) == ["afterWorkflowStarted", "afterWorkflowTaskCreated", "afterWorkflowTaskEnded", "afterWorkflowFinish"])
    }

    @Test func aRetryLoopsBackAndWritesOnlyTheVariablesTheNodeShows() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "Note", name: "n", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let first = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        _ = try await service.complete(first.id, action: "retry", comment: nil, variables: ["reviewers": ["ann"], "rounds": 99], principal: joe)
        let again = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks
        #expect(again.count == 1 && again[0].id != first.id && again[0].actors == ["ann"])
        let running = try await service.instance(instance.id)
        #expect(running.variables["rounds"] == 1 && running.variables["reviewers"] == ["ann"])
        await #expect(throws: NXError.invalid("Invalid value for variable reviewers (stringList): object")) {
            _ = try await service.complete(again[0].id, action: "retry", comment: nil, variables: ["reviewers": ["a": 1]], principal: ann)
        }
    }

    @Test func aMergeWaitsForEveryBranch() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Fork", documentIds: [doc.id], variables: [:], principal: .system)
        let tasks = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks
        #expect(tasks.map(\.nodeId).sorted() == ["a", "b"])
        _ = try await service.complete(tasks.first { $0.nodeId == "a" }!.id, action: "done", comment: nil, variables: [:], principal: joe)
        #expect(try await service.instance(instance.id).state == .running)
        #expect(try await service.nodeStates(instance.id)["join"]?.state == "waiting")
        _ = try await service.complete(tasks.first { $0.nodeId == "b" }!.id, action: "done", comment: nil, variables: [:], principal: ann)
        #expect(try await service.instance(instance.id).state == .done)
        #expect(try await service.nodeStates(instance.id)["join"]?.count == 1)
    }

    @Test func aMultiTaskNodeEndsWithItsLastTask() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Poll", documentIds: [doc.id], variables: ["voters": ["user:joe", "user:ann", "group:members"]], principal: .system)
        let tasks = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks
        #expect(tasks.count == 3 && Set(tasks.map(\.actors)) == [["user:joe"], ["user:ann"], ["group:members"]])
        #expect(try await localACLNames(service, doc.id).count == 3)
        // eve is a member: the group's task is hers to complete.
        let groupTask = tasks.first { $0.actors == ["group:members"] }!
        _ = try await service.complete(groupTask.id, action: "NA", comment: nil, variables: [:], principal: eve)
        _ = try await service.complete(tasks.first { $0.actors == ["user:joe"] }!.id, action: "yes", comment: nil, variables: [:], principal: joe)
        #expect(try await service.instance(instance.id).state == .running)
        _ = try await service.complete(tasks.first { $0.actors == ["user:ann"] }!.id, action: "no", comment: nil, variables: [:], principal: ann)
        let done = try await service.instance(instance.id)
        #expect(done.state == .done && done.variables["summary"] == "NA,no,yes")
        #expect(try await localACLNames(service, doc.id).isEmpty)
    }

    @Test func aRestartLosesNothing() async throws {
        let path = try Self.storePath()
        var instanceId = ""
        var docId = ""
        do {
            let service = try await Self.service(path: path)
            docId = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system).id
            instanceId = try await service.start("Review", documentIds: [docId], variables: ["reviewers": ["joe"]], principal: ann).id
        }
        let restarted = try await Self.service(path: path)
        let task = try await restarted.openTasks(WorkflowTaskFilter(actors: ["joe"]), principal: joe, limit: 10, offset: 0).tasks[0]
        #expect(task.instanceId == instanceId)
        _ = try await restarted.complete(task.id, action: "approve", comment: "after the restart", variables: [:], principal: joe)
        #expect(try await restarted.instance(instanceId).state == .done)
        #expect(try await restarted.runningInstances(on: docId).isEmpty)
    }

    @Test func aFailedStepStoresNothing() async throws {
        let chains = ScriptedChains()
        let service = try await Self.service(path: try Self.storePath(), chains: chains)
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let task = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        chains.failing.withLock { $0 = "approveChain" }
        await #expect(throws: NXError.invalid("chain approveChain failed")) {
            _ = try await service.complete(task.id, action: "approve", comment: "ok", variables: [:], principal: joe)
        }
        #expect(try await service.task(task.id).state == .opened)
        #expect(try await service.instance(instance.id).variables["rounds"] == 0)
        #expect(try await localACLNames(service, doc.id) == ["routing/\(task.id)"])
        chains.failing.withLock { $0 = nil }
        _ = try await service.complete(task.id, action: "approve", comment: "ok", variables: [:], principal: joe)
        #expect(try await service.instance(instance.id).state == .done)

        await #expect(throws: NXError.invalid("Workflow Spin ran more than \(WorkflowService.maxNodesPerStep) nodes in one step (a loop through automatic nodes?)")) {
            _ = try await service.start("Spin", documentIds: [doc.id], variables: [:], principal: .system)
        }
        #expect(try await service.runningInstances(on: doc.id).isEmpty)
    }

    @Test func concurrentCompletionsOfOneTaskEndItOnce() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let task = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do {
                        _ = try await service.complete(task.id, action: "approve", comment: "c", variables: [:], principal: joe)
                        return true
                    } catch let error as NXError where error.code == .conflict {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await service.instance(instance.id).variables["rounds"] == 1)
    }

    /// Two services on one store (two nodes of a cluster: separate in-process locks) complete one task at once: the
    /// commit sees the workflow moved and refuses all but one.
    @Test(.enabled(if: LocalPostgres.testBackend == .postgres, "two processes on one SQLite file are not a supported setup"))
    func completionsOfOneTaskOnTwoNodesEndItOnce() async throws {
        let path = try Self.storePath()
        let nodeA = try await Self.service(path: path)
        let nodeB = try await Self.service(path: path)
        let doc = try await nodeA.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await nodeA.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let task = try await nodeB.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<6 {
                let node = index % 2 == 0 ? nodeA : nodeB
                group.addTask {
                    do {
                        _ = try await node.complete(task.id, action: "approve", comment: "c", variables: [:], principal: joe)
                        return true
                    } catch let error as NXError where error.code == .conflict {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await nodeB.instance(instance.id).variables["rounds"] == 1)
    }

    @Test func onlyTheInitiatorAPowerUserOrAnAdministratorCancels() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        await #expect(throws: NXError.forbidden("You don't have the permission to cancel this workflow")) {
            try await service.cancel(instance.id, principal: joe)
        }
        try await service.cancel(instance.id, principal: ann)
        #expect(try await service.instance(instance.id).state == .canceled)
        #expect(try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).total == 0)
        #expect(try await localACLNames(service, doc.id).isEmpty)
        await #expect(throws: NXError.conflict("The workflow \(instance.id) is not running")) {
            try await service.cancel(instance.id, principal: .system)
        }
    }

    @Test func unknownModelsAndUnavailableDocumentsAreRefused() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let folder = try await service.repository.create(in: ws, type: "Folder", name: "d", properties: nil, principal: .system)
        await #expect(throws: NXError.invalid("Nope is not a valid workflow name")) {
            _ = try await service.start("Nope", documentIds: [], variables: [:], principal: .system)
        }
        await #expect(throws: NXError.invalid("Workflow Review can not be started on document \(folder.id)")) {
            _ = try await service.start("Review", documentIds: [folder.id], variables: [:], principal: .system)
        }
    }

    @Test func anOverdueNodeIsResumedByItsEscalationRuleOnce() async throws {
        let chains = ScriptedChains()
        let now = Mutex<Int64>(1_700_000_000_000)
        let service = try await Self.service(path: try Self.storePath(), chains: chains, clock: { now.withLock { $0 } })
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Poll", documentIds: [doc.id], variables: ["voters": ["joe", "ann"], "deadline": "2023-11-15T00:00:00Z"],
                                               principal: .system)
        let tasks = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks
        _ = try await service.complete(tasks[0].id, action: "yes", comment: nil, variables: [:], principal: .system)
        #expect(try await service.runEscalations() == 0)
        now.withLock { $0 = 1_700_100_000_000 }
        #expect(try await service.runEscalations() == 1)
        let done = try await service.instance(instance.id)
        #expect(done.state == .done && done.variables["summary"] == "yes")
        #expect(try await service.task(tasks[1].id).state == .cancelled)
        #expect(try await service.runEscalations() == 0)
        #expect(try await localACLNames(service, doc.id).isEmpty)
    }

    @Test func anActionNoButtonOffersRunsNothing() async throws {
        let chains = ScriptedChains()
        let service = try await Self.service(path: try Self.storePath(), chains: chains)
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let task = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        await #expect(throws: NXError.invalid("Unknown action 'maybe' for task wf.review.task: expected one of approve, retry")) {
            _ = try await service.complete(task.id, action: "maybe", comment: "?", variables: [:], principal: joe)
        }
        let unchanged = try await service.task(task.id)
        #expect(chains.ran.withLock { $0 }.isEmpty && unchanged.state == .opened)
        await #expect(throws: NXError.forbidden("You don't have the permission to resume this workflow")) {
            try await service.resume(instance.id, nodeId: "review", principal: joe)
        }
    }

    @Test func aWorkflowWhoseDocumentsAreGoneIsCanceled() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        let instance = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let task = try await service.openTasks(WorkflowTaskFilter(instanceId: instance.id), principal: .system, limit: 10, offset: 0).tasks[0]
        try await service.repository.delete(.id(doc.id), principal: .system)
        await #expect(throws: NXError.conflict("The workflow \(instance.id) was canceled: its documents no longer exist")) {
            _ = try await service.complete(task.id, action: "approve", comment: "late", variables: [:], principal: joe)
        }
        #expect(try await service.instance(instance.id).state == .canceled)
        #expect(try await service.task(task.id).state == .cancelled)
    }

    @Test func aTaskNamingAUserAndItsGroupListsOnceForTheUser() async throws {
        let service = try await Self.service(path: try Self.storePath())
        let doc = try await service.repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        _ = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["user:joe", "group:members"]], principal: ann)
        _ = try await service.start("Review", documentIds: [doc.id], variables: ["reviewers": ["joe"]], principal: ann)
        let mine = try await service.openTasks(WorkflowTaskFilter(actors: WorkflowService.actorNames(of: joe)), principal: joe, limit: 1, offset: 0)
        #expect(mine.total == 2 && mine.tasks.count == 1)
        let second = try await service.openTasks(WorkflowTaskFilter(actors: WorkflowService.actorNames(of: joe)), principal: joe, limit: 10, offset: 1)
        #expect(second.total == 2 && second.tasks.count == 1 && second.tasks[0].id != mine.tasks[0].id)
        let eves = try await service.openTasks(WorkflowTaskFilter(actors: WorkflowService.actorNames(of: eve)), principal: eve, limit: 10, offset: 0)
        #expect(eves.total == 1 && eves.tasks[0].actors == ["user:joe", "group:members"])
        // Another user's list shows only what the caller may see (its own tasks, or those of workflows it started).
        #expect(try await service.openTasks(WorkflowTaskFilter(actors: ["joe", "user:joe"]), principal: eve, limit: 10, offset: 0).total == 1)
        #expect(try await service.openTasks(WorkflowTaskFilter(actors: ["joe", "user:joe"]), principal: ann, limit: 10, offset: 0).total == 2)
    }

    @Test func theDefaultModelsAreRegistered() {
        #expect(NXSchemas.workflowModels.map(\.name).sorted() == ["ParallelDocumentReview", "SerialDocumentReview"])
        let serial = NXSchemas.workflowModels.first { $0.name == "SerialDocumentReview" }
        #expect(serial?.initialVariables == ["participants": [], "validationOrReview": "validation", "initiatorComment": nil, "index": 0])
    }
}
