import Logging
import NXAPIRuntime
import NXCore
import NXExpression
import NXRuntime
import Synchronization

/// Runs the chains of workflow nodes and transitions through the automation engine: the attached documents are the
/// input; `WorkflowVariables`, `NodeVariables` and the contextual values (`workflowInitiator`, `nodeId`…) are context
/// variables; the variables the chain leaves are handed back to the engine. Chains run with every permission on behalf
/// of the acting user (Nuxeo runs routing in an unrestricted session).
final class WorkflowChains: WorkflowChainRunner {
    let repository: Repository
    let users: UserDirectory
    private let state = Mutex<(service: WorkflowService?, mail: MailConfiguration?)>((nil, nil))
    private let logger = Logger(label: "nx.workflow")

    init(repository: Repository, users: UserDirectory) {
        self.repository = repository
        self.users = users
    }

    /// The engine the `Workflow…` operations of a chain reach.
    func bind(_ service: WorkflowService) { state.withLock { $0.service = service } }

    /// The SMTP relay of `Document.Mail` in chains.
    var mail: MailConfiguration? {
        get { state.withLock { $0.mail } }
        set { state.withLock { $0.mail = newValue } }
    }

    func runWorkflowChain(_ chain: String, _ context: WorkflowChainContext) async throws -> WorkflowChainContext {
        var variables = context.values
        variables["WorkflowVariables"] = .object(context.workflowVariables)
        variables["NodeVariables"] = .object(context.nodeVariables)
        let principal = NXPrincipal(name: context.principal.name, isAdministrator: true, groups: context.principal.groups)
        let call = NXCallContext(principal: principal, baseURL: "", logger: logger)
        var operation = OperationContext(repository: repository, users: users, call: call, operationId: chain,
                                         state: try ExecutionState(variables: variables))
        let (service, mail) = state.withLock { ($0.service, $0.mail) }
        operation.workflows = service
        operation.mail = mail
        let documents = try await repository.store.read { tx in try context.documentIds.compactMap { try tx.document(id: $0) } }
        do {
            _ = try await operation.execute(chain, input: documents.isEmpty ? .void : .documents(documents), params: JSONObject())
        } catch let error as NXError {
            throw NXError(error.code, "Chain \(chain) of the workflow failed: \(error.message)")
        }
        var result = context
        if case .json(.object(let values))? = operation.state.variable("WorkflowVariables") { result.workflowVariables = values }
        if case .json(.object(let values))? = operation.state.variable("NodeVariables") { result.nodeVariables = values }
        return result
    }
}

/// `NodeVariables["tasks"]` in an expression (Nuxeo's `TasksInfoWrapper`): the tasks of the node's run, counted by the
/// action they were completed with.
struct TasksInfoObject: JSONRepresentableObject {
    let tasks: [ExpressionValue]
    var kindName: String { "the tasks info" }
    var text: String { ExpressionValue.list(tasks).text }
    var jsonValue: JSONValue { ExpressionValue.list(tasks).json }

    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch (method, arguments.count) {
        case ("getNumberEndedWithStatus", 1):
            let wanted = arguments[0]
            return .int(Int64(tasks.filter { task in
                guard case .map(let fields) = task else { return false }
                let ended = fields.first { $0.key == "ended" }?.value
                let status = fields.first { $0.key == "status" }?.value
                guard case .bool(true)? = ended else { return false }
                return status?.text == wanted.text
            }.count))
        case ("size", 0): return .int(Int64(tasks.count))
        case ("isEmpty", 0): return .bool(tasks.isEmpty)
        case ("get", 1):
            guard case .int(let index) = arguments[0], index >= 0, index < tasks.count else { return .null }
            return tasks[Int(index)]
        default: throw .unknownMethod(method, on: kindName)
        }
    }

    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        guard case .int(let index) = key, index >= 0, index < tasks.count else { return .null }
        return tasks[Int(index)]
    }
}
