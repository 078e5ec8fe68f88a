import NXRuntime

/// The changes one step of an instance makes, kept in memory while its chains run and written in one transaction at its
/// end (`WorkflowService.commit`): nothing of a failed step is stored.
struct WorkflowStep: Sendable {
    /// A change of the routing ACLs on every attached document.
    enum ACLChange: Sendable {
        case grant(name: String, aces: [ACE])
        case remove(name: String)
    }

    /// An engine event, audited on every attached document.
    struct Event: Sendable {
        var id: String
        var category: String
        var comment: String?
        var extended: JSONObject
    }

    let model: WorkflowModel
    var instance: WorkflowInstance
    var nodes: [String: WorkflowNodeState]
    var changedNodes: Set<String> = []
    /// The instance's open tasks when the step began, and the tasks it created or changed, by id.
    var tasks: [String: WorkflowTask] = [:]
    /// The tasks to write.
    var changedTasks: Set<String> = []
    var aclChanges: [ACLChange] = []
    var events: [Event] = []
    /// Who acts (completes the task, starts or cancels the workflow).
    let actor: Principal
    /// Nodes to run, with the transition that leads there.
    var queue: [(node: String, via: String?)] = []
    /// Nodes run so far in this step.
    var executed = 0
    /// The instance, node states and open tasks as loaded: the commit checks the store still holds them (another node
    /// of a cluster may have moved the workflow meanwhile).
    let loaded: (instance: WorkflowInstance, nodes: [String: WorkflowNodeState], tasks: [String: WorkflowTask])

    init(model: WorkflowModel, instance: WorkflowInstance, nodes: [WorkflowNodeState], openTasks: [WorkflowTask], actor: Principal) {
        self.model = model
        self.instance = instance
        self.nodes = Dictionary(nodes.map { ($0.nodeId, $0) }, uniquingKeysWith: { a, _ in a })
        self.tasks = Dictionary(openTasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.actor = actor
        loaded = (instance, self.nodes, self.tasks)
    }

    /// Whether the stored instance, nodes and tasks this step changes are still those it loaded (inside the write
    /// transaction: writers are serialized, so nothing moves between this check and the writes).
    func isCurrent(_ tx: any DocumentWriting) throws -> Bool {
        if let stored = try tx.workflowInstance(id: instance.id), stored != loaded.instance { return false }
        for id in changedNodes where try tx.workflowNodeState(instanceId: instance.id, nodeId: id) != loaded.nodes[id] { return false }
        for id in changedTasks {
            guard let stored = try tx.workflowTask(id: id) else { continue }
            if stored != loaded.tasks[id] { return false }
        }
        return true
    }

    mutating func save(_ task: WorkflowTask) {
        tasks[task.id] = task
        changedTasks.insert(task.id)
    }

    /// Removes the routing and delegation ACLs of a task that ends.
    mutating func release(_ task: WorkflowTask) {
        aclChanges.append(.remove(name: task.aclName))
        aclChanges.append(.remove(name: task.delegationACLName))
    }

    /// Cancels an open task: stored as cancelled, its ACLs removed.
    mutating func cancel(_ task: WorkflowTask) {
        var task = task
        task.state = .cancelled
        save(task)
        release(task)
    }

    /// The node's state, created with the node's variables unset when the instance never reached it.
    func state(of node: WorkflowNode) -> WorkflowNodeState {
        nodes[node.id] ?? WorkflowNodeState(instanceId: instance.id, nodeId: node.id,
                                            variables: JSONObject(node.variables.map { ($0.name, $0.defaultValue ?? $0.type.emptyValue) }))
    }

    mutating func update(_ state: WorkflowNodeState) {
        nodes[state.nodeId] = state
        changedNodes.insert(state.nodeId)
    }

    mutating func log(_ id: String, category: String = WorkflowService.auditCategory, comment: String? = nil, extended: JSONObject = JSONObject()) {
        var info = JSONObject([("modelName", .string(model.name)), ("modelId", .string(model.name)),
                               ("workflowInstanceId", .string(instance.id)), ("workflowInitiator", .string(instance.initiator))])
        for (key, value) in extended { info[key] = value }
        events.append(Event(id: id, category: category, comment: comment, extended: info))
    }

    /// What chains and expressions of `node` see.
    func chainContext(_ node: WorkflowNode, transition: String? = nil) -> WorkflowChainContext {
        let state = state(of: node)
        var nodeVariables = state.variables
        nodeVariables["button"] = state.button.map(JSONValue.string) ?? .null
        nodeVariables["numberOfTasks"] = .int(Int64(state.tasksInfo.count))
        nodeVariables["numberOfProcessedTasks"] = .int(Int64(state.tasksInfo.filter(\.ended).count))
        nodeVariables["tasks"] = .array(state.tasksInfo.map { info in
            .object(JSONObject([("actor", info.actor.map(JSONValue.string) ?? .null), ("comment", info.comment.map(JSONValue.string) ?? .null),
                                ("status", info.status.map(JSONValue.string) ?? .null), ("taskDocId", .string(info.taskId)),
                                ("ended", .bool(info.ended))]))
        })
        func date(_ ms: Int64?) -> JSONValue { ms.map { .string(NXDate.format(millis: $0)) } ?? .null }
        let documents = JSONValue.array(instance.documentIds.map(JSONValue.string))
        let values = JSONObject([
            ("workflowInitiator", .string(instance.initiator)), ("workflowStartTime", date(instance.created)),
            ("workflowInstanceId", .string(instance.id)), ("workflowParent", .null), ("workflowParentNode", .null),
            ("workflowDocuments", documents), ("documents", documents), ("nodeId", .string(node.id)),
            ("nodeState", .string(state.state)), ("state", .string(state.state)), ("nodeStartTime", date(state.startDate)),
            ("nodeEndTime", date(state.endDate)), ("nodeLastActor", state.lastActor.map(JSONValue.string) ?? .null),
            ("comment", .string("")), ("transition", transition.map(JSONValue.string) ?? .null),
        ])
        return WorkflowChainContext(workflowVariables: instance.variables, nodeVariables: nodeVariables, documentIds: instance.documentIds,
                                    values: values, principal: .unrestricted(actor.name))
    }

    /// Takes back what a chain left in the variables: every workflow variable, and the node's own variables.
    mutating func absorb(_ result: WorkflowChainContext, node: WorkflowNode) {
        instance.variables = result.workflowVariables
        var state = state(of: node)
        for variable in node.variables {
            if let value = result.nodeVariables[variable.name] { state.variables[variable.name] = value }
        }
        update(state)
    }
}
