import NXRuntime

/// Runs the automation chains of workflow nodes and transitions. The core knows no automation: the server provides the
/// runner, which runs `chain` on the attached documents with `WorkflowVariables`, `NodeVariables` and the contextual
/// values as context variables, and returns the variables as the chain left them.
public protocol WorkflowChainRunner: Sendable {
    func runWorkflowChain(_ chain: String, _ context: WorkflowChainContext) async throws -> WorkflowChainContext
}

/// What a node's chain sees and may change (Nuxeo's `GraphNodeImpl.getWorkflowContextualInfo`).
public struct WorkflowChainContext: Sendable {
    /// The workflow variables: a chain may write any of them.
    public var workflowVariables: JSONObject
    /// The node variables with `button`, `numberOfTasks`, `numberOfProcessedTasks` and `tasks`.
    public var nodeVariables: JSONObject
    /// The attached documents: the chain's input.
    public var documentIds: [String]
    /// `workflowInitiator`, `workflowInstanceId`, `nodeId`, `nodeLastActor`, `transition`…: context variables.
    public var values: JSONObject
    /// Who the chain runs as: the acting user, with every permission (Nuxeo runs routing in an unrestricted session).
    public var principal: Principal

    public init(workflowVariables: JSONObject, nodeVariables: JSONObject, documentIds: [String], values: JSONObject, principal: Principal) {
        self.workflowVariables = workflowVariables
        self.nodeVariables = nodeVariables
        self.documentIds = documentIds
        self.values = values
        self.principal = principal
    }
}
