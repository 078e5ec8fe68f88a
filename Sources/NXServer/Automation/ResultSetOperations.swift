import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The query-and-fetch operations of Spec/operations/repository.yaml: rows of the selected properties instead of
/// documents, written as Nuxeo's `JsonRecordSetWriter` writes a paginable record set.
extension DocumentOperations {
    /// The rows of an NXQL query (`SELECT dc:title, ecm:uuid FROM …`), paginated like `Repository.Query`.
    func repositoryResultSetQuery(_ input: Value, _ params: RepositoryResultSetQueryParams, context: Context) async throws -> Value {
        guard params.language.uppercased() == "NXQL" else { throw NXError.invalid("Unsupported query language: \(params.language)") }
        let fetch = try QueryAndFetch(params.query)
        let request = PageRequest(pageSize: params.pageSize, currentPageIndex: params.currentPageIndex, maxResults: params.maxResults.map(String.init),
                                  sort: Self.sortKeys(params.sortBy, params.sortOrder))
        let result = try await Self.runQuery(params.query, request: request, queryParams: params.queryParams,
                                             namedParameters: params.namedParameters, context: context)
        return .json(Self.recordSet(result.page, fetch, registry: context.repository.registry))
    }

    /// The rows of a named page provider's query.
    func repositoryResultSetPageProvider(_ input: Value, _ params: RepositoryResultSetPageProviderParams, context: Context) async throws -> Value {
        guard params.language.uppercased() == "NXQL" else { throw NXError.invalid("Unsupported query language: \(params.language)") }
        guard let name = params.providerName, !name.trimmingWhitespace.isEmpty else { throw NXError.invalid("Parameter 'providerName' is required") }
        guard let definition = context.repository.registry.pageProviders[name] else { throw NXError.notFound("Unknown page provider: \(name)") }
        let fetch = try QueryAndFetch(definition.pattern ?? "SELECT * FROM Document")
        let user = context.principal.name, repository = context.repository.name
        let ordered = (params.queryParams ?? []).map { SearchExecutor.substitute($0, principal: user, repository: repository) }
        let options = QueryOptions(
            request: PageRequest(pageSize: params.pageSize, currentPageIndex: params.currentPageIndex, sort: Self.sortKeys(params.sortBy, params.sortOrder)),
            defaultPageSize: definition.pageSize, maxPageSize: definition.maxPageSize ?? 1000,
            defaultMaxResults: definition.properties["maxResults"], principal: context.principal)
        let result = try await context.repository.run(
            provider: definition, parameters: PageProviderParameters(ordered: ordered, named: Self.named(params.namedParameters)), options: options)
        return .json(Self.recordSet(result.page, fetch, registry: context.repository.registry))
    }

    /// Nuxeo's sort rule for operation parameters: each key ascending unless its order (same index) is `DESC`.
    static func sortKeys(_ keys: [String]?, _ orders: [String]?) -> [SortKey]? {
        keys.map { keys in
            keys.enumerated().map { index, key in
                SortKey(property: key, ascending: (orders.flatMap { index < $0.count ? $0[index] : nil } ?? "asc").lowercased() != "desc")
            }
        }
    }

    /// Named parameters as text.
    static func named(_ values: JSONObject?) -> [String: String] {
        (values ?? JSONObject()).reduce(into: [String: String]()) { result, pair in
            result[pair.0] = pair.1.plainText
        }
    }

    /// `{"entity-type":"recordSet", <paging>, "entries":[{column: value}…]}` in JsonRecordSetWriter's key order.
    static func recordSet(_ page: Page<DocumentRecord>, _ fetch: QueryAndFetch, registry: SchemaRegistry) -> JSONValue {
        .object(JSONObject([
            ("entity-type", "recordSet"), ("isPaginable", true), ("resultsCount", .int(Int64(page.resultsCount))),
            ("pageSize", .int(Int64(page.pageSize))), ("maxPageSize", .int(Int64(page.maxPageSize))),
            ("currentPageSize", .int(Int64(page.currentPageSize))), ("currentPageIndex", .int(Int64(page.currentPageIndex))),
            ("numberOfPages", .int(Int64(page.numberOfPages))), ("isPreviousPageAvailable", .bool(page.isPreviousPageAvailable)),
            ("isNextPageAvailable", .bool(page.isNextPageAvailable)), ("isLastPageAvailable", .bool(page.isLastPageAvailable)),
            ("isSortable", .bool(page.isSortable)), ("hasError", false), ("errorMessage", .null),
            ("entries", .array(page.entries.map { .object(fetch.row($0, registry: registry)) })),
        ]))
    }
}
