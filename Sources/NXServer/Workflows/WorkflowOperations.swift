import Foundation
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// The workflow operations (`Context.SetWorkflowVar`, `Workflow.SetNodeVariable`, `Workflow.ResumeNode`,
/// `Context.StartWorkflow`, `WorkflowInstance.Cancel`). In a workflow chain, variables are set in the run's
/// `WorkflowVariables` / `NodeVariables`, which the engine keeps when the chain ends.
extension DocumentOperations {
    func contextSetWorkflowVar(_ input: Value, _ params: ContextSetWorkflowVarParams, context: Context) async throws -> Value {
        let value = (context.evaluated["value"]?.parameterJSON) ?? params.value ?? .null
        if case .json(.object(var variables))? = context.state.variable("WorkflowVariables") {
            variables[params.name] = value
            try context.state.setVariable("WorkflowVariables", .json(.object(variables)))
            return .void
        }
        // Outside a workflow chain: the named instance (or the context's), through the engine.
        guard let instanceId = params.workflowInstanceId ?? context.variable("workflowInstanceId")?.stringValue else { return .void }
        try await context.workflowService().setVariables(instanceId, [params.name: value], principal: context.principal)
        return .void
    }

    func workflowSetNodeVariable(_ input: Value, _ params: WorkflowSetNodeVariableParams, context: Context) async throws -> Value {
        let value = (context.evaluated["value"]?.parameterJSON) ?? params.value ?? .null
        if case .json(.object(var variables))? = context.state.variable("NodeVariables") {
            variables[params.name] = value
            try context.state.setVariable("NodeVariables", .json(.object(variables)))
        }
        return .void
    }

    func workflowResumeNode(_ input: Value, _ params: WorkflowResumeNodeParams, context: Context) async throws -> Value {
        guard let instanceId = params.workflowInstanceId ?? context.variable("workflowInstanceId")?.stringValue,
              let nodeId = params.nodeId ?? context.variable("nodeId")?.stringValue
        else { throw NXError.invalid("Can not resume workflow: no workflowInstanceId and nodeId given or in the context") }
        try await context.workflowService().resume(instanceId, nodeId: nodeId, principal: context.principal)
        return .void
    }

    func contextStartWorkflow(_ input: Value, _ params: ContextStartWorkflowParams, context: Context) async throws -> Value {
        let documents = try await context.documents(input)
        let instance = try await context.workflowService().start(params.id, documentIds: documents.map(\.id), variables: params.variables ?? JSONObject(),
                                                                 principal: context.principal)
        try context.state.setVariable("WorkflowId", .json(.string(instance.id)))
        try context.state.setVariable("workflowInstanceId", .json(.string(instance.id)))
        return input
    }

    func workflowInstanceCancel(_ input: Value, _ params: WorkflowInstanceCancelParams, context: Context) async throws -> Value {
        try await context.workflowService().cancel(params.id, principal: context.principal)
        return .void
    }
}

extension OperationContext {
    /// The routing engine; a context without one (never the server's) → 500.
    func workflowService() throws -> WorkflowService {
        guard let workflows else { throw NXError.internal("No workflow engine in this context") }
        return workflows
    }
}

/// `WorkflowTask.Complete` and `Workflow.GetOpenTasks`: nx's tasks are not documents, so these take task ids and give
/// task entities.
extension DocumentOperations {
    func workflowTaskComplete(_ input: Value, _ params: WorkflowTaskCompleteParams, context: Context) async throws -> Value {
        guard case .reference(let text) = input else {
            throw NXError.invalid("The input of WorkflowTask.Complete is the id of a task")
        }
        let ids = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty, ids.count <= APIHandlers.maxListedTasks else { throw NXError.invalid("Invalid task ids: \(text)") }
        var variables = params.workflowVariables ?? JSONObject()
        for (name, value) in params.nodeVariables ?? JSONObject() { variables[name] = value }
        let service = try context.workflowService()
        var completed: [WorkflowTask] = []
        for id in ids {
            completed.append(try await service.complete(id, action: params.status ?? "", comment: params.comment, variables: variables,
                                                        principal: context.principal))
        }
        let entities = try await context.taskJSON().entities(completed)
        if entities.count == 1, let entity = entities.first { return .json(entity.jsonValue) }
        return .json(TasksEntity(entries: entities).jsonValue)
    }

    func workflowGetOpenTasks(_ input: Value, _ params: WorkflowGetOpenTasksParams, context: Context) async throws -> Value {
        let service = try context.workflowService()
        var actors: [String]?
        if let username = params.username, !username.isEmpty {
            actors = try await WorkflowService.actorNames(of: username, in: context.users)
        }
        var tasks: [WorkflowTask] = []
        for document in try await context.documents(input) {
            let filter = WorkflowTaskFilter(actors: actors, instanceId: params.processId, documentId: document.id)
            let found = try await service.openTasks(filter, principal: .system, limit: APIHandlers.maxListedTasks, offset: 0).tasks
            tasks += found.filter { task in params.nodeId.map { task.nodeId == $0 } ?? true }
            if tasks.count >= APIHandlers.maxListedTasks { break }
        }
        return .json(TasksEntity(entries: try await context.taskJSON().entities(Array(tasks.prefix(APIHandlers.maxListedTasks)))).jsonValue)
    }
}

extension OperationContext {
    /// The task entity writer of this call.
    func taskJSON() throws -> WorkflowJSON {
        let documents = DocumentJSON(repository: repository, repositoryName: repository.name, users: users, directories: nil, workflows: workflows)
        return WorkflowJSON(workflows: try workflowService(), users: users, documents: documents, call: call)
    }
}
