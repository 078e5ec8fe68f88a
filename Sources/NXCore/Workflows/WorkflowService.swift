import Logging
import NXExpression
import NXRuntime
import Synchronization

/// Nuxeo's routing engine: workflow models, their running instances, and the tasks they give users.
///
/// State (instances, node states, tasks) is stored with the documents. A step (a start, a task completion, a
/// cancellation…) runs the chains it meets, then writes every change of the engine (states, variables, tasks, the
/// routing ACLs on the attached documents, audit entries) in one transaction; steps of one instance run one at a time.
public final class WorkflowService: Sendable {
    public let repository: Repository
    /// Models by name, in registry order.
    public let models: [WorkflowModel]
    let runner: any WorkflowChainRunner
    let locks = InstanceLocks()
    let logger = Logger(label: "nx.workflow")

    /// Audit category of the engine's events.
    public static let auditCategory = "Routing"
    /// Who the routing ACL entries name as their creator.
    static let aclCreator = "Workflow"
    /// Most actors one task may have, and most tasks one node run may create.
    public static let maxActors = 1000
    /// Most nodes one step may run (a graph looping through automatic nodes stops with a 400 instead of spinning).
    static let maxNodesPerStep = 1000

    public init(repository: Repository, models: [WorkflowModel], runner: any WorkflowChainRunner) {
        self.repository = repository
        self.models = models
        self.runner = runner
    }

    /// What the expressions of `node` see: its chain context, the repository's clock, date variables as instants.
    func environment(_ step: WorkflowStep, _ node: WorkflowNode, transition: String? = nil) -> WorkflowEnvironment {
        WorkflowEnvironment(context: step.chainContext(node, transition: transition), now: ExpressionDate(millisecondsSince1970: repository.now()),
                            dates: Set(step.model.variables.filter { $0.type == .date }.map(\.name)))
    }

    /// The model `name`.
    public func model(_ name: String) -> WorkflowModel? { models.first { $0.name == name } }

    /// The instance `id`; unknown → 404 with Nuxeo's message.
    public func instance(_ id: String) async throws -> WorkflowInstance {
        guard let instance = try await repository.store.read({ try $0.workflowInstance(id: id) }) else {
            throw NXError.notFound("Can not get workflow instance with id: \(id), \(id)")
        }
        return instance
    }

    /// The node states of an instance, by node id.
    public func nodeStates(_ instanceId: String) async throws -> [String: WorkflowNodeState] {
        let states = try await repository.store.read { try $0.workflowNodeStates(instanceId: instanceId) }
        return Dictionary(states.map { ($0.nodeId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Running instances started by `initiator`, optionally of one model, oldest first (`GET /workflow`).
    public func runningInstances(initiator: String, modelName: String?) async throws -> [WorkflowInstance] {
        try await repository.store.read { try $0.workflowInstances(states: [.running], initiator: initiator, documentId: nil, modelName: modelName) }
    }

    /// Running instances a document is attached to, oldest first (`@workflow`, the `runningWorkflows` enricher).
    public func runningInstances(on documentId: String) async throws -> [WorkflowInstance] {
        try await repository.store.read { try $0.workflowInstances(states: [.running], initiator: nil, documentId: documentId, modelName: nil) }
    }

    /// The task `id`; unknown → 404 (Nuxeo's message is the id).
    public func task(_ id: String) async throws -> WorkflowTask {
        guard let task = try await repository.store.read({ try $0.workflowTask(id: id) }) else { throw NXError.notFound(id) }
        return task
    }

    /// A page of open tasks: those of `filter`, seen by `principal` (its names as actors, or instances it started;
    /// administrators see every task). Ordered by due date.
    public func openTasks(_ filter: WorkflowTaskFilter, principal: Principal, limit: Int, offset: Int) async throws -> (tasks: [WorkflowTask], total: Int) {
        let own = Self.actorNames(of: principal)
        // Administrators see every task; a user asking for tasks of its own names sees them all too.
        let seesAll = principal.isAdministrator || filter.actors.map { Set($0).isSubset(of: Set(own)) && !$0.isEmpty } ?? false
        let visible: [String]? = seesAll ? nil : own
        let initiator = seesAll ? nil : principal.name
        return try await repository.store.read { tx in
            try tx.openWorkflowTasks(filter, visibleTo: visible, initiator: initiator, limit: limit, offset: offset)
        }
    }

    /// The names a task's actors may hold for a user: the name, `user:name`, its groups and `group:group`.
    public static func actorNames(of principal: Principal) -> [String] {
        [principal.name, "user:" + principal.name] + principal.groups.flatMap { [$0, "group:" + $0] }
    }

    /// The actor names of the user `userId` as the directory knows it; an unknown user → the raw value (Nuxeo's
    /// `TaskActorsHelper`).
    public static func actorNames(of userId: String, in users: UserDirectory) async throws -> [String] {
        guard let user = try await users.user(userId) else { return [userId] }
        return actorNames(of: Principal(name: user.name, groups: user.allGroups))
    }

    /// Whether `principal` is an actor or a delegate of `task`.
    public static func isActor(_ principal: Principal, of task: WorkflowTask) -> Bool {
        let names = Set(actorNames(of: principal))
        return (task.actors + task.delegatedActors).contains(where: names.contains)
    }
}

/// One lock per workflow instance: the steps of an instance run one after another (Nuxeo's `LockHelper.doAtomically`).
final class InstanceLocks: Sendable {
    private struct Waiters {
        var held: Set<String> = []
        var queues: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let state = Mutex(Waiters())

    /// The instances whose lock the current task holds: a chain of a step reaching its own instance again (through
    /// `Workflow.ResumeNode`, `WorkflowInstance.Cancel`…) gets a 409 instead of waiting for itself for ever.
    @TaskLocal static var held: Set<String> = []

    func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        guard !Self.held.contains(key) else { throw NXError.conflict("Workflow \(key) is already running a step") }
        await acquire(key)
        defer { release(key) }
        return try await Self.$held.withValue(Self.held.union([key])) { try await body() }
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.held.contains(key) {
                    state.queues[key, default: []].append(continuation)
                    return false
                }
                state.held.insert(key)
                return true
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if var queue = state.queues[key], !queue.isEmpty {
                let first = queue.removeFirst()
                state.queues[key] = queue.isEmpty ? nil : queue
                return first
            }
            state.held.remove(key)
            return nil
        }
        next?.resume()
    }
}
