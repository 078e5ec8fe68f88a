import NXRuntime

extension Repository {
    /// Runs a page provider: its query built from `parameters` and parsed once; the active quick filters and the aggregate
    /// selections ANDed to its `WHERE` as nodes of the tree (the provider's own condition stays one grouped node); then
    /// compiled, paged, counted and aggregated in SQL.
    ///
    /// Each aggregate counts over the query with every selection but its own; aggregates without a selection of their own
    /// share the results' compiled query, so only those with one are compiled again (from the tree, not re-parsed).
    /// - Parameters:
    ///   - quickFilters: names of the provider's quick filters to activate (unknown names are ignored).
    ///   - skipAggregates: compute no aggregate.
    /// - Throws: `NXError.invalid` (400) for a query, quick filter or selection that does not parse or compile.
    public func run(provider definition: PageProviderDefinition, parameters: PageProviderParameters, options: QueryOptions,
                    skipAggregates: Bool = false, quickFilters: [String] = []) async throws -> QueryResult {
        let base = try PageProviderQuery(definition: definition, registry: registry).parsed(parameters)
        let active = definition.quickFilters.filter { quickFilters.contains($0.name) }
        // The text is for error messages only: the query as the client would read it, filters appended.
        var text = base.text
        var filters: [NXQLExpression] = []
        for filter in active {
            guard let clause = filter.clause?.trimmingWhitespace, !clause.isEmpty else { continue }
            text += " AND (\(clause))"
            filters.append(try PageProviderQuery.parsing(text) { try NXQLParser.parseCondition(clause) })
        }
        var sort = options.request.sort
        if sort == nil {
            let quickSorts = active.flatMap(\.sort)
            sort = quickSorts.isEmpty ? (definition.sort.isEmpty ? nil : definition.sort) : quickSorts
        }
        let selections = try self.selections(definition, parameters)
        func query(excluding id: String?) -> NXQLQuery {
            base.query.constrained(by: filters + selections.filter { $0.id != id }.map(\.condition))
        }
        var options = options
        options.request.sort = sort
        let compiled = try compile(query(excluding: nil), text: text, sort: sort)
        var prepared: [PreparedAggregate] = []
        if !skipAggregates {
            var unordered = compiled
            unordered.orderBy = []
            for aggregate in definition.aggregates {
                guard let own = selections.first(where: { $0.id == aggregate.id }) else {
                    prepared.append(try prepare(aggregate, selection: [], query: unordered))
                    continue
                }
                prepared.append(try prepare(aggregate, selection: own.keys, query: try compile(query(excluding: aggregate.id), text: text, sort: [])))
            }
        }
        return try await execute(compiled, options: options, aggregates: prepared)
    }
}
