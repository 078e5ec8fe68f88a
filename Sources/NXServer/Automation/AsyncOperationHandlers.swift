import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `@async` automation (Nuxeo's `AsyncOperationAdapter`): `POST /automation/{id}/@async` → 202 with the status URL;
/// `GET …/@async/{executionId}/status` → `"RUNNING"`, then 303 to the result; `GET …/@async/{executionId}` → the result
/// (once); `DELETE` aborts. Executions are visible only to the user who started them.
extension APIHandlers {
    func runOperationAsync(
        repository: String, operationId: String, documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?,
        body: NXRequestStream, context: NXCallContext
    ) async throws -> RunOperationAsyncOutput {
        let (request, files) = try await readExecution(body, contentType: body.contentType)
        let parsed = OperationValue.parse(request["input"])
        let input: OperationValue = files.count == 1 ? .blob(files[0]) : files.count > 1 ? .blobs(files) : parsed
        guard let canonical = try authorize(operationId, binding: .automation, context: context) else {
            return .accepted(.empty(status: 404))
        }
        let handlers = self
        let id = await asyncExecutions.start(user: context.principal.name, body: request,
                                             void: xNXVoidOperation == "true") {
            try await handlers.execute(operationId, canonical: canonical, input: input, body: request, repositoryName: repository, context: context)
        }
        guard let id else { throw NXError(.unavailable, "Too many asynchronous executions are running; retry later") }
        let location = "\(context.baseURL)site/automation/\(PercentEncoding.encodePathSegment(operationId))/@async/\(id)/status"
        return .accepted(.response(Response(status: .accepted, headers: [.location: location])))
    }

    func getAsyncOperationStatus(
        repository: String, operationId: String, executionId: String, context: NXCallContext
    ) async throws -> GetAsyncOperationStatusOutput {
        switch await asyncExecutions.isFinished(executionId, user: context.principal.name) {
        case nil: throw NXError.notFound("Execution with id=\(executionId) not found")
        case false?: return .ok(.json(.string("RUNNING")))
        case true?:
            let location = "\(context.baseURL)site/automation/\(PercentEncoding.encodePathSegment(operationId))/@async/\(executionId)"
            return .ok(.response(Response(status: .seeOther, headers: [.location: location])))
        }
    }

    func getAsyncOperationResult(
        repository: String, operationId: String, executionId: String, documentRendering: DocumentRenderingParameters, context: NXCallContext
    ) async throws -> GetAsyncOperationResultOutput {
        guard let outcome = await asyncExecutions.take(executionId, user: context.principal.name) else {
            throw NXError.notFound("Execution with id=\(executionId) not found")
        }
        switch outcome {
        case .failure(let error): throw error
        case .value(let value, let body, let void):
            if void { return .ok(.empty()) }
            return .ok(try await respond(value, repositoryName: repository, render: documentRendering.options(context).reading(body), context: context))
        }
    }

    func abortAsyncOperation(
        repository: String, operationId: String, executionId: String, context: NXCallContext
    ) async throws -> AbortAsyncOperationOutput {
        guard await asyncExecutions.abort(executionId, user: context.principal.name) else {
            throw NXError.notFound("Execution with id=\(executionId) has completed")
        }
        return .ok(.string("RUNNING"))
    }
}
