import NXRuntime

/// The result of a query: a page, optional highlights and aggregate buckets.
public struct QueryResult: Sendable {
    public var page: Page<DocumentRecord>
    /// Per document id: highlighted field (as requested, `dc:title.fulltext`) → fragments.
    public var highlights: [String: [String: [String]]]
    /// Aggregates in definition order.
    public var aggregations: [AggregateResult]
}

/// How a query is paged and counted.
public struct QueryOptions: Sendable {
    public var request: PageRequest
    public var defaultPageSize: Int
    public var maxPageSize: Int
    public var defaultMaxResults: String?
    public var highlight: Bool
    /// Fields to highlight (`dc:title.fulltext`, `dc:description.fulltext`); highlighting needs a fulltext query.
    public var highlightFields: [String]
    /// Who queries: results are restricted, in SQL, to the documents it may read.
    public var principal: Principal

    public init(request: PageRequest, defaultPageSize: Int = 0, maxPageSize: Int = 1000, defaultMaxResults: String? = nil, highlight: Bool = false,
                highlightFields: [String] = [], principal: Principal) {
        self.request = request
        self.principal = principal
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.defaultMaxResults = defaultMaxResults
        self.highlight = highlight || !highlightFields.isEmpty
        self.highlightFields = highlightFields
    }
}

extension Repository {
    /// Runs an NXQL query in the database: filtering, ordering, paging and counting are SQL.
    /// A bad query → 400 `Failed to execute query: <query>, <cause>`.
    public func query(_ nxql: String, options: QueryOptions) async throws -> QueryResult {
        let compiled = try compile(nxql, sort: options.request.sort)
        return try await execute(compiled, options: options, aggregates: [])
    }

    /// Parses and compiles, mapping failures to Nuxeo's query error.
    func compile(_ nxql: String, sort: [SortKey]?) throws -> CompiledQuery {
        let query = try PageProviderQuery.parsing(nxql) { try NXQLParser.parse(nxql) }
        return try compile(query, text: nxql, sort: sort)
    }

    /// Compiles a parsed query; a failure is Nuxeo's query error on `text` (the query as the client would read it).
    func compile(_ query: NXQLQuery, text: @autoclosure () -> String, sort: [SortKey]?) throws -> CompiledQuery {
        do {
            var compiler = NXQLCompiler(registry: registry, dialect: store.dialect)
            return try compiler.compile(query, sort: sort)
        } catch let error as NXQLError {
            throw NXError.invalid("Failed to execute query: \(text()), \(error)")
        }
    }

    func execute(_ compiled: CompiledQuery, options: QueryOptions, aggregates: [PreparedAggregate]) async throws -> QueryResult {
        let pagination = Pagination(options.request, defaultPageSize: options.defaultPageSize, maxPageSize: options.maxPageSize,
                                    defaultMaxResults: options.defaultMaxResults)
        let highlightFields = options.highlight ? options.highlightFields : []
        let principal = options.principal
        let principalSet = try await self.principalSet(principal)
        return try await store.read { tx in
            let readable = try self.readFilter(principal, set: principalSet, tx)
            let compiled = Self.restrict(compiled, to: readable)
            let aggregates = aggregates.map { $0.restricted(to: readable) }
            let rows = try tx.query(compiled, limit: pagination.limit, offset: pagination.offset)
            let count = try tx.count(compiled, upTo: pagination.maxResults)
            var highlights: [String: [String: [String]]] = [:]
            if !highlightFields.isEmpty, let fulltext = compiled.fulltext {
                highlights = try tx.highlights(rows, fulltext: fulltext, fields: highlightFields)
            }
            let aggregations = try aggregates.map { try $0.run(tx) }
            return QueryResult(page: pagination.page(rows, counted: count), highlights: highlights, aggregations: aggregations)
        }
    }
}
