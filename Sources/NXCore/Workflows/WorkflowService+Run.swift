import NXExpression
import NXRuntime

/// Running the graph: a node starts (input chain), creates its tasks and waits, or ends at once (output chain, then its
/// true transitions are followed in order, each running its chain); a stop node ends the instance (Nuxeo's `GraphRunner`).
extension WorkflowService {
    /// Runs the queued nodes until every branch waits on a task or the instance ends.
    func drain(_ step: inout WorkflowStep) async throws {
        while !step.queue.isEmpty, step.instance.state == .running {
            let (nodeId, via) = step.queue.removeFirst()
            step.executed += 1
            guard step.executed <= Self.maxNodesPerStep else {
                throw NXError.invalid("Workflow \(step.model.name) ran more than \(Self.maxNodesPerStep) nodes in one step (a loop through automatic nodes?)")
            }
            try await enter(nodeId, via: via, &step)
        }
    }

    func node(_ id: String, of model: WorkflowModel) throws -> WorkflowNode {
        guard let node = model.node(id) else { throw NXError.invalid("Workflow \(model.name) has no node \(id)") }
        return node
    }

    /// A node is reached: a merge waits for its inputs; otherwise it starts, runs its input chain, and waits for its tasks
    /// (task node), ends the instance (stop node) or ends at once.
    func enter(_ nodeId: String, via transition: String?, _ step: inout WorkflowStep) async throws {
        let node = try node(nodeId, of: step.model)
        var state = step.state(of: node)
        if let merge = node.merge, let transition {
            if !state.arrivedTransitions.contains(transition) { state.arrivedTransitions.append(transition) }
            let incoming = Set(step.model.incoming(node.id).map(\.transition.id))
            if merge == .all && !incoming.isSubset(of: Set(state.arrivedTransitions)) {
                state.state = "waiting"
                step.update(state)
                return
            }
        }
        let now = repository.now()
        state.arrivedTransitions = []
        state.count += 1
        state.startDate = now
        state.endDate = nil
        state.tasksInfo = []
        state.executedEscalations = []
        state.state = "running_input"
        step.update(state)
        if let chain = node.inputChain {
            step.absorb(try await runner.runWorkflowChain(chain, step.chainContext(node)), node: node)
        }
        switch node.kind {
        case .stop:
            state = step.state(of: node)
            state.state = "ready"
            state.endDate = repository.now()
            step.update(state)
            finish(&step)
        case .task:
            try createTasks(node, &step)
        case .start, .automatic:
            try await leave(node, &step)
        }
    }

    /// A node ends: output chain, transitions evaluated in order (all the true ones, or the first with
    /// `executeOnlyFirstTransition`), each followed with its chain. None true → 400, nothing stored.
    func leave(_ node: WorkflowNode, _ step: inout WorkflowStep) async throws {
        var state = step.state(of: node)
        state.state = "running_output"
        step.update(state)
        if let chain = node.outputChain {
            step.absorb(try await runner.runWorkflowChain(chain, step.chainContext(node)), node: node)
        }
        var chosen: [WorkflowTransition] = []
        for transition in node.transitions {
            let environment = self.environment(step, node, transition: transition.id)
            let value = try environment.evaluate(transition.condition, what: "the condition of transition \(transition.id)")
            guard case .bool(let holds) = value else {
                throw NXError.invalid("The condition of transition \(transition.id) does not give a boolean: \(transition.condition)")
            }
            if holds {
                chosen.append(transition)
                if node.executeOnlyFirstTransition { break }
            }
        }
        guard !chosen.isEmpty else { throw NXError.invalid("No transition evaluated to true from node \(node.id)") }
        state = step.state(of: node)
        state.state = "ready"
        state.endDate = repository.now()
        step.update(state)
        for transition in chosen {
            if let chain = transition.chain {
                step.absorb(try await runner.runWorkflowChain(chain, step.chainContext(node, transition: transition.id)), node: node)
            }
            step.queue.append((transition.target, transition.id))
        }
    }

    /// A stop node is reached: the instance is done; tasks still open elsewhere are cancelled.
    func finish(_ step: inout WorkflowStep) {
        step.instance.state = .done
        step.queue = []
        cancelOpenTasks(&step)
        step.log("afterWorkflowFinish", extended: ["workflowVariables": .object(step.instance.variables)])
    }

    /// A task node starts: its actors are evaluated, tasks created (one, or one per actor), the routing ACL granted,
    /// and the node waits.
    func createTasks(_ node: WorkflowNode, _ step: inout WorkflowStep) throws {
        let now = repository.now()
        let environment = self.environment(step, node)
        var actors = node.staticAssignees
        if let expression = node.assignees {
            switch try environment.evaluate(expression, what: "task assignees") {
            case .null: break
            case .string(let actor): actors.append(actor)
            case .list(let items):
                for item in items {
                    guard case .string(let actor) = item else { throw NXError.invalid("Can not evaluate task assignees from \(expression)") }
                    actors.append(actor)
                }
            default: throw NXError.invalid("Can not evaluate task assignees from \(expression)")
            }
        }
        var seen = Set<String>()
        actors = actors.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !actors.isEmpty else {
            throw NXError.invalid("No actor for the task of node \(node.id): \(node.assignees ?? "no assignees") gives none")
        }
        guard actors.count <= Self.maxActors else { throw NXError.invalid("Too many actors for the task of node \(node.id): at most \(Self.maxActors)") }
        var due = now
        if let expression = node.dueDate {
            switch try environment.evaluate(expression, what: "task due date") {
            case .null: break
            case .date(let date): due = date.millisecondsSince1970
            case .string(let text):
                guard let ms = NXDate.parse(text) else { throw NXError.invalid("Can not evaluate task due date from \(expression): \(text)") }
                due = ms
            default: throw NXError.invalid("Can not evaluate task due date from \(expression)")
            }
        }
        var state = step.state(of: node)
        for group in node.multipleTasks ? actors.map({ [$0] }) : [actors] {
            let task = WorkflowTask(
                id: UUIDv7.make(millis: now), instanceId: step.instance.id, nodeId: node.id, name: node.title, directive: node.directive,
                state: .opened, created: now, dueDate: due, actors: group, targetDocumentIds: step.instance.documentIds,
                permission: node.permission)
            step.save(task)
            if let permission = node.permission {
                step.aclChanges.append(.grant(name: task.aclName, aces: Self.aces(group, permission)))
            }
            state.tasksInfo.append(WorkflowTaskInfo(taskId: task.id, actor: group.count == 1 ? group[0] : nil))
            let info: JSONObject = ["taskName": .string(node.title), "taskActor": .string(group.joined(separator: ",")),
                                    "nodeId": .string(node.id), "directive": node.directive.map(JSONValue.string) ?? .null,
                                    "dueDate": .string(NXDate.format(millis: due)), "taskId": .string(task.id)]
            step.log("afterWorkflowTaskCreated", extended: info)
            step.log("workflowTaskAssigned", category: AuditEvent.documentCategory, extended: info)
        }
        state.state = "suspended"
        step.update(state)
    }

    /// One `granted` entry per actor, the `user:`/`group:` prefix dropped, written by the workflow.
    static func aces(_ actors: [String], _ permission: String) -> [ACE] {
        actors.map { actor in
            var name = actor
            for prefix in ["user:", "group:"] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
            return ACE(username: name, permission: permission, creator: aclCreator)
        }
    }

    /// Cancels the open tasks of the instance, removing their ACLs.
    func cancelOpenTasks(_ step: inout WorkflowStep) {
        for task in step.tasks.values where task.state == .opened { step.cancel(task) }
    }
}
