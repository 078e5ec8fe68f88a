import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// The bulk endpoints (server-behaviour-2.md §7.3): a search's documents handed to an action, the status, abort.
extension APIHandlers {
    func searchBulk(repository: String, actionId: String, queryLimit: Int?, searchExecution: SearchExecutionParameters, body: JSONValue,
                    context: NXCallContext) async throws -> SearchBulkOutput {
        .accepted(try await nxqlBulk(repository, actionId, queryLimit, searchExecution, body, context))
    }

    func searchLangBulk(repository: String, lang: String, actionId: String, queryLimit: Int?, searchExecution: SearchExecutionParameters,
                        body: JSONValue, context: NXCallContext) async throws -> SearchLangBulkOutput {
        .accepted(try await nxqlBulk(repository, actionId, queryLimit, searchExecution, body, context))
    }

    /// The NXQL bulk endpoints: the `query` parameter as the pattern of the ad-hoc provider.
    func nxqlBulk(_ repository: String, _ actionId: String, _ queryLimit: Int?, _ searchExecution: SearchExecutionParameters, _ body: JSONValue,
                  _ context: NXCallContext) async throws -> BulkStatusEntity {
        let executor = try executor(repository)
        let execution = searchExecution.execution
        let query = try bulkQuery(executor, executor.adHoc(execution.query, maxResults: nil), execution, named: bulkNamed(context), context: context)
        return try await submitBulk(actionId, query: query, body: body, queryLimit: queryLimit, context: context)
    }

    func pageProviderBulk(repository: String, providerName: String, actionId: String, queryLimit: Int?,
                          searchExecution: SearchExecutionParameters, body: JSONValue, context: NXCallContext) async throws -> PageProviderBulkOutput {
        let executor = try executor(repository)
        let query = try bulkQuery(executor, try executor.provider(providerName), searchExecution.execution, named: bulkNamed(context), context: context)
        return .accepted(try await submitBulk(actionId, query: query, body: body, queryLimit: queryLimit, context: context))
    }

    func savedSearchBulk(repository: String, searchId: String, actionId: String, queryLimit: Int?, searchExecution: SearchExecutionParameters,
                         body: JSONValue, context: NXCallContext) async throws -> SavedSearchBulkOutput {
        let executor = try executor(repository)
        let saved = try await executor.repository.savedSearch(id: searchId, principal: context.user)
        var execution = searchExecution.execution
        if execution.ordered.isEmpty, let stored = saved.queryParams {
            execution.ordered = stored.split(separator: ",").map { String($0).trimmingWhitespace }
        }
        var named = Dictionary(saved.namedParams + saved.searchDocumentNamedValues(registry: executor.repository.registry),
                               uniquingKeysWith: { _, b in b })
        for (key, value) in bulkNamed(context) { named[key] = value }
        let definition: PageProviderDefinition
        if let provider = saved.providerName, !provider.isEmpty {
            definition = try executor.provider(provider)
        } else {
            guard (saved.queryLanguage ?? "NXQL").uppercased() == "NXQL" else { throw NXError.invalid("invalid query language") }
            definition = executor.adHoc(saved.query, maxResults: nil)
        }
        let query = try bulkQuery(executor, definition, execution, named: named, context: context)
        return .accepted(try await submitBulk(actionId, query: query, body: body, queryLimit: queryLimit, context: context))
    }

    func getBulkStatus(repository: String, commandId: String, context: NXCallContext) async throws -> GetBulkStatusOutput {
        guard let command = try await bulk.status(commandId) else { throw NXError.notFound("Bulk command with id=\(commandId) doesn't exist") }
        return .ok(BulkJSON.status(command))
    }

    func abortBulk(repository: String, commandId: String, context: NXCallContext) async throws -> AbortBulkOutput {
        guard let command = try await bulk.status(commandId), context.principal.isAdministrator || command.username == context.principal.name else {
            throw NXError.notFound("Bulk command with id=\(commandId) doesn't exist")
        }
        guard let aborted = try await bulk.abort(command.id) else { throw NXError.notFound("Bulk command with id=\(commandId) doesn't exist") }
        return .ok(BulkJSON.status(aborted))
    }

    /// The named parameters of a bulk search call: the request's, without the bulk endpoint's own.
    func bulkNamed(_ context: NXCallContext) -> [String: String] {
        SearchExecutionParameters.named(context.queryParameters).filter { !["queryLimit", "scroll"].contains($0.key) }
    }

    /// The NXQL of a search as the command will run it: the provider's pattern or where clause with the call's parameters
    /// (`$currentUser` and `$currentRepository` substituted).
    func bulkQuery(_ executor: SearchExecutor, _ definition: PageProviderDefinition, _ execution: SearchExecution, named: [String: String],
                   context: NXCallContext) throws -> String {
        let principal = context.principal.name
        let repository = executor.repository.name
        let parameters = PageProviderParameters(
            ordered: execution.ordered.map { SearchExecutor.substitute($0, principal: principal, repository: repository) },
            named: named.mapValues { SearchExecutor.substitute($0, principal: principal, repository: repository) })
        return try PageProviderQuery(definition: definition, registry: executor.repository.registry).nxql(parameters)
    }

    /// Submits a command as the caller: an unknown action → 400, an action not open over HTTP → 403 unless an
    /// administrator calls, a body that is not an object → 400.
    func submitBulk(_ actionId: String, query: String, body: JSONValue, queryLimit: Int?, context: NXCallContext) async throws -> BulkStatusEntity {
        guard let declared = bulk.descriptor(actionId) else { throw NXError.invalid("Unknown bulk action: \(actionId)") }
        guard declared.httpEnabled || context.principal.isAdministrator else {
            throw NXError.forbidden("The bulk action \(actionId) is not available over HTTP to \(context.principal.name)")
        }
        let params: JSONObject
        switch body {
        case .object(let object): params = object
        case .null: params = JSONObject()
        default: throw NXError.invalid("The parameters of a bulk action are a JSON object")
        }
        let request = BulkRequest(action: actionId, query: query, params: params, queryLimit: max(0, queryLimit ?? 0))
        return BulkJSON.status(try await bulk.submit(request, principal: context.user))
    }
}
