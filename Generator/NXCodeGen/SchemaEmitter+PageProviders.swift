import NXSpec

/// Page providers as `NXCore.PageProviderDefinition` values, one argument per line, every argument explicit
/// (so the spec's defaults, not NXCore's, decide), optional `PredicateField` parts left out.
extension SchemaEmitter {
    /// `pageProviders: [ … ]`, an argument of `SchemaRegistry(…)` (the last one unless directories follow).
    static func pageProviders(_ providers: [PageProviderDef], last: Bool = true) -> SwiftStmt {
        .block("pageProviders: [", providers.map(pageProvider), close: last ? "]" : "],")
    }

    static func pageProvider(_ p: PageProviderDef) -> SwiftStmt {
        var arguments: [SwiftStmt] = [
            .line("name: \(Naming.literal(p.name)),"),
            .line("pattern: \(optional(p.pattern)),"),
            .line("quotePatternParameters: \(p.quoteParameters),"),
            .line("escapePatternParameters: \(p.escapeParameters),"),
        ]
        if let clause = p.whereClause {
            arguments.append(.block("whereClause: WhereClauseDefinition(", [
                .line("selectStatement: \(Naming.literal(clause.selectStatement)),"),
                clause.predicates.isEmpty ? .line("predicates: [],") : .block("predicates: [", clause.predicates.map { predicate in
                    .line("PredicateDefinition(parameter: \(Naming.literal(predicate.parameter)), operator: \(Naming.literal(predicate.operator)), "
                          + "fields: [\(predicate.fields.map(field).joined(separator: ", "))]),")
                }, close: "],"),
                .line("fixedPart: \(optional(clause.fixedPart)),"),
                .line("quoteFixedPartParameters: \(clause.quoteParameters),"),
                .line("escapeFixedPartParameters: \(clause.escapeParameters)"),
            ], close: "),"))
        } else {
            arguments.append(.line("whereClause: nil,"))
        }
        arguments += [
            .line("searchDocumentType: \(optional(p.searchDocumentType)),"),
            .line("sort: \(sort(p.sort)),"),
            .line("pageSize: \(p.pageSize),"),
            .line("maxPageSize: \(p.maxPageSize.map(String.init) ?? "nil"),"),
            .line("sortable: \(p.sortable),"),
            .line("properties: \(dictionary(p.properties)),"),
        ]
        if p.aggregates.isEmpty {
            arguments.append(.line("aggregates: [],"))
        } else {
            arguments.append(.block("aggregates: [", p.aggregates.map(aggregate), close: "],"))
        }
        if p.quickFilters.isEmpty {
            arguments.append(.line("quickFilters: []"))
        } else {
            arguments.append(.block("quickFilters: [", p.quickFilters.map { q in
                .line("QuickFilterDefinition(name: \(Naming.literal(q.name)), clause: \(optional(q.clause)), sort: \(sort(q.sort))),")
            }, close: "]"))
        }
        return .block("PageProviderDefinition(", arguments, close: "),")
    }

    /// One `AggregateDefinition(…)` line, its ranges one per line when it has any.
    static func aggregate(_ a: AggregateDef) -> SwiftStmt {
        let head = "AggregateDefinition(id: \(Naming.literal(a.id)), type: \(Naming.literal(a.type)), parameter: \(Naming.literal(a.parameter)), "
            + "field: \(field(a.field)), properties: \(dictionary(a.properties)), ranges: ["
        if a.ranges.isEmpty { return .line(head + "]),") }
        return .block(head, a.ranges.map { r in
            .line("AggregateRange(key: \(Naming.literal(r.key)), from: \(optional(r.from)), to: \(optional(r.to))),")
        }, close: "]),")
    }

    /// `PredicateField(name: …, schema: …, xpath: …)` with absent parts left out.
    static func field(_ f: PredicateFieldDef) -> String {
        let parts = [("name", f.name), ("schema", f.schema), ("xpath", f.xpath)].compactMap { label, value in
            value.map { "\(label): \(Naming.literal($0))" }
        }
        return "PredicateField(\(parts.joined(separator: ", ")))"
    }

    static func sort(_ keys: [SortDef]) -> String {
        "[" + keys.map { "SortKey(property: \(Naming.literal($0.column)), ascending: \($0.ascending))" }.joined(separator: ", ") + "]"
    }

    /// A dictionary literal with keys sorted, `[:]` when empty.
    static func dictionary(_ map: [String: String]) -> String {
        if map.isEmpty { return "[:]" }
        return "[" + map.sorted { $0.key < $1.key }.map { "\(Naming.literal($0.key)): \(Naming.literal($0.value))" }.joined(separator: ", ") + "]"
    }

    static func optional(_ text: String?) -> String { text.map(Naming.literal) ?? "nil" }
}
