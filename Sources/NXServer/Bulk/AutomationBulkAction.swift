import Logging
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The automation bulk actions, run as the command's user through the automation engine (its own writes, its own
/// permission checks): `automation` runs an operation or chain on each document, at most once per document
/// (`BulkProcessing.eachDocument`); `automationUi`, as Nuxeo's Web UI action, runs it once per batch with the batch's
/// documents as its input, at most once per batch (`BulkProcessing.eachBatch`).
enum AutomationBulkAction {
    static func make(repository: Repository, users: UserDirectory) -> BulkAction {
        BulkAction(id: "automation", validate: validate, processing: .eachDocument { document, command, principal in
            try await run(command, input: .document(document), principal: principal, repository: repository, users: users)
            return .processed
        })
    }

    static func makeBatch(repository: Repository, users: UserDirectory) -> BulkAction {
        BulkAction(id: "automationUi", validate: validate, processing: .eachBatch { documents, command, principal in
            try await run(command, input: .documents(documents), principal: principal, repository: repository, users: users)
        })
    }

    static let validate: @Sendable (JSONObject, Repository) throws -> Void = { params, _ in
        guard let id = params["operationId"]?.stringValue, !id.isEmpty else { throw NXError.invalid("Missing operationId in command") }
        guard NXOperations.descriptor(id) != nil || NXChains.descriptor(id) != nil else {
            throw NXError.invalid("Unknown operation id \(id) in command")
        }
    }

    static func run(_ command: BulkCommand, input: OperationValue, principal: Principal, repository: Repository, users: UserDirectory) async throws {
        let id = command.params["operationId"]?.stringValue ?? ""
        let parameters = command.params["parameters"]?.objectValue ?? JSONObject()
        let call = NXCallContext(principal: NXPrincipal(name: principal.name, isAdministrator: principal.isAdministrator, groups: principal.groups),
                                 baseURL: "", logger: Logger(label: "nx.bulk"))
        let operation = OperationContext(repository: repository, users: users, call: call, operationId: id, state: try ExecutionState(variables: [:]))
        _ = try await operation.execute(id, input: input, params: parameters)
    }
}
