import NXAPI
import NXAPIRuntime
import NXCore
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
