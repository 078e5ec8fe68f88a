import NXExpression
import NXRuntime

/// Escalation rules (Nuxeo's `EscalationService`): on a timer, every task node an instance is waiting on checks its rules
/// in id order; a rule that has not run (or may run again) and whose condition holds is marked as run, then its chain runs
/// on the attached documents as the system (the Parallel review's end date resumes the consultation this way).
extension WorkflowService {
    /// Most instances one pass looks at.
    public static let maxEscalationsPerPass = 1000

    /// Checks the rules of the running instances of models that have some; returns how many chains ran.
    @discardableResult
    public func runEscalations() async throws -> Int {
        var ran = 0
        for model in models where model.nodes.contains(where: { !$0.escalations.isEmpty }) {
            let instances = try await repository.store.read { tx in
                try tx.workflowInstances(states: [.running], initiator: nil, documentId: nil, modelName: model.name)
            }
            for instance in instances.prefix(Self.maxEscalationsPerPass) {
                // One instance's failure is logged and retried at the next pass; the others go on.
                do {
                    for (node, rule, context) in try await dueEscalations(instance, model) {
                        _ = try await runner.runWorkflowChain(rule.chain, context)
                        try await markExecuted(rule, node: node, instance: instance.id)
                        ran += 1
                    }
                } catch {
                    logger.error("escalation rule failed", metadata: ["workflow": "\(instance.id)", "error": "\(error)"])
                }
            }
        }
        return ran
    }

    /// The rules of the instance's suspended nodes whose condition holds now.
    func dueEscalations(_ instance: WorkflowInstance, _ model: WorkflowModel) async throws
        -> [(WorkflowNode, WorkflowEscalation, WorkflowChainContext)] {
        let states = try await nodeStates(instance.id)
        var due: [(WorkflowNode, WorkflowEscalation, WorkflowChainContext)] = []
        for node in model.nodes where !node.escalations.isEmpty && states[node.id]?.state == "suspended" {
            let state = states[node.id]
            let step = WorkflowStep(model: model, instance: instance, nodes: Array(states.values), openTasks: [], actor: .system)
            for rule in node.escalations.sorted(by: { $0.id < $1.id })
            where rule.multipleExecution || !(state?.executedEscalations.contains(rule.id) ?? false) {
                let environment = self.environment(step, node)
                if case .bool(true) = try environment.evaluate(rule.condition, what: "the condition of escalation rule \(rule.id)") {
                    var context = step.chainContext(node)
                    context.principal = .system
                    due.append((node, rule, context))
                }
            }
        }
        return due
    }

    /// Records that a rule ran (one transaction). When its chain moved the node on, the node's next run starts afresh and
    /// nothing is recorded.
    func markExecuted(_ rule: WorkflowEscalation, node: WorkflowNode, instance: String) async throws {
        try await locks.withLock(instance) {
            var step = try await loadStep(instance, actor: .system)
            var state = step.state(of: node)
            guard step.instance.state == .running, state.state == "suspended" else { return }
            if !state.executedEscalations.contains(rule.id) { state.executedEscalations.append(rule.id) }
            step.update(state)
            try await commit(step)
        }
    }
}
