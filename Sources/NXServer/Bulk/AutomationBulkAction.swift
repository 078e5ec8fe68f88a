import Logging
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The `automation` bulk action: an operation or chain run on each document as the command's user, through the
/// automation engine (its own writes, its own permission checks). At most once per document (`BulkProcessing.eachDocument`).
enum AutomationBulkAction {
    static func make(repository: Repository, users: UserDirectory) -> BulkAction {
        BulkAction(id: "automation", validate: { params, _ in
            guard let id = params["operationId"]?.stringValue, !id.isEmpty else { throw NXError.invalid("Missing operationId in command") }
            guard NXOperations.descriptor(id) != nil || NXChains.descriptor(id) != nil else {
                throw NXError.invalid("Unknown operation id \(id) in command")
            }
        }, processing: .eachDocument { document, command, principal in
            let id = command.params["operationId"]?.stringValue ?? ""
            let parameters = command.params["parameters"]?.objectValue ?? JSONObject()
            let call = NXCallContext(principal: NXPrincipal(name: principal.name, isAdministrator: principal.isAdministrator, groups: principal.groups),
                                     baseURL: "", logger: Logger(label: "nx.bulk"))
            let operation = OperationContext(repository: repository, users: users, call: call, operationId: id, state: try ExecutionState(variables: [:]))
            _ = try await operation.execute(id, input: .document(document), params: parameters)
            return .processed
        })
    }
}
