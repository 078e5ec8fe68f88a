import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension SearchExecutionParameters {
    /// Request parameters that are never named parameters: the execution and rendering parameters (generated from
    /// Spec/paramsets.yaml), the repository selector and the saved-search listing's provider filter.
    static let reserved: Set<String> = wireNames.union(DocumentRenderingParameters.wireNames)
        .union([NXAPIInfo.repositoryQuery.lowercased(), "pageprovider"])

    /// The other request parameters: named parameters (`title`, `np:title`, `dc_nature_agg`). Rendering parameters of
    /// any entity (`enrichers.*`, `fetch.*`, `translate.*`, `X-NX*`) are not named parameters either.
    static func named(_ query: [(String, String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in query {
            let lower = key.lowercased()
            if reserved.contains(lower) || lower.hasPrefix("enrichers") || lower.hasPrefix("fetch") || lower.hasPrefix("translate")
                || lower.hasPrefix("x-nx") { continue }
            result[key] = value
        }
        return result
    }

    /// What the server makes of these parameters.
    var execution: SearchExecution { read(with: SearchExecution.Reader()) }
}

/// What the server makes of a request's `searchExecution` parameters: the core's page request, the ordered `?`
/// values, highlights, quick filters, and for the NXQL endpoints the query and its count limit.
struct SearchExecution: Sendable {
    var query: String?
    var maxResults: String?
    var page: PageRequest
    var ordered: [String]
    var highlight: [String]
    var quickFilters: [String]
    var skipAggregates: Bool

    /// The one reader of the generated `SearchExecutionParameters`: every parameter of the set is an argument here, so a
    /// parameter added to the spec's set stops the build until it is read (or named `_`).
    struct Reader: SearchExecutionParametersReader {
        func read(
            query: String?,
            pageSize: Int?,
            currentPageIndex: Int?,
            offset: Int?,
            maxResults: String?,
            sortBy: [String]?,
            sortOrder: [SortOrder]?,
            queryParams: [String]?,
            highlight: [String]?,
            quickFilters: [String]?,
            skipAggregates: Bool?
        ) -> SearchExecution {
            // Nuxeo's sort rule: an order other than `asc` at the same index sorts descending.
            let sort = sortBy.flatMap { keys in
                keys.isEmpty ? nil : keys.enumerated().map { index, property in
                    let order = sortOrder.flatMap { index < $0.count ? $0[index] : nil }
                    return SortKey(property: property, ascending: order?.rawValue.lowercased() == "asc")
                }
            }
            return SearchExecution(
                query: query, maxResults: maxResults,
                page: PageRequest(pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset, maxResults: maxResults, sort: sort),
                ordered: queryParams ?? [], highlight: highlight ?? [], quickFilters: quickFilters ?? [],
                skipAggregates: skipAggregates == true)
        }
    }
}

/// Runs queries and page providers for the search endpoints and shapes `documents` results.
struct SearchExecutor {
    let repository: Repository
    let json: DocumentJSON

    /// `$currentUser` / `$currentRepository` in parameter values.
    static func substitute(_ value: String, principal: String, repository: String) -> String {
        value.replacingOccurrences(of: "$currentUser", with: principal).replacingOccurrences(of: "$currentRepository", with: repository)
    }

    /// Runs `definition` with the execution parameters and named parameters of the call.
    func run(_ definition: PageProviderDefinition, _ parameters: SearchExecution, named: [String: String], context: NXCallContext,
             defaultPageSize: Int? = nil, render: RenderOptions) async throws -> DocumentsEntity {
        let result = try await query(definition, parameters, named: named, context: context, defaultPageSize: defaultPageSize)
        return try await page(result, render, highlight: parameters.highlight)
    }

    /// Runs `definition` and returns the page of records (the input of an operation piped from a paginable adapter).
    func query(_ definition: PageProviderDefinition, _ parameters: SearchExecution, named: [String: String], context: NXCallContext,
               defaultPageSize: Int? = nil) async throws -> QueryResult {
        let principal = context.principal.name
        let ordered = parameters.ordered.map { Self.substitute($0, principal: principal, repository: repository.name) }
        let namedValues = named.mapValues { Self.substitute($0, principal: principal, repository: repository.name) }
        let options = QueryOptions(
            request: parameters.page, defaultPageSize: defaultPageSize ?? definition.pageSize,
            maxPageSize: definition.maxPageSize ?? 1000, defaultMaxResults: definition.properties["maxResults"],
            highlightFields: parameters.highlight, principal: context.user)
        return try await repository.run(
            provider: definition, parameters: PageProviderParameters(ordered: ordered, named: namedValues), options: options,
            skipAggregates: parameters.skipAggregates, quickFilters: parameters.quickFilters)
    }

    /// The ad-hoc provider of NXQL endpoints: REST_API_SEARCH_ADAPTER with the query as pattern.
    func adHoc(_ query: String?, maxResults: String?) -> PageProviderDefinition {
        var definition = repository.registry.pageProviders["REST_API_SEARCH_ADAPTER"] ?? PageProviderDefinition(name: "REST_API_SEARCH_ADAPTER")
        definition.pattern = query.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 } ?? "SELECT * FROM Document"
        definition.whereClause = nil
        if let maxResults, maxResults != "-1" { definition.properties["maxResults"] = maxResults } else { definition.properties["maxResults"] = nil }
        return definition
    }

    /// A provider by name; unknown → 404.
    func provider(_ name: String) throws -> PageProviderDefinition {
        guard let definition = repository.registry.pageProviders[name] else { throw NXError.notFound("Unknown page provider: \(name)") }
        return definition
    }

    /// A `documents` entity with aggregations and highlights.
    func page(_ result: QueryResult, _ render: RenderOptions, highlight: [String]) async throws -> DocumentsEntity {
        var entity = try await json.page(result.page, render)
        if !highlight.isEmpty {
            var entries = entity.entries
            for index in entries.indices {
                guard let fragments = result.highlights[entries[index].uid] else { continue }
                var object = JSONObject()
                for field in highlight {
                    if let values = fragments[field] { object[field] = .array(values.map(JSONValue.string)) }
                }
                if object.isEmpty { continue }
                var context = entries[index].contextParameters ?? JSONObject()
                context["highlight"] = .object(object)
                entries[index].contextParameters = context
            }
            entity.entries = entries
        }
        if !result.aggregations.isEmpty {
            var aggregations = JSONObject()
            for aggregate in result.aggregations { aggregations[aggregate.definition.id] = Self.aggregateJSON(aggregate) }
            entity.aggregations = aggregations
        }
        return entity
    }

    static func aggregateJSON(_ a: AggregateResult) -> JSONValue {
        let properties = JSONObject(a.definition.properties.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })
        let query: JSONObject = [
            "field": .string(a.definition.parameter), "properties": .object(properties), "id": .string(a.definition.id),
            "type": .string(a.definition.type), "selection": .array(a.selection.map(JSONValue.string)),
        ]
        let buckets = a.buckets.map { bucket -> JSONValue in
            var object: JSONObject = ["key": .string(bucket.key), "docCount": .int(Int64(bucket.docCount))]
            if let from = bucket.from { object["from"] = .double(from) }
            if let to = bucket.to { object["to"] = .double(to) }
            if a.definition.type.hasPrefix("date") {
                if let from = bucket.from { object["fromAsDate"] = .string(NXDate.format(millis: Int64(from))) }
                if let to = bucket.to { object["toAsDate"] = .string(NXDate.format(millis: Int64(to))) }
            }
            return .object(object)
        }
        return .object(["id": .string(a.definition.id), "type": .string(a.definition.type), "query": .object(query), "buckets": .array(buckets)])
    }
}

extension SearchExecutor {
    /// A page of the provider `name` with the document `doc`'s uid as its one `?` parameter: `@children`
    /// (`CURRENT_DOC_CHILDREN`), `@pp/{name}`, and the operations and business objects piped from them. `named` holds the
    /// request's `:name` parameters.
    func documentPage(_ name: String, of doc: DocumentRef, pageSize: Int, currentPageIndex: Int?, offset: Int? = nil, maxResults: String?,
                      sortBy: [String]?, sortOrder: [SortOrder]?, named: [String: String] = [:], context: NXCallContext) async throws -> QueryResult {
        let document = try await repository.document(doc, principal: context.user)
        let p = SearchExecutionParameters(pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset, maxResults: maxResults,
                                          sortBy: sortBy, sortOrder: sortOrder, queryParams: [document.id])
        return try await query(try provider(name), p.execution, named: named, context: context, defaultPageSize: 50)
    }
}
