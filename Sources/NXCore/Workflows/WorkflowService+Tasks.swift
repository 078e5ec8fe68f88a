import NXRuntime

extension WorkflowService {
    /// Most characters of a task comment.
    public static let maxCommentLength = 100_000
    /// Most comments one task keeps (completion, reassignments and delegations each log one).
    public static let maxTaskComments = 1000

    /// Completes a task with `action` (a button name: stored as the node's `button`, it drives the transitions): the
    /// given variables are written (the node's own, and the workflow variables the node shows), the comment logged, the
    /// task ended and its ACLs removed; when the node has no other open task, the node ends and the graph runs on.
    /// Not an actor, delegate, the initiator or an administrator → 403; an ended task → 409; a variable the node requires
    /// missing for a validating action → 400 naming it.
    public func complete(_ taskId: String, action: String, comment: String?, variables: JSONObject, principal: Principal) async throws -> WorkflowTask {
        let task = try await self.task(taskId)
        return try await locks.withLock(task.instanceId) {
            var step = try await loadStep(task.instanceId, actor: principal)
            // An open task was loaded with the step; another one is read to say whether it ended or never existed.
            let ended = step.tasks[taskId] == nil ? try await repository.store.read { try $0.workflowTask(id: taskId) } : nil
            guard var task = step.tasks[taskId] ?? ended else { throw NXError.notFound(taskId) }
            guard task.state == .opened else { throw NXError.conflict("The task '\(task.name)' is not active") }
            guard principal.isAdministrator || Self.isActor(principal, of: task) || step.instance.initiator == principal.name else {
                throw NXError.forbidden("User with id '\(principal.name)' cannot end this task")
            }
            let node = try node(task.nodeId, of: step.model)
            // Chains write in their own transactions and cannot be rolled back: an action no button offers would run the
            // output chain and then find no transition, so it is refused before anything runs.
            guard node.buttons.isEmpty || node.buttons.contains(where: { $0.name == action }) else {
                throw NXError.invalid("Unknown action '\(action)' for task \(task.name): expected one of "
                                      + node.buttons.map(\.name).joined(separator: ", "))
            }
            guard try await hasDocuments(step) else {
                try await cancelOrphan(&step)
                throw NXError.conflict("The workflow \(step.instance.id) was canceled: its documents no longer exist")
            }
            var state = step.state(of: node)
            // The request's variables: the node's own, and the workflow variables this node shows (others are ignored).
            let nodeValues = try Self.coerce(variables, to: node.variables, ignoringUnknown: true)
            let shown = step.model.variables.filter { node.globalVariables.contains($0.name) }
            let workflowValues = try Self.coerce(variables, to: shown, ignoringUnknown: true)
            var comment = comment
            if comment == nil, let text = variables["comment"]?.stringValue { comment = text }
            for (name, value) in nodeValues { state.variables[name] = value }
            if node.variables.contains(where: { $0.name == "comment" }) { state.variables["comment"] = comment.map(JSONValue.string) ?? .null }
            for (name, value) in workflowValues { step.instance.variables[name] = value }
            if node.buttons.first(where: { $0.name == action })?.validate ?? true {
                for name in node.requiredVariables {
                    let value = state.variables[name] ?? step.instance.variables[name] ?? .null
                    if value.isNull || value.stringValue == "" || value.arrayValue?.isEmpty == true {
                        throw NXError.invalid("Variable \(name) is required to \(action) task \(task.name)")
                    }
                }
            }
            let now = repository.now()
            task.state = .ended
            task.status = action
            task.endedBy = principal.name
            try Self.log(comment, by: principal.name, at: now, in: &task)
            step.save(task)
            step.release(task)
            state.button = action
            state.lastActor = principal.name
            if let index = state.tasksInfo.firstIndex(where: { $0.taskId == task.id }) {
                state.tasksInfo[index].ended = true
                state.tasksInfo[index].status = action
                state.tasksInfo[index].comment = comment
                if state.tasksInfo[index].actor == nil { state.tasksInfo[index].actor = principal.name }
            }
            step.update(state)
            let info: JSONObject = ["taskName": .string(task.name), "taskActor": .string(principal.name), "action": .string(action),
                                    "nodeId": .string(node.id), "taskId": .string(task.id),
                                    "timeSinceTaskStarted": .int(max(0, now - task.created)),
                                    "timeSinceWfStarted": .int(max(0, now - step.instance.created)),
                                    "nodeVariables": .object(state.variables), "workflowVariables": .object(step.instance.variables)]
            step.log("workflowTaskCompleted", category: AuditEvent.documentCategory, comment: comment, extended: info)
            step.log("afterWorkflowTaskEnded", comment: comment, extended: info)
            let stillOpen = step.tasks.values.contains { $0.nodeId == node.id && $0.state == .opened }
            if !stillOpen {
                try await leave(node, &step)
                try await drain(&step)
            }
            try await commit(step)
            return step.tasks[task.id] ?? task
        }
    }

    /// Replaces a task's actors (Nuxeo's reassign: privileged, no check on the caller) and its routing ACL. A node that
    /// disallows reassignment → 400; an ended task → 409.
    public func reassign(_ taskId: String, actors: [String], comment: String?, principal: Principal) async throws {
        try await changeActors(taskId, principal: principal) { task, node, step in
            guard node.allowReassignment else {
                throw NXError.invalid("Task \(task.id) can not be reassigned. Node \(node.id) doesn't allow reassignment.")
            }
            let names = actors.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw NXError.invalid("No actor to reassign task \(task.id) to") }
            task.actors = names
            if let permission = task.permission { step.aclChanges.append(.grant(name: task.aclName, aces: Self.aces(names, permission))) }
            return ("afterWorkflowTaskReassigned", "workflowTaskReassigned", names)
        } comment: { comment }
    }

    /// Adds delegated actors to a task (privileged) and grants them the task's permission (ACL `delegation/<taskId>`).
    public func delegate(_ taskId: String, actors: [String], comment: String?, principal: Principal) async throws {
        try await changeActors(taskId, principal: principal) { task, _, step in
            let names = actors.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw NXError.invalid("No actor to delegate task \(task.id) to") }
            for name in names where !task.delegatedActors.contains(name) { task.delegatedActors.append(name) }
            if let permission = task.permission {
                step.aclChanges.append(.grant(name: task.delegationACLName, aces: Self.aces(task.delegatedActors, permission)))
            }
            return ("afterWorkflowTaskDelegated", "workflowTaskDelegated", names)
        } comment: { comment }
    }

    private func changeActors(_ taskId: String, principal: Principal,
                              _ change: (inout WorkflowTask, WorkflowNode, inout WorkflowStep) throws -> (String, String, [String]),
                              comment: () -> String?) async throws {
        let task = try await self.task(taskId)
        try await locks.withLock(task.instanceId) {
            var step = try await loadStep(task.instanceId, actor: principal)
            guard var task = step.tasks[taskId], task.state == .opened else {
                throw NXError.conflict("The task '\(task.name)' is not active")
            }
            let node = try node(task.nodeId, of: step.model)
            let total = task.actors.count + task.delegatedActors.count
            let (event, legacyEvent, names) = try change(&task, node, &step)
            guard task.actors.count + task.delegatedActors.count <= max(total, Self.maxActors) else {
                throw NXError.invalid("Too many actors for task \(task.id): at most \(Self.maxActors)")
            }
            try Self.log(comment(), by: principal.name, at: repository.now(), in: &task)
            step.save(task)
            let info: JSONObject = ["taskName": .string(task.name), "taskActor": .string(names.joined(separator: ",")),
                                    "nodeId": .string(node.id), "taskId": .string(task.id)]
            step.log(event, comment: comment(), extended: info)
            step.log(legacyEvent, category: AuditEvent.documentCategory, comment: comment(), extended: info)
            try await commit(step)
        }
    }

    /// Cancels a running instance: open tasks cancelled (ACLs removed), the instance `canceled`, the model's cancel
    /// chain run on the attached documents. Only the initiator, an administrator or a power user → else 403.
    public func cancel(_ instanceId: String, principal: Principal) async throws {
        let instance = try await self.instance(instanceId)
        guard principal.isAdministrator || principal.groups.contains(UserDirectory.powerUsersGroup) || instance.initiator == principal.name else {
            throw NXError.forbidden("You don't have the permission to cancel this workflow")
        }
        try await locks.withLock(instanceId) {
            var step = try await loadStep(instanceId, actor: principal)
            guard step.instance.state == .running else { throw NXError.conflict("The workflow \(instanceId) is not running") }
            markCanceled(&step)
            if let chain = step.model.cancelChain, let start = step.model.startNode, try await hasDocuments(step) {
                // Nuxeo runs it as a handler of the workflowCanceled event: its failure does not keep the workflow running.
                do {
                    _ = try await runner.runWorkflowChain(chain, step.chainContext(start))
                } catch {
                    logger.error("cancel chain failed", metadata: ["chain": "\(chain)", "workflow": "\(instanceId)", "error": "\(error)"])
                }
            }
            try await commit(step)
        }
    }

    /// Whether one of the instance's documents still exists (an instance attached to none has nothing to lose).
    func hasDocuments(_ step: WorkflowStep) async throws -> Bool {
        let ids = step.instance.documentIds
        guard !ids.isEmpty else { return true }
        return try await repository.store.read { tx in try ids.contains { try tx.documentExists(id: $0) } }
    }

    /// Cancels an instance whose documents are all gone (Nuxeo's attached-documents check): no chain runs.
    func cancelOrphan(_ step: inout WorkflowStep) async throws {
        markCanceled(&step)
        try await commit(step)
    }

    /// A cancellation, audited: open tasks cancelled (ACLs removed), waiting nodes back to `ready`, the instance `canceled`.
    func markCanceled(_ step: inout WorkflowStep) {
        step.log("beforeWorkflowCanceled")
        cancelOpenTasks(&step)
        for id in step.nodes.keys.sorted() {
            guard var state = step.nodes[id], state.state == "suspended" || state.state == "waiting" else { continue }
            state.state = "ready"
            step.update(state)
        }
        step.instance.state = .canceled
        step.log("workflowCanceled")
    }

    /// Logs a comment in a task (nothing for none or an empty one); too long or one too many → 400.
    static func log(_ comment: String?, by author: String, at date: Int64, in task: inout WorkflowTask) throws {
        guard let comment, !comment.isEmpty else { return }
        guard comment.count <= maxCommentLength else { throw NXError.invalid("The comment is longer than \(maxCommentLength) characters") }
        guard task.comments.count < maxTaskComments else { throw NXError.invalid("Task \(task.id) has too many comments") }
        task.comments.append(WorkflowTaskComment(author: author, text: comment, date: date))
    }

    /// Sets workflow variables of a running instance from outside its chains (`Context.SetWorkflowVar` with an id):
    /// values coerced to the variables' types, unknown names → 400. Only its initiator or an administrator.
    public func setVariables(_ instanceId: String, _ values: JSONObject, principal: Principal) async throws {
        try await locks.withLock(instanceId) {
            var step = try await loadStep(instanceId, actor: principal)
            guard principal.isAdministrator || step.instance.initiator == principal.name else {
                throw NXError.forbidden("You don't have the permission to change this workflow")
            }
            guard step.instance.state == .running else { throw NXError.conflict("The workflow \(instanceId) is not running") }
            for (name, value) in try Self.coerce(values, to: step.model.variables, ignoringUnknown: false) { step.instance.variables[name] = value }
            try await commit(step)
        }
    }

    /// Resumes a suspended task node (Nuxeo's `Workflow.ResumeNode`): its open tasks are cancelled and the node ends.
    public func resume(_ instanceId: String, nodeId: String, principal: Principal) async throws {
        try await locks.withLock(instanceId) {
            var step = try await loadStep(instanceId, actor: principal)
            guard principal.isAdministrator || step.instance.initiator == principal.name else {
                throw NXError.forbidden("You don't have the permission to resume this workflow")
            }
            guard step.instance.state == .running else { throw NXError.conflict("The workflow \(instanceId) is not running") }
            let node = try node(nodeId, of: step.model)
            var state = step.state(of: node)
            guard state.state == "suspended" else { throw NXError.invalid("Node \(nodeId) is not suspended") }
            for task in step.tasks.values where task.nodeId == nodeId && task.state == .opened {
                step.cancel(task)
                if let index = state.tasksInfo.firstIndex(where: { $0.taskId == task.id }) { state.tasksInfo[index].ended = true }
            }
            step.update(state)
            try await leave(node, &step)
            try await drain(&step)
            try await commit(step)
        }
    }
}
