import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// The execution parameters every search endpoint's generated input carries (same names, same types).
protocol ExecutionInput {
    var query: String? { get }
    var pageSize: Int? { get }
    var currentPageIndex: Int? { get }
    var offset: Int? { get }
    var maxResults: String? { get }
    var sortBy: [String]? { get }
    var sortOrder: [String]? { get }
    var queryParams: [String]? { get }
    var highlight: [String]? { get }
    var quickFilters: [String]? { get }
    var skipAggregates: String? { get }
}

extension SearchExecuteInput: ExecutionInput {}
extension SearchLangExecuteInput: ExecutionInput {}
extension QueryDefaultInput: ExecutionInput {}
extension QueryNXQLInput: ExecutionInput {}
extension QueryProviderInput: ExecutionInput {}
extension PageProviderExecuteInput: ExecutionInput {}

extension SearchExecuteInput: DocumentRenderingInput {}
extension SearchLangExecuteInput: DocumentRenderingInput {}
extension QueryDefaultInput: DocumentRenderingInput {}
extension QueryNXQLInput: DocumentRenderingInput {}
extension QueryProviderInput: DocumentRenderingInput {}
extension PageProviderExecuteInput: DocumentRenderingInput {}
extension SearchAdapterInput: DocumentRenderingInput {}
extension PageProviderAdapterInput: DocumentRenderingInput {}
extension SavedSearchExecuteInput: DocumentRenderingInput {}

extension ExecutionParameters {
    /// The parameters of a search request.
    init(_ input: some ExecutionInput) {
        self.init(query: input.query, pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: input.offset,
                  maxResults: input.maxResults, sortBy: input.sortBy, sortOrder: input.sortOrder, queryParams: input.queryParams,
                  highlight: input.highlight, quickFilters: input.quickFilters, skipAggregates: input.skipAggregates?.lowercased() == "true")
    }
}

extension APIHandlers {
    func executor(_ repositoryName: String) throws -> SearchExecutor {
        let (repository, json) = try repository(repositoryName)
        return SearchExecutor(repository: repository, json: json)
    }

    static func execution(query: String?, pageSize: Int?, currentPageIndex: Int?, offset: Int?, maxResults: String?, sortBy: [String]?,
                          sortOrder: [String]?, queryParams: [String]?, highlight: [String]?, quickFilters: [String]?,
                          skipAggregates: String? = nil) -> ExecutionParameters {
        ExecutionParameters(query: query, pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset, maxResults: maxResults,
                            sortBy: sortBy, sortOrder: sortOrder, queryParams: queryParams, highlight: highlight, quickFilters: quickFilters,
                            skipAggregates: skipAggregates?.lowercased() == "true")
    }

    /// NXQL endpoints: the query runs as the pattern of REST_API_SEARCH_ADAPTER (so `?` and `:named` parameters apply).
    func runQuery(_ repositoryName: String, _ p: ExecutionParameters, render: RenderOptions, context: NXCallContext) async throws -> DocumentsEntity {
        let executor = try executor(repositoryName)
        return try await executor.run(executor.adHoc(p.query, maxResults: p.maxResults), p, named: ExecutionParameters.named(context.queryParameters),
                                      context: context, render: render)
    }

    func searchExecute(_ input: SearchExecuteInput, context: NXCallContext) async throws -> SearchExecuteOutput {
        let p = ExecutionParameters(input)
        return .ok(try await runQuery(input.repository, p, render: input.render(context), context: context))
    }

    func searchLangExecute(_ input: SearchLangExecuteInput, context: NXCallContext) async throws -> SearchLangExecuteOutput {
        guard input.lang == "NXQL" else { throw NXError.invalid("invalid query language") }
        let p = ExecutionParameters(input)
        return .ok(try await runQuery(input.repository, p, render: input.render(context), context: context))
    }

    func queryDefault(_ input: QueryDefaultInput, context: NXCallContext) async throws -> QueryDefaultOutput {
        let p = ExecutionParameters(input)
        return .ok(try await runQuery(input.repository, p, render: input.render(context), context: context))
    }

    func queryNXQL(_ input: QueryNXQLInput, context: NXCallContext) async throws -> QueryNXQLOutput {
        let p = ExecutionParameters(input)
        return .ok(try await runQuery(input.repository, p, render: input.render(context), context: context))
    }

    func queryProvider(_ input: QueryProviderInput, context: NXCallContext) async throws -> QueryProviderOutput {
        let executor = try executor(input.repository)
        let p = ExecutionParameters(input)
        return .ok(try await executor.run(try executor.provider(input.providerName), p, named: ExecutionParameters.named(context.queryParameters),
                                          context: context, render: input.render(context)))
    }

    func pageProviderExecute(_ input: PageProviderExecuteInput, context: NXCallContext) async throws -> PageProviderExecuteOutput {
        let executor = try executor(input.repository)
        let p = ExecutionParameters(input)
        return .ok(try await executor.run(try executor.provider(input.providerName), p, named: ExecutionParameters.named(context.queryParameters),
                                          context: context, render: input.render(context)))
    }

    func pageProviderDefinition(_ input: PageProviderDefinitionInput, context: NXCallContext) async throws -> PageProviderDefinitionOutput {
        .ok(PageProviderJSON.entity(try executor(input.repository).provider(input.providerName)))
    }

    /// `@search`: fulltext under the document (its parent for a non-folder), or an NXQL query as given.
    func searchAdapter(_ input: SearchAdapterInput, context: NXCallContext) async throws -> SearchAdapterOutput {
        let executor = try executor(input.repository)
        let nxql: String
        if let fullText = input.fullText, !fullText.isEmpty {
            let document = try await executor.repository.document(input.doc, principal: context.user)
            let folderish = executor.repository.registry.type(document.type)?.isFolderish ?? false
            var scope = document.path
            if !folderish, let parent = document.parentId { scope = try await executor.repository.document(.id(parent)).path }
            nxql = "SELECT * FROM Document WHERE (ecm:fulltext = \(PageProviderQuery.escape(fullText))) AND (ecm:isVersion = 0) AND (ecm:path STARTSWITH \(PageProviderQuery.escape(scope)))"
        } else if let query = input.query, !query.isEmpty {
            nxql = query
        } else {
            throw NXError.invalid("Expecting a query or a fullText parameter")
        }
        var sortBy = input.sortBy
        var sortOrder = input.sortOrder
        if let orderBy = input.orderBy, !orderBy.isEmpty, sortBy == nil {
            // `orderBy` is appended as written: `dc:title`, `dc:title DESC, dc:created`.
            let keys = orderBy.split(separator: ",").map { $0.split(separator: " ").map(String.init) }.filter { !$0.isEmpty }
            sortBy = keys.map { $0[0] }
            sortOrder = keys.map { $0.count > 1 && $0[1].uppercased() == "DESC" ? "desc" : "asc" }
        }
        let definition = executor.adHoc(nxql, maxResults: input.maxResults)
        let p = Self.execution(query: nxql, pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: nil,
                               maxResults: input.maxResults, sortBy: sortBy, sortOrder: sortOrder, queryParams: nil, highlight: nil, quickFilters: nil)
        return .ok(try await executor.run(definition, p, named: [:], context: context, defaultPageSize: 50, render: input.render(context)))
    }

    /// `@pp/{provider}`: the provider with the document id as its single `?` parameter.
    func pageProviderAdapter(_ input: PageProviderAdapterInput, context: NXCallContext) async throws -> PageProviderAdapterOutput {
        let executor = try executor(input.repository)
        let document = try await executor.repository.document(input.doc, principal: context.user)
        let p = Self.execution(query: nil, pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: nil,
                               maxResults: input.maxResults, sortBy: input.sortBy, sortOrder: input.sortOrder, queryParams: [document.id],
                               highlight: nil, quickFilters: nil)
        return .ok(try await executor.run(try executor.provider(input.providerName), p, named: ExecutionParameters.named(context.queryParameters),
                                          context: context, defaultPageSize: 50, render: input.render(context)))
    }
}
