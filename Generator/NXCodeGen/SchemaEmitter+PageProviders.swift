import NXSpec

/// Page providers as `NXCore.PageProviderDefinition` values, one argument per line: every flag and number explicit
/// (so the spec's defaults, not NXCore's, decide); absent parts (nil, empty lists and maps) left out.
extension SchemaEmitter {
    /// `NXSchemas+PageProviders.swift`: every provider in `NXSchemas.pageProviders`; a where clause several providers
    /// share (Nuxeo's document_content and section_content) is written once as a named value they all use.
    static func pageProvidersFile(_ model: SpecModel) -> GeneratedFile {
        var clauses: [String: (name: String, statement: SwiftStmt, users: Int)] = [:]
        var order: [String] = []
        for provider in model.pageProviders {
            guard let clause = provider.whereClause else { continue }
            let statement = whereClause(clause)
            let key = text(statement)
            if clauses[key] == nil {
                clauses[key] = (Naming.lowerCamel(provider.name) + "WhereClause", statement, 0)
                order.append(key)
            }
            clauses[key]?.users += 1
        }
        var members: [SwiftDecl] = []
        var shared: [String: String] = [:]
        for key in order {
            guard let entry = clauses[key], entry.users > 1 else { continue }
            shared[key] = entry.name
            members.append(.statements(docs: ["A where clause several providers share."], [
                prefixed(entry.statement, with: "static let \(entry.name) = ")
            ]))
        }
        members.append(.statements(docs: ["The page providers of `Spec/pageproviders/`, sorted by name."], [
            .block("static let pageProviders: [PageProviderDefinition] = [", model.pageProviders.map { provider in
                pageProvider(provider, sharedClause: provider.whereClause.flatMap { shared[text(whereClause($0))] })
            }, close: "]")
        ]))
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: members)
        return GeneratedFile(
            path: "NXSchemas/NXSchemas+PageProviders.swift",
            contents: SwiftRenderer.render(SwiftFile(sources: Array(Set(model.pageProviders.map(\.origin.file))), imports: ["NXCore"],
                                                     decls: [decl])))
    }

    /// The rendered text of a statement (a key for sharing).
    static func text(_ statement: SwiftStmt) -> String {
        var out = ""
        SwiftRenderer.render([statement], indent: 0, into: &out)
        return out
    }

    /// `statement` with `prefix` before its first line and no trailing comma.
    static func prefixed(_ statement: SwiftStmt, with prefix: String) -> SwiftStmt {
        switch statement {
        case .line(let text): return .line(prefix + (text.hasSuffix(",") ? String(text.dropLast()) : text))
        case .block(let header, let body, let close):
            return .block(prefix + header, body, close: close.hasSuffix(",") ? String(close.dropLast()) : close)
        }
    }

    /// `WhereClauseDefinition(…)` (with a trailing comma, as an element or argument).
    static func whereClause(_ clause: WhereClauseDef) -> SwiftStmt {
        .block("WhereClauseDefinition(", withoutTrailingComma([
            .line("selectStatement: \(Naming.literal(clause.selectStatement)),"),
            clause.predicates.isEmpty ? .line("predicates: [],") : .block("predicates: [", clause.predicates.map { predicate in
                .line("PredicateDefinition(parameter: \(Naming.literal(predicate.parameter)), operator: \(Naming.literal(predicate.operator)), "
                      + "fields: [\(predicate.fields.map(field).joined(separator: ", "))]),")
            }, close: "],"),
            .line(clause.fixedPart.map { "fixedPart: \(Naming.literal($0))," } ?? ""),
            .line("quoteFixedPartParameters: \(clause.quoteParameters),"),
            .line("escapeFixedPartParameters: \(clause.escapeParameters),"),
        ]), close: "),")
    }

    static func pageProvider(_ p: PageProviderDef, sharedClause: String?) -> SwiftStmt {
        var arguments: [SwiftStmt] = [.line("name: \(Naming.literal(p.name)),")]
        if let pattern = p.pattern { arguments.append(.line("pattern: \(Naming.literal(pattern)),")) }
        arguments += [
            .line("quotePatternParameters: \(p.quoteParameters),"),
            .line("escapePatternParameters: \(p.escapeParameters),"),
        ]
        if let sharedClause {
            arguments.append(.line("whereClause: \(sharedClause),"))
        } else if let clause = p.whereClause {
            arguments.append(prefixed(whereClause(clause), with: "whereClause: ").withComma)
        }
        if let type = p.searchDocumentType { arguments.append(.line("searchDocumentType: \(Naming.literal(type)),")) }
        if !p.sort.isEmpty { arguments.append(.line("sort: \(sort(p.sort)),")) }
        arguments.append(.line("pageSize: \(p.pageSize),"))
        if let max = p.maxPageSize { arguments.append(.line("maxPageSize: \(max),")) }
        arguments.append(.line("sortable: \(p.sortable),"))
        if !p.properties.isEmpty { arguments.append(.line("properties: \(dictionary(p.properties)),")) }
        if !p.aggregates.isEmpty { arguments.append(.block("aggregates: [", p.aggregates.map(aggregate), close: "],")) }
        if !p.quickFilters.isEmpty {
            arguments.append(.block("quickFilters: [", p.quickFilters.map { q in
                .line("QuickFilterDefinition(name: \(Naming.literal(q.name)), clause: \(optional(q.clause)), sort: \(sort(q.sort))),")
            }, close: "],"))
        }
        return .block("PageProviderDefinition(", withoutTrailingComma(arguments), close: "),")
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

    /// The arguments with the comma after the last one removed (and blank placeholders dropped).
    static func withoutTrailingComma(_ arguments: [SwiftStmt]) -> [SwiftStmt] {
        var result = arguments.filter { if case .line(let text) = $0 { return !text.isEmpty } else { return true } }
        guard let last = result.popLast() else { return result }
        switch last {
        case .line(let text) where text.hasSuffix(","): result.append(.line(String(text.dropLast())))
        case .block(let header, let body, let close) where close.hasSuffix(","): result.append(.block(header, body, close: String(close.dropLast())))
        default: result.append(last)
        }
        return result
    }
}

extension SwiftStmt {
    /// The statement followed by a comma (after its last line).
    var withComma: SwiftStmt {
        switch self {
        case .line(let text): return .line(text + ",")
        case .block(let header, let body, let close): return .block(header, body, close: close + ",")
        }
    }
}
