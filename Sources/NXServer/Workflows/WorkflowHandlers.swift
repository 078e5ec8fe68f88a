import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/workflow`, `/workflowModel` and `@workflow` (server-behaviour-2.md §3.1).
extension APIHandlers {
    func workflowJSON(_ repository: String, fetch: [String], context: NXCallContext) throws -> WorkflowJSON {
        let (_, documents) = try self.repository(repository)
        return WorkflowJSON(workflows: workflows, users: users, documents: documents, call: context, fetch: fetch)
    }

    /// The body of a start request: `entity-type` workflow, the model's name, documents and variables.
    static func startRequest(_ body: JSONValue) throws -> (model: String, documents: [String], variables: JSONObject) {
        guard let object = body.objectValue, object["entity-type"]?.stringValue == "workflow" else {
            throw NXError.invalid("Invalid workflow: the body must be an object with \"entity-type\": \"workflow\"")
        }
        guard let model = object["workflowModelName"]?.stringValue, !model.isEmpty else {
            throw NXError.invalid("Invalid workflow: workflowModelName is missing")
        }
        var documents: [String] = []
        if let ids = object["attachedDocumentIds"], !ids.isNull {
            guard let items = ids.arrayValue else { throw NXError.invalid("Invalid workflow: attachedDocumentIds must be an array of ids") }
            for item in items {
                guard let id = item.stringValue ?? item.objectValue?["id"]?.stringValue else {
                    throw NXError.invalid("Invalid workflow: attachedDocumentIds must be an array of ids")
                }
                documents.append(id)
            }
        }
        var variables = JSONObject()
        if let given = object["variables"], !given.isNull {
            guard let values = given.objectValue else { throw NXError.invalid("Invalid workflow: variables must be an object") }
            variables = values
        }
        return (model, documents, variables)
    }

    func startWorkflow(repository: String, fetchWorkflow: [String], body: JSONValue, context: NXCallContext) async throws -> StartWorkflowOutput {
        let request = try Self.startRequest(body)
        let instance = try await workflows.start(request.model, documentIds: request.documents, variables: request.variables, principal: context.user)
        return .created(try await workflowJSON(repository, fetch: fetchWorkflow, context: context).entity(instance))
    }

    func listWorkflows(repository: String, workflowModelName: String?, fetchWorkflow: [String], context: NXCallContext) async throws
        -> ListWorkflowsOutput {
        let json = try workflowJSON(repository, fetch: fetchWorkflow, context: context)
        var entries: [WorkflowEntity] = []
        for instance in try await workflows.runningInstances(initiator: context.user.name, modelName: workflowModelName) {
            entries.append(try await json.entity(instance))
        }
        return .ok(WorkflowsEntity(entries: entries))
    }

    /// An instance the caller may see: its initiator, an administrator, or a reader of one of its documents.
    func readableInstance(_ id: String, context: NXCallContext, prefix: String = "Can not get workflow instance with id: ") async throws
        -> WorkflowInstance {
        let found = try await workflows.repository.store.read { try $0.workflowInstance(id: id) }
        guard let instance = found else { throw NXError.notFound("\(prefix)\(id), \(id)") }
        let user = context.user
        if user.isAdministrator || instance.initiator == user.name { return instance }
        for documentId in instance.documentIds where (try? await workflows.repository.document(.id(documentId), principal: user)) != nil {
            return instance
        }
        throw NXError.notFound("\(prefix)\(id), \(id)")
    }

    func getWorkflow(repository: String, workflowInstanceId: String, fetchWorkflow: [String], context: NXCallContext) async throws
        -> GetWorkflowOutput {
        let instance = try await readableInstance(workflowInstanceId, context: context)
        return .ok(try await workflowJSON(repository, fetch: fetchWorkflow, context: context).entity(instance))
    }

    func cancelWorkflow(repository: String, workflowInstanceId: String, context: NXCallContext) async throws -> CancelWorkflowOutput {
        _ = try await readableInstance(workflowInstanceId, context: context)
        try await workflows.cancel(workflowInstanceId, principal: context.user)
        return .noContent
    }

    func getWorkflowGraph(repository: String, workflowInstanceId: String, acceptLanguage: String?, context: NXCallContext) async throws
        -> GetWorkflowGraphOutput {
        let instance = try await readableInstance(workflowInstanceId, context: context, prefix: "Can not get workflow instance graph with id: ")
        guard let model = workflows.model(instance.modelName) else { throw NXError.notFound("\(instance.modelName) is not a valid workflow name") }
        let states = try await workflows.nodeStates(instance.id)
        return .ok(WorkflowJSON.graph(model, states: states, acceptLanguage: acceptLanguage))
    }

    func listWorkflowModels(repository: String, context: NXCallContext) async throws -> ListWorkflowModelsOutput {
        let json = try workflowJSON(repository, fetch: [], context: context)
        return .ok(WorkflowsEntity(entries: workflows.models.map(json.entity)))
    }

    func workflowModel(_ name: String) throws -> WorkflowModel {
        guard let model = workflows.model(name) else { throw NXError.notFound("Workflow model \(name) does not exist") }
        return model
    }

    func getWorkflowModel(repository: String, modelName: String, context: NXCallContext) async throws -> GetWorkflowModelOutput {
        .ok(try workflowJSON(repository, fetch: [], context: context).entity(try workflowModel(modelName)))
    }

    func getWorkflowModelGraph(repository: String, modelName: String, acceptLanguage: String?, context: NXCallContext) async throws
        -> GetWorkflowModelGraphOutput {
        .ok(WorkflowJSON.graph(try workflowModel(modelName), states: nil, acceptLanguage: acceptLanguage))
    }

    func startDocumentWorkflow(repository: String, doc: DocumentRef, fetchWorkflow: [String], body: JSONValue, context: NXCallContext) async throws
        -> StartDocumentWorkflowOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let request = try Self.startRequest(body)
        let instance = try await workflows.start(request.model, documentIds: [document.id], variables: request.variables, principal: context.user)
        return .created(try await workflowJSON(repository, fetch: fetchWorkflow, context: context).entity(instance))
    }

    func getDocumentWorkflows(repository: String, doc: DocumentRef, fetchWorkflow: [String], context: NXCallContext) async throws
        -> GetDocumentWorkflowsOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let json = try workflowJSON(repository, fetch: fetchWorkflow, context: context)
        var entries: [WorkflowEntity] = []
        for instance in try await workflows.runningInstances(on: document.id) { entries.append(try await json.entity(instance)) }
        return .ok(WorkflowsEntity(entries: entries))
    }

    func getDocumentWorkflowTasks(repository: String, doc: DocumentRef, workflowInstanceId: String, fetchTask: [String], context: NXCallContext)
        async throws -> GetDocumentWorkflowTasksOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let filter = WorkflowTaskFilter(instanceId: workflowInstanceId, documentId: document.id)
        let (tasks, _) = try await workflows.openTasks(filter, principal: context.user, limit: Self.maxListedTasks, offset: 0)
        let json = try workflowJSON(repository, fetch: fetchTask, context: context)
        return .ok(TasksEntity(entries: try await json.entities(tasks)))
    }
}
