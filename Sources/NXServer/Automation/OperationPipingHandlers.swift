import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `…/@op/{id}` after a paginable adapter (`@children`, `@search`, `@pp/{name}`): as Nuxeo's `PaginableAdapter`, the
/// current page of documents (with the request's `currentPageIndex`, `pageSize`, `sortBy`…) becomes the input when the
/// operation (a chain: its first operation) takes documents; otherwise the body's `input` is used.
extension APIHandlers {
    func runOperationOnChildren(
        repository: String, doc: DocumentRef, operationId: String, currentPageIndex: Int?, pageSize: Int, maxResults: String?,
        sortBy: [String]?, sortOrder: [SortOrder]?, documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?,
        body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationOnChildrenOutput {
        let executor = try executor(repository)
        return .ok(try await runOnPage(operationId, body: body, repositoryName: repository, void: xNXVoidOperation,
                                       render: documentRendering.options(context), context: context) {
            try await executor.documentPage("CURRENT_DOC_CHILDREN", of: doc, pageSize: pageSize, currentPageIndex: currentPageIndex,
                                            maxResults: maxResults, sortBy: sortBy, sortOrder: sortOrder, context: context)
        })
    }

    func runOperationOnSearch(
        repository: String, doc: DocumentRef, operationId: String, fullText: String?, query: String?, orderBy: String?,
        currentPageIndex: Int?, pageSize: Int, maxResults: String?, sortBy: [String]?, sortOrder: [SortOrder]?,
        documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?, body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationOnSearchOutput {
        let executor = try executor(repository)
        return .ok(try await runOnPage(operationId, body: body, repositoryName: repository, void: xNXVoidOperation,
                                       render: documentRendering.options(context), context: context) {
            let (definition, p) = try await searchAdapterQuery(
                executor, doc: doc, fullText: fullText, query: query, orderBy: orderBy, currentPageIndex: currentPageIndex, pageSize: pageSize,
                maxResults: maxResults, sortBy: sortBy, sortOrder: sortOrder, context: context)
            return try await executor.query(definition, p.execution, named: [:], context: context, defaultPageSize: 50)
        })
    }

    func runOperationOnPageProvider(
        repository: String, doc: DocumentRef, providerName: String, operationId: String, currentPageIndex: Int?, pageSize: Int,
        maxResults: String?, sortBy: [String]?, sortOrder: [SortOrder]?, documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?, body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationOnPageProviderOutput {
        let executor = try executor(repository)
        let named = SearchExecutionParameters.named(context.queryParameters)
        return .ok(try await runOnPage(operationId, body: body, repositoryName: repository, void: xNXVoidOperation,
                                       render: documentRendering.options(context), context: context) {
            try await executor.documentPage(providerName, of: doc, pageSize: pageSize, currentPageIndex: currentPageIndex, maxResults: maxResults,
                                            sortBy: sortBy, sortOrder: sortOrder, named: named, context: context)
        })
    }

    /// Runs `id` with the page `query` computes as input when the operation takes documents, else with the body's `input`.
    func runOnPage(_ id: String, body: JSONValue, repositoryName: String, void: String?, render: RenderOptions, context: NXCallContext,
                   query: () async throws -> QueryResult) async throws -> NXBody {
        try await runOnAdapter(id, accepting: ["documents", "object"], body: body, repositoryName: repositoryName, void: void, render: render,
                               context: context) { .page(try await query().page) }
    }

    /// Runs `id` with the adapter's value as input when the operation (a chain: its first operation) has a method taking
    /// one of `kinds`, else with the body's `input` (Nuxeo's `OperationAdapter`).
    func runOnAdapter(_ id: String, accepting kinds: Set<String>, body: JSONValue, repositoryName: String, void: String?,
                      render: RenderOptions, context: NXCallContext, value: () async throws -> OperationValue) async throws -> NXBody {
        let request = body.objectValue ?? JSONObject()
        let inputs: [String]
        if let descriptor = NXOperations.descriptor(id) {
            inputs = descriptor.signature.map(\.input)
        } else if let chain = NXChains.descriptor(id) {
            inputs = chain.signature.map(\.input)
        } else {
            throw NXError.notFound("Failed to invoke operation: \(id)")
        }
        let input = inputs.contains(where: kinds.contains) ? try await value() : OperationValue.parse(request["input"])
        return try await run(id, input: input, body: request, repositoryName: repositoryName, void: void, render: render, context: context,
                             binding: .adapter)
    }

    /// `…/@audit/@op/{id}`: the current page of the document's audit log (a `logEntries` list) is the input of an operation
    /// that takes any object (Nuxeo's `AuditAdapter` is paginable over log entries, not documents).
    func runOperationOnAudit(
        repository: String, doc: DocumentRef, operationId: String, eventId: [String]?, category: [String]?, principalName: [String]?,
        startEventDate: String?, endEventDate: String?, currentPageIndex: Int?, pageSize: Int, sortOrder: [SortOrder]?,
        documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?, body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationOnAuditOutput {
        .ok(try await runOnAdapter(operationId, accepting: ["object", "paginable"], body: body, repositoryName: repository,
                                   void: xNXVoidOperation, render: documentRendering.options(context), context: context) {
            let page = try await auditPage(
                repository, doc: doc, eventId: eventId, category: category, principalName: principalName, startEventDate: startEventDate,
                endEventDate: endEventDate, currentPageIndex: currentPageIndex, pageSize: pageSize, sortOrder: sortOrder, context: context)
            return .json(AuditJSON.page(page).jsonValue)
        })
    }
}

extension APIHandlers {
    /// `POST /@op/{id}` at the API root: no adapted resource, the body's `input` is the input.
    func runOperationAtRoot(
        repository: String, operationId: String, documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?,
        body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationAtRootOutput {
        let request = body.objectValue ?? JSONObject()
        return .ok(try await run(operationId, input: OperationValue.parse(request["input"]), body: request, repositoryName: repository,
                                 void: xNXVoidOperation, render: documentRendering.options(context), context: context, binding: .adapter))
    }
}
