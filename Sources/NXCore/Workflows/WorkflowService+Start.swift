import Foundation
import NXRuntime

extension WorkflowService {
    /// Most documents one workflow may be started on.
    public static let maxAttachedDocuments = 1000

    /// Starts model `modelName` on documents the principal can read, each accepted by the model's availability filter:
    /// the given variables (coerced to their types, unknown ones ignored) over the model's defaults, then the graph runs
    /// from its start node to the first tasks. Unknown model → 400 `<name> is not a valid workflow name`.
    public func start(_ modelName: String, documentIds: [String], variables: JSONObject, principal: Principal) async throws -> WorkflowInstance {
        guard let model = model(modelName), let start = model.startNode else {
            throw NXError.invalid("\(modelName) is not a valid workflow name")
        }
        guard documentIds.count <= Self.maxAttachedDocuments else {
            throw NXError.invalid("A workflow can be started on at most \(Self.maxAttachedDocuments) documents")
        }
        var ids: [String] = []
        for id in documentIds {
            let document = try await repository.document(.id(id), principal: principal)
            guard try await isAvailable(model, on: document, principal: principal) else {
                throw NXError.invalid("Workflow \(model.name) can not be started on document \(document.id)")
            }
            if !ids.contains(document.id) { ids.append(document.id) }
        }
        var values = model.initialVariables
        for (name, value) in try Self.coerce(variables, to: model.variables, ignoringUnknown: true) { values[name] = value }
        let now = repository.now()
        let instance = WorkflowInstance(id: UUIDv7.make(millis: now), name: model.name, modelName: model.name, title: model.title, state: .running,
                                        initiator: principal.name, created: now, variables: values, documentIds: ids)
        var step = WorkflowStep(model: model, instance: instance, nodes: [], openTasks: [], actor: principal)
        step.log("afterWorkflowStarted", extended: ["workflowVariables": .object(values)])
        step.queue = [(start.id, nil)]
        return try await locks.withLock(instance.id) {
            try await drain(&step)
            try await commit(step)
            return step.instance
        }
    }

    /// Whether a model may start on a document (Nuxeo's availability filter): not a version or proxy, a listed type, a
    /// state not excluded, unlocked when required, and the permission held by the principal.
    public func isAvailable(_ model: WorkflowModel, on document: DocumentRecord, principal: Principal) async throws -> Bool {
        let rule = model.availability
        if document.isVersion || document.isProxy { return false }
        if !rule.types.isEmpty && !rule.types.contains(document.type) { return false }
        if let state = document.state, rule.excludedStates.contains(state) { return false }
        if rule.requiresUnlocked && document.lockOwner != nil { return false }
        if let permission = rule.permission {
            return try await repository.permissions(on: document, principal: principal).contains { Permissions.implies($0, permission) }
        }
        return true
    }

    /// The models that may start on a document (the `runnableWorkflows` enricher).
    public func runnableModels(on document: DocumentRecord, principal: Principal) async throws -> [WorkflowModel] {
        var result: [WorkflowModel] = []
        for model in models where try await isAvailable(model, on: document, principal: principal) { result.append(model) }
        return result
    }

    /// Loads an instance's state for a step; unknown instance → 404.
    func loadStep(_ instanceId: String, actor: Principal) async throws -> WorkflowStep {
        let loaded = try await repository.store.read { tx -> (WorkflowInstance, [WorkflowNodeState], [WorkflowTask])? in
            guard let instance = try tx.workflowInstance(id: instanceId) else { return nil }
            return (instance, try tx.workflowNodeStates(instanceId: instanceId), try tx.workflowTasks(instanceId: instanceId, nodeId: nil, openOnly: true))
        }
        guard let (instance, nodes, tasks) = loaded else { throw NXError.notFound("Can not get workflow instance with id: \(instanceId), \(instanceId)") }
        guard let model = model(instance.modelName) else { throw NXError.invalid("\(instance.modelName) is not a valid workflow name") }
        return WorkflowStep(model: model, instance: instance, nodes: nodes, openTasks: tasks, actor: actor)
    }

    /// Writes a step in one transaction: the instance, changed nodes and tasks, the routing ACL changes on every attached
    /// document that still exists (read ACLs recomputed), and the audit entries.
    func commit(_ step: WorkflowStep) async throws {
        let now = repository.now()
        try await repository.write { tx in
            guard try step.isCurrent(tx) else {
                throw NXError.conflict("The workflow \(step.instance.id) was changed meanwhile (on another node?): try again")
            }
            try tx.saveWorkflowInstance(step.instance)
            for id in step.changedNodes.sorted() { if let state = step.nodes[id] { try tx.saveWorkflowNodeState(state) } }
            for id in step.changedTasks.sorted() { if let task = step.tasks[id] { try tx.saveWorkflowTask(task) } }
            var documents: [DocumentRecord] = []
            for id in step.instance.documentIds { if let document = try tx.document(id: id) { documents.append(document) } }
            if !step.aclChanges.isEmpty {
                for document in documents {
                    let before = try tx.localACLs(paths: [document.path])[document.path] ?? []
                    var acls = before
                    for change in step.aclChanges {
                        switch change {
                        case .grant(let name, let aces):
                            acls.removeAll { $0.name == name }
                            acls.insert(ACL(name: name, aces: aces), at: 0)
                        case .remove(let name):
                            acls.removeAll { $0.name == name }
                        }
                    }
                    if acls != before { try self.repository.replaceLocalACLs(document, acls, principal: step.actor.name, tx) }
                }
            }
            for event in step.events {
                for document in documents {
                    try tx.appendAudit(self.repository.auditEntry(event.id, document, principal: step.actor.name, time: now, category: event.category,
                                                                  comment: event.comment, extended: event.extended))
                }
            }
        }
    }

    /// Values for variables: each given name that is a variable, coerced to its type (a bad value → 400 naming the
    /// variable); other names are ignored, or refused when `ignoringUnknown` is false.
    static func coerce(_ given: JSONObject, to variables: [WorkflowVariable], ignoringUnknown: Bool) throws -> JSONObject {
        var result = JSONObject()
        for (rawName, value) in given {
            // Keys may carry the variables' schema prefix (`var_SerialDocumentReview:participants`).
            let name = rawName.split(separator: ":", maxSplits: 1).last.map(String.init) ?? rawName
            guard let variable = variables.first(where: { $0.name == name }) else {
                if ignoringUnknown { continue }
                throw NXError.invalid("Unknown variable \(rawName)")
            }
            result[name] = try coerce(value, to: variable)
        }
        return result
    }

    static func coerce(_ value: JSONValue, to variable: WorkflowVariable) throws -> JSONValue {
        func bad() -> NXError { NXError.invalid("Invalid value for variable \(variable.name) (\(variable.type.rawValue)): \(value.kindName)") }
        if value.isNull { return variable.type.emptyValue }
        switch variable.type {
        case .string:
            guard let text = value.stringValue ?? value.int64Value.map(String.init) else { throw bad() }
            if let max = variable.maxLength, text.count > max {
                throw NXError.invalid("Variable \(variable.name) is longer than \(max) characters")
            }
            return .string(text)
        case .stringList:
            // A text (an automation `properties` value) is a comma-separated list.
            let items: [JSONValue]
            if let text = value.stringValue {
                items = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 != .string("") }
            } else if let array = value.arrayValue {
                items = array
            } else {
                throw bad()
            }
            guard items.count <= maxActors else { throw NXError.invalid("Variable \(variable.name) holds more than \(maxActors) values") }
            return .array(try items.map { item in
                guard let text = item.stringValue else { throw bad() }
                return .string(text)
            })
        case .integer:
            if let int = value.int64Value { return .int(int) }
            if let text = value.stringValue, let int = Int64(text.trimmingCharacters(in: .whitespaces)) { return .int(int) }
            throw bad()
        case .boolean:
            if let bool = value.boolValue { return .bool(bool) }
            if let text = value.stringValue, ["true", "false"].contains(text) { return .bool(text == "true") }
            throw bad()
        case .date:
            guard let text = value.stringValue, let ms = NXDate.parse(text) else { throw bad() }
            return .string(NXDate.format(millis: ms))
        case .blob:
            guard value.objectValue != nil else { throw bad() }
            return value
        }
    }
}
