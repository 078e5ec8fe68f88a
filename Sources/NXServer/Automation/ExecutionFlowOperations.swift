import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// Nuxeo's execution-flow operations: run another operation or chain (on the input, on each input item, for each
/// element of a list variable), save the session, and switch identity (`Auth.LoginAs` / `Auth.Logout`).
extension DocumentOperations {
    /// `RunOperation`: runs `id` on the current input; its result is dropped and the input passed on.
    func runOperation(_ input: Value, _ params: RunOperationParams, context: Context) async throws -> Value {
        _ = try await context.subcontext(isolate: params.isolate).execute(params.id, input: input, params: params.parameters ?? JSONObject())
        return .void
    }

    /// `Context.RunDocumentOperationInNewTx`: as `RunOperation` (every write of nx is already its own transaction); with
    /// `rollbackGlobalOnError` false (the default) a failure of the sub-chain is logged and the caller goes on, as
    /// Nuxeo's `RunInNewTransaction` does.
    func contextRunDocumentOperationInNewTx(
        _ input: Value, _ params: ContextRunDocumentOperationInNewTxParams, context: Context
    ) async throws -> Value {
        do {
            _ = try await context.subcontext(isolate: params.isolate).execute(params.id, input: input, params: params.parameters ?? JSONObject())
        } catch let error as NXError where params.rollbackGlobalOnError != true {
            context.call.logger.warning("\(params.id) failed in its own transaction; going on", metadata: ["error": "\(error.message)"])
        }
        return .void
    }

    /// `RunDocumentOperation`: runs `id` on each input document; the results (documents) are the output.
    func runDocumentOperation(_ input: Value, _ params: RunDocumentOperationParams, context: Context) async throws -> Value {
        let sub = context.subcontext(isolate: params.isolate)
        let parameters = params.parameters ?? JSONObject()
        return try await context.each(input) { document in
            let result = try await sub.execute(params.id, input: .document(document), params: parameters)
            switch result {
            case .document(let output): return output
            case .void: return document
            default: return try await context.document(result)
            }
        }
    }

    /// `RunFileOperation`: runs `id` on each input file; the results (files) are the output.
    func runFileOperation(_ input: Value, _ params: RunFileOperationParams, context: Context) async throws -> Value {
        let sub = context.subcontext(isolate: params.isolate)
        let parameters = params.parameters ?? JSONObject()
        var outputs: [BlobValue] = []
        for blob in try context.blobs(input) {
            switch try await sub.execute(params.id, input: .blob(blob), params: parameters) {
            case .blob(let output): outputs.append(output)
            case .blobs(let list): outputs += list
            case .void: outputs.append(blob)
            default: throw NXError.invalid("Operation \(params.id) run by RunFileOperation must return a file")
            }
        }
        if case .blob = input, outputs.count == 1, let only = outputs.first { return .blob(only) }
        return .blobs(outputs)
    }

    /// `RunOperationOnList`: for each element of the list held by variable `list`, sets variable `item` (default `item`) to it
    /// and runs `id` on the current input. With `isolate` (the default) the runs do not see each other's variables.
    func runOperationOnList(_ input: Value, _ params: RunOperationOnListParams, context: Context) async throws -> Value {
        guard let list = context.state.variable(params.list) else {
            throw NXError.invalid("Context variable '\(params.list)' of RunOperationOnList is not set")
        }
        let items: [OperationValue]
        switch list {
        case .documents(let documents): items = documents.map(OperationValue.document)
        case .page(let page): items = page.entries.map(OperationValue.document)
        case .blobs(let blobs): items = blobs.map(OperationValue.blob)
        case .json(.array(let values)): items = values.map(OperationValue.json)
        case .json(.string(let text)): items = text.split(separator: ",").map { .json(.string(String($0))) }
        default: items = [list]
        }
        let parameters = params.parameters ?? JSONObject()
        let sub = context.subcontext(isolate: params.isolate)
        for item in items {
            try sub.state.setVariable(params.item, item)
            _ = try await sub.execute(params.id, input: input, params: parameters)
        }
        return .void
    }

    /// `RunOperationOnProvider`: runs `id` on the input page of documents (nx pages are computed before the call).
    func runOperationOnProvider(_ input: Value, _ params: RunOperationOnProviderParams, context: Context) async throws -> Value {
        let documents = try await context.documents(input)
        _ = try await context.subcontext(isolate: params.isolate).execute(params.id, input: .documents(documents), params: JSONObject())
        return .void
    }

    /// `Repository.SaveSession`: every write of nx is saved when the operation making it returns; nothing to do.
    func repositorySaveSession(_ input: Value, _ params: RepositorySaveSessionParams, context: Context) async throws -> Value {
        .void
    }

    /// `Auth.LoginAs`: the next operations run as user `name` (without it, as the system). Administrators only: anyone else
    /// would gain the other user's rights.
    func authLoginAs(_ input: Value, _ params: AuthLoginAsParams, context: Context) async throws -> Value {
        guard context.call.user.isAdministrator else { throw NXError.forbidden("Not allowed. You must be administrator to use this operation") }
        if let name = params.name, !name.isEmpty {
            guard let user = try await context.users.user(name) else { throw NXError.notFound("User not found: \(name)") }
            try context.state.login(Principal(name: user.name, groups: user.allGroups, isAdministrator: user.isAdministrator))
        } else {
            try context.state.login(Principal.unrestricted("system"))
        }
        return try await context.reloaded(input)
    }

    /// `Auth.Logout`: back to the identity before the last `Auth.LoginAs`.
    func authLogout(_ input: Value, _ params: AuthLogoutParams, context: Context) async throws -> Value {
        context.state.logout()
        return try await context.reloaded(input)
    }
}

extension OperationContext {
    /// The context a sub-operation runs in: one level deeper; with `isolate`, a copy of the variables that the sub-operation
    /// may change without the caller seeing it.
    func subcontext(isolate: Bool) -> OperationContext {
        var sub = self
        if isolate { sub.state = state.isolatedCopy() }
        sub.depth = depth + 1
        return sub
    }

    /// The input document(s) read again as the current identity (after a login change); other inputs give nothing.
    func reloaded(_ input: OperationValue) async throws -> OperationValue {
        switch input {
        case .document(let document):
            return .document(try await repository.document(.id(document.id), principal: principal))
        case .documents(let documents):
            var reloaded: [DocumentRecord] = []
            for document in documents { reloaded.append(try await repository.document(.id(document.id), principal: principal)) }
            return .documents(reloaded)
        default:
            return .void
        }
    }
}
