import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension APIHandlers {
    func listSavedSearches(
        repository: String,
        pageProvider: String?,
        context: NXCallContext
    ) async throws -> ListSavedSearchesOutput {
        let (repository, json) = try self.repository(repository)
        let searches = try await repository.savedSearches(provider: pageProvider, principal: context.user)
        return .ok(SavedSearchesEntity(entries: searches.map { SavedSearchJSON.entity($0, json: json, properties: []) }))
    }

    func createSavedSearch(
        repository: String,
        schemas properties: [String],
        body: SavedSearchEntity,
        context: NXCallContext
    ) async throws -> CreateSavedSearchOutput {
        let (repository, json) = try self.repository(repository)
        let search = try SavedSearchJSON.model(body)
        return .ok(SavedSearchJSON.entity(try await repository.createSavedSearch(search, principal: context.user), json: json, properties: properties))
    }

    func getSavedSearch(
        repository: String,
        searchId: String,
        schemas properties: [String],
        context: NXCallContext
    ) async throws -> GetSavedSearchOutput {
        let (repository, json) = try self.repository(repository)
        return .ok(SavedSearchJSON.entity(try await repository.savedSearch(id: searchId, principal: context.user), json: json,
                                          properties: properties))
    }

    func updateSavedSearch(
        repository: String,
        searchId: String,
        schemas properties: [String],
        body: SavedSearchEntity,
        context: NXCallContext
    ) async throws -> UpdateSavedSearchOutput {
        let (repository, json) = try self.repository(repository)
        let search = try SavedSearchJSON.model(body)
        return .ok(SavedSearchJSON.entity(try await repository.updateSavedSearch(id: searchId, with: search, principal: context.user),
                                          json: json, properties: properties))
    }

    func deleteSavedSearch(
        repository: String,
        searchId: String,
        context: NXCallContext
    ) async throws -> DeleteSavedSearchOutput {
        let (repository, _) = try self.repository(repository)
        try await repository.deleteSavedSearch(id: searchId, principal: context.user)
        return .noContent
    }

    /// Runs a saved search; request parameters override the stored ones.
    func savedSearchExecute(
        repository: String,
        searchId: String,
        searchExecution: SearchExecutionParameters,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> SavedSearchExecuteOutput {
        let executor = try executor(repository)
        let saved = try await executor.repository.savedSearch(id: searchId, principal: context.user)
        let stored = saved.queryParams.map { $0.split(separator: ",").map { String($0).trimmingWhitespace } }
        let given = searchExecution
        let execution = SearchExecutionParameters(
            query: saved.query, pageSize: given.pageSize ?? saved.pageSize.map(Int.init),
            currentPageIndex: given.currentPageIndex ?? saved.currentPageIndex.map(Int.init), offset: given.offset,
            maxResults: given.maxResults ?? saved.maxResults.map(String.init), sortBy: given.sortBy ?? saved.sortBy.map { [$0] },
            sortOrder: given.sortOrder ?? saved.sortOrder.map { [SortOrder(rawValue: $0)] }, queryParams: given.queryParams ?? stored, highlight: given.highlight,
            quickFilters: given.quickFilters, skipAggregates: given.skipAggregates).execution
        var named = Dictionary(saved.namedParams + saved.searchDocumentNamedValues(registry: executor.repository.registry),
                               uniquingKeysWith: { _, b in b })
        for (key, value) in SearchExecutionParameters.named(context.queryParameters) { named[key] = value }
        let definition: PageProviderDefinition
        if let provider = saved.providerName, !provider.isEmpty {
            definition = try executor.provider(provider)
        } else {
            guard (saved.queryLanguage ?? "NXQL").uppercased() == "NXQL" else { throw NXError.invalid("invalid query language") }
            definition = executor.adHoc(saved.query, maxResults: execution.maxResults)
        }
        return .ok(try await executor.run(definition, execution, named: named, context: context, render: documentRendering.options(context)))
    }
}

/// Saved search ↔ `savedSearch` entity, as Nuxeo's SavedSearchWriter: numbers written as strings; `params` holds the
/// named parameters, then every field of the search document's own schemas, unprefixed and typed (lists stay arrays);
/// `properties` (only with the `properties` header) holds the document's properties of the selected schemas (`*` all).
enum SavedSearchJSON {
    static func entity(_ s: SavedSearch, json: DocumentJSON, properties selector: [String]) -> SavedSearchEntity {
        func number(_ n: Int64?) -> JSONValue { n.map { .string(String($0)) } ?? .null }
        var params = JSONObject(s.namedParams.map { ($0.0, JSONValue.string($0.1)) })
        if let type = s.type {
            for schema in json.registry.ownSchemas(of: type) {
                for field in schema.fields {
                    params[field.name] = PropertyCoercion.outputValue(s.searchProperties["\(schema.prefix):\(field.name)"], field.type)
                }
            }
        }
        var entity = SavedSearchEntity(
            id: s.id, title: s.title, queryParams: s.queryParams, query: s.query, queryLanguage: s.queryLanguage, pageProviderName: s.providerName,
            pageSize: number(s.pageSize), currentPageIndex: number(s.currentPageIndex), maxResults: number(s.maxResults), sortBy: s.sortBy,
            sortOrder: s.sortOrder, contentViewData: s.contentViewData, params: params)
        if !selector.isEmpty, let document = s.document, let type = json.registry.type(of: document) {
            entity.properties = json.properties(document, type: type, selector: selector, baseURL: "")
        }
        return entity
    }

    /// Reads the request body: numbers as strings or numbers; params values as strings (other JSON serialised, as
    /// Nuxeo's SavedSearchRequestReader; the repository turns those naming search-document fields back into values).
    static func model(_ e: SavedSearchEntity) throws -> SavedSearch {
        func number(_ value: JSONValue?, _ name: String) throws -> Int64? {
            switch value {
            case nil, .null?: return nil
            case .int(let i)?: return i
            // JSON Schema counts 3.0 as an integer, so a client validating against the OpenAPI may send it.
            case .double(let d)? where d.rounded() == d && abs(d) < 9.0e15: return Int64(d)
            case .string(let s)?:
                if s.isEmpty { return nil }
                guard let i = Int64(s) else { throw NXError.invalid("\(name) must be a number") }
                return i
            default: throw NXError.invalid("\(name) must be a number")
            }
        }
        let params: [(String, String)] = e.params.compactMap { key, value in
            switch value {
            case .null: return nil
            case .string(let s): return (key, s)
            default:
                var writer = JSONWriter(capacity: 64)
                writer.value(value)
                return (key, String(decoding: writer.bytes, as: UTF8.self))
            }
        }
        return SavedSearch(
            id: e.id, title: e.title, queryParams: e.queryParams, query: e.query, queryLanguage: e.queryLanguage, providerName: e.pageProviderName,
            pageSize: try number(e.pageSize, "pageSize"), currentPageIndex: try number(e.currentPageIndex, "currentPageIndex"),
            maxResults: try number(e.maxResults, "maxResults"), sortBy: e.sortBy, sortOrder: e.sortOrder, contentViewData: e.contentViewData,
            namedParams: params)
    }
}

/// A page provider definition as GET /search/pp/{name} shows it (Nuxeo's descriptor bean keys).
enum PageProviderJSON {
    static func sortInfos(_ keys: [SortKey]) -> [SortInfo] { keys.map { SortInfo(sortColumn: $0.property, sortAscending: $0.ascending) } }

    static func entity(_ d: PageProviderDefinition) -> PageProviderEntity {
        var options = Set([5, 10, 20, 30, 40, 50])
        if d.pageSize > 0 { options.insert(d.pageSize) }
        func field(_ f: PredicateField) -> ProviderField { ProviderField(name: f.name, schema: f.schema, xpath: f.xpath) }
        let whereClause = d.whereClause.map { w in
            ProviderWhereClause(
                selectStatement: w.selectStatement,
                predicates: w.predicates.map { p in
                    ProviderPredicate(parameter: p.parameter, operator: p.operator,
                                      type: p.operator.uppercased() == "SUBCLAUSE" ? "subClause" : "atomic", values: p.fields.map(field))
                },
                fixedPart: w.fixedPart, quoteFixedPartParameters: w.quoteFixedPartParameters,
                escapeFixedPartParameters: w.escapeFixedPartParameters)
        }
        let aggregates = d.aggregates.map { a in
            ProviderAggregate(
                id: a.id, type: a.type, parameter: a.parameter, field: field(a.field),
                properties: JSONObject(a.properties.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }),
                ranges: a.ranges.map { ProviderRange(key: $0.key, from: $0.from, to: $0.to) })
        }
        let quickFilters = d.quickFilters.map { ProviderQuickFilter(name: $0.name, clause: $0.clause, sortInfos: sortInfos($0.sort)) }
        return PageProviderEntity(
            name: d.name, enabled: true, properties: JSONObject(d.properties.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }),
            queryParameters: [], pageSize: d.pageSize, pageSizeBinding: nil, maxPageSize: d.maxPageSize ?? 1000, pageSizeOptions: options.sorted(),
            sortable: d.sortable, sortInfos: sortInfos(d.sort), sortInfosBinding: nil, pattern: d.pattern, whereClause: whereClause,
            quickFilters: quickFilters, quotePatternParameters: d.quotePatternParameters, escapePatternParameters: d.escapePatternParameters,
            aggregates: aggregates, searchDocumentType: d.searchDocumentType, usageTrackingEnabled: false)
    }
}
