import NXRuntime

/// Workflow reads inside one transaction (instances, node states, tasks), implemented per backend.
public protocol WorkflowReading {
    /// The instance `id`.
    func workflowInstance(id: String) throws -> WorkflowInstance?
    /// Instances in one of `states`, optionally started by `initiator`, attached to `documentId`, of model `modelName`,
    /// oldest first.
    func workflowInstances(states: [WorkflowState], initiator: String?, documentId: String?, modelName: String?) throws -> [WorkflowInstance]
    /// The node states of an instance (nodes never reached have none).
    func workflowNodeStates(instanceId: String) throws -> [WorkflowNodeState]
    /// The state of one node of an instance, nil when never reached.
    func workflowNodeState(instanceId: String, nodeId: String) throws -> WorkflowNodeState?
    /// The task `id`.
    func workflowTask(id: String) throws -> WorkflowTask?
    /// The tasks of an instance, optionally of one node, optionally only open ones, oldest first.
    func workflowTasks(instanceId: String, nodeId: String?, openOnly: Bool) throws -> [WorkflowTask]
    /// A page of open tasks matching `filter`, by due date, and the total count. `visibleTo` (names and groups, prefixed
    /// and not) keeps the tasks whose actors or delegates include one of them or whose instance `initiator` started;
    /// nil = every task.
    func openWorkflowTasks(_ filter: WorkflowTaskFilter, visibleTo: [String]?, initiator: String?, limit: Int, offset: Int) throws
        -> (tasks: [WorkflowTask], total: Int)
}

/// Workflow writes inside one transaction.
public protocol WorkflowWriting: WorkflowReading {
    /// Inserts or replaces an instance.
    func saveWorkflowInstance(_ instance: WorkflowInstance) throws
    /// Inserts or replaces a node state.
    func saveWorkflowNodeState(_ state: WorkflowNodeState) throws
    /// Inserts or replaces a task (with its actor and document indexes).
    func saveWorkflowTask(_ task: WorkflowTask) throws
}
