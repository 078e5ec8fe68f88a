import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension APIHandlers {
    func executor(_ repositoryName: String) throws -> SearchExecutor {
        let (repository, json) = try self.repository(repositoryName)
        return SearchExecutor(repository: repository, json: json)
    }

    /// NXQL endpoints: the query runs as the pattern of REST_API_SEARCH_ADAPTER (so `?` and `:named` parameters apply).
    func runQuery(
        _ repositoryName: String,
        _ p: SearchExecutionParameters,
        render: RenderOptions,
        context: NXCallContext
    ) async throws -> DocumentsEntity {
        let executor = try executor(repositoryName)
        let execution = p.execution
        return try await executor.run(executor.adHoc(execution.query, maxResults: execution.maxResults), execution, named: SearchExecutionParameters.named(context.queryParameters),
                                      context: context, render: render)
    }

    /// Page-provider endpoints: the provider by name; the request's other parameters are its named parameters.
    func runProvider(_ repositoryName: String, _ providerName: String, _ p: SearchExecutionParameters, render: RenderOptions,
                     context: NXCallContext) async throws -> DocumentsEntity {
        let executor = try executor(repositoryName)
        return try await executor.run(try executor.provider(providerName), p.execution, named: SearchExecutionParameters.named(context.queryParameters),
                                      context: context, render: render)
    }

    func searchExecute(
        repository: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> SearchExecuteOutput {
        return .ok(try await runQuery(repository, searchExecution, render: documentRendering.options(context), context: context))
    }

    func searchLangExecute(
        repository: String,
        lang: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> SearchLangExecuteOutput {
        guard lang == "NXQL" else { throw NXError.invalid("invalid query language") }
        return .ok(try await runQuery(repository, searchExecution, render: documentRendering.options(context), context: context))
    }

    func queryDefault(
        repository: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> QueryDefaultOutput {
        return .ok(try await runQuery(repository, searchExecution, render: documentRendering.options(context), context: context))
    }

    func queryNXQL(
        repository: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> QueryNXQLOutput {
        return .ok(try await runQuery(repository, searchExecution, render: documentRendering.options(context), context: context))
    }

    func queryProvider(
        repository: String,
        providerName: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> QueryProviderOutput {
        .ok(try await runProvider(repository, providerName, searchExecution, render: documentRendering.options(context), context: context))
    }

    func pageProviderExecute(
        repository: String,
        providerName: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> PageProviderExecuteOutput {
        .ok(try await runProvider(repository, providerName, searchExecution, render: documentRendering.options(context), context: context))
    }

    func pageProviderDefinition(
        repository: String,
        providerName: String,
        context: NXCallContext
    ) async throws -> PageProviderDefinitionOutput {
        .ok(PageProviderJSON.entity(try executor(repository).provider(providerName)))
    }

    /// `@search`: fulltext under the document (its parent for a non-folder), or an NXQL query as given.
    func searchAdapter(
        repository: String,
        doc: DocumentRef,
        fullText: String?,
        query: String?,
        orderBy: String?,
        currentPageIndex: Int?,
        pageSize: Int,
        maxResults: String?,
        sortBy: [String]?,
        sortOrder: [SortOrder]?,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> SearchAdapterOutput {
        let executor = try executor(repository)
        let (definition, p) = try await searchAdapterQuery(executor, doc: doc, fullText: fullText, query: query, orderBy: orderBy,
                                                           currentPageIndex: currentPageIndex, pageSize: pageSize, maxResults: maxResults,
                                                           sortBy: sortBy, sortOrder: sortOrder, context: context)
        return .ok(try await executor.run(definition, p.execution, named: [:], context: context, defaultPageSize: 50, render: documentRendering.options(context)))
    }

    /// `@pp/{provider}`: the provider with the document id as its single `?` parameter.
    func pageProviderAdapter(
        repository: String,
        doc: DocumentRef,
        providerName: String,
        currentPageIndex: Int?,
        pageSize: Int,
        maxResults: String?,
        sortBy: [String]?,
        sortOrder: [SortOrder]?,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> PageProviderAdapterOutput {
        let executor = try executor(repository)
        let result = try await executor.documentPage(
            providerName, of: doc, pageSize: pageSize, currentPageIndex: currentPageIndex, maxResults: maxResults, sortBy: sortBy,
            sortOrder: sortOrder, named: SearchExecutionParameters.named(context.queryParameters), context: context)
        return .ok(try await executor.page(result, documentRendering.options(context), highlight: []))
    }

    /// The provider and parameters of an `@search` call: fulltext under the document (its parent for a non-folder), or the
    /// NXQL query as given; `orderBy` read as sort keys when `sortBy` is absent.
    func searchAdapterQuery(
        _ executor: SearchExecutor, doc: DocumentRef, fullText: String?, query: String?, orderBy: String?, currentPageIndex: Int?, pageSize: Int,
        maxResults: String?, sortBy: [String]?, sortOrder: [SortOrder]?, context: NXCallContext
    ) async throws -> (PageProviderDefinition, SearchExecutionParameters) {
        let nxql: String
        if let fullText = fullText, !fullText.isEmpty {
            let document = try await executor.repository.document(doc, principal: context.user)
            let folderish = executor.repository.registry.type(of: document)?.isFolderish ?? false
            var scope = document.path
            if !folderish, let parent = document.parentId { scope = try await executor.repository.document(.id(parent)).path }
            nxql = "SELECT * FROM Document WHERE (ecm:fulltext = \(PageProviderQuery.escape(fullText))) AND (ecm:isVersion = 0) AND (ecm:path STARTSWITH \(PageProviderQuery.escape(scope)))"
        } else if let query = query, !query.isEmpty {
            nxql = query
        } else {
            throw NXError.invalid("Expecting a query or a fullText parameter")
        }
        var sortBy = sortBy
        var sortOrder = sortOrder
        if let orderBy = orderBy, !orderBy.isEmpty, sortBy == nil {
            // `orderBy` is appended as written: `dc:title`, `dc:title DESC, dc:created`.
            let keys = orderBy.split(separator: ",").map { $0.split(separator: " ").map(String.init) }.filter { !$0.isEmpty }
            sortBy = keys.map { $0[0] }
            sortOrder = keys.map { $0.count > 1 && $0[1].uppercased() == "DESC" ? SortOrder.desc : .asc }
        }
        let definition = executor.adHoc(nxql, maxResults: maxResults)
        let p = SearchExecutionParameters(query: nxql, pageSize: pageSize, currentPageIndex: currentPageIndex, maxResults: maxResults,
                                          sortBy: sortBy, sortOrder: sortOrder)
        return (definition, p)
    }
}
