/// `Spec/pageproviders/*.yaml`:
///
/// ```yaml
/// pageProviders:
///   NAME:
///     pattern: "SELECT * FROM Document WHERE ecm:parentId = ?"   # exactly one of pattern / whereClause
///     quoteParameters: true          # pattern only (default true)
///     escapeParameters: true         # pattern only (default true)
///     whereClause:
///       selectStatement: SELECT * FROM Document                  # default
///       predicates:
///         - { parameter: dc:title, operator: "=", fields: [{ name: title }] }   # {name} | {schema, name} | {xpath}
///       fixedPart: ecm:isVersion = 0
///       quoteParameters: true
///       escapeParameters: true
///     searchDocumentType: NamedParamDoc
///     sort: [{ column: dc:title, ascending: true }]               # ascending defaults to true
///     pageSize: 50                   # default 0
///     maxPageSize: 100
///     sortable: true                 # default true
///     properties: { maxResults: PAGE_SIZE }
///     aggregates:
///       - { id: source, type: terms, parameter: dc:source, field: { name: source_agg }, properties: { size: 5 } }
///       - { id: modified, type: date_range, parameter: dc:modified, field: { name: modified_agg },
///           ranges: [{ key: lastWeek, from: now-7d, to: now-24H }] }
///     quickFilters:
///       - { name: onlyMine, clause: "dc:creator = 'me'", sort: [{ column: dc:title }] }
/// ```
extension SpecParser {
    static let pageProviderKeys = [
        "pattern", "quoteParameters", "escapeParameters", "whereClause", "searchDocumentType", "sort", "pageSize", "maxPageSize",
        "sortable", "properties", "aggregates", "quickFilters",
    ]

    static func parsePageProviders(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "pageProviders", &d) {
            guard let name = key.string("a page provider name", &d),
                  let f = value.fields("page provider '\(name)'", allowed: pageProviderKeys, d: &d)
            else { continue }
            checkName(name, "page provider name", at: key.location, &d)
            let what = "page provider '\(name)'"
            switch (f.keyLocations["pattern"], f.keyLocations["whereClause"]) {
            case (nil, nil):
                d.error(.conflictingKeys, "\(what) needs exactly one of 'pattern' or 'whereClause', found neither", at: key.location)
            case (.some, .some(let location)):
                d.error(.conflictingKeys, "\(what) needs exactly one of 'pattern' or 'whereClause', found both", at: location)
            default:
                break
            }
            if f["pattern"] == nil {
                for flag in ["quoteParameters", "escapeParameters"] {
                    if let location = f.keyLocations[flag] {
                        d.error(.conflictingKeys, "'\(flag)' of \(what) applies to 'pattern' only (use whereClause.\(flag))", at: location)
                    }
                }
            }
            var searchDocumentType: String?
            if let t = f["searchDocumentType"], let type = t.string("searchDocumentType", &d) {
                searchDocumentType = type
                raw.docTypeRefs.append((type, t.location))
            }
            raw.pageProviders.append(PageProviderDef(
                name: name,
                pattern: f["pattern"]?.string("pattern", &d).map(PageProviderGrammar.collapse),
                quoteParameters: f["quoteParameters"]?.bool("quoteParameters", &d) ?? true,
                escapeParameters: f["escapeParameters"]?.bool("escapeParameters", &d) ?? true,
                whereClause: f["whereClause"].flatMap { parseWhereClause($0, owner: what, into: &raw, &d) },
                searchDocumentType: searchDocumentType,
                sort: f["sort"].map { parseSort($0, owner: what, &d) } ?? [],
                pageSize: f["pageSize"].flatMap { count($0, "pageSize", minimum: 0, &d) } ?? 0,
                maxPageSize: f["maxPageSize"].flatMap { count($0, "maxPageSize", minimum: 1, &d) },
                sortable: f["sortable"]?.bool("sortable", &d) ?? true,
                properties: f["properties"].map { stringMap($0, "properties of \(what)", &d) } ?? [:],
                aggregates: f["aggregates"].map { parseAggregates($0, owner: what, into: &raw, &d) } ?? [],
                quickFilters: f["quickFilters"].map { parseQuickFilters($0, owner: what, &d) } ?? [],
                origin: origin(node.file, name, key.location)))
        }
    }

    static func parseWhereClause(_ node: SpecNode, owner: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> WhereClauseDef? {
        let allowed = ["selectStatement", "predicates", "fixedPart", "quoteParameters", "escapeParameters"]
        guard let f = node.fields("whereClause of \(owner)", allowed: allowed, d: &d) else { return nil }
        var predicates: [PredicateDef] = []
        for item in sequenceItems(f["predicates"], "predicates of \(owner)", &d) {
            guard let p = item.fields("a predicate of \(owner)", allowed: ["parameter", "operator", "fields"],
                                      required: ["parameter", "operator", "fields"], d: &d),
                  let parameter = p["parameter"]?.string("parameter", &d), let operatorNode = p["operator"],
                  let op = operatorNode.string("operator", &d)
            else { continue }
            if !PageProviderGrammar.operators.contains(op) {
                d.unknown(.invalidValue, kind: "predicate operator", name: op, candidates: PageProviderGrammar.operators,
                          at: operatorNode.location)
            }
            let what = "predicate '\(parameter)'"
            let fields = sequenceItems(p["fields"], "fields of \(what)", &d).compactMap { parseField($0, owner: what, into: &raw, &d) }
            let arity = op == "BETWEEN" ? 2 : 1
            if let fieldsNode = p["fields"], (fieldsNode.items?.count ?? arity) != arity {
                let expected = arity == 1 ? "1 field" : "\(arity) fields"
                d.error(.invalidValue, "\(what) with operator \(op) takes \(expected), found \(fieldsNode.items?.count ?? 0)",
                        at: fieldsNode.location)
            }
            predicates.append(PredicateDef(parameter: parameter, operator: op, fields: fields, location: item.location))
        }
        let select = f["selectStatement"]?.string("selectStatement", &d).map(PageProviderGrammar.collapse)
        return WhereClauseDef(
            selectStatement: select ?? PageProviderGrammar.defaultSelectStatement,
            predicates: predicates,
            fixedPart: f["fixedPart"]?.string("fixedPart", &d).map(PageProviderGrammar.collapse),
            quoteParameters: f["quoteParameters"]?.bool("quoteParameters", &d) ?? true,
            escapeParameters: f["escapeParameters"]?.bool("escapeParameters", &d) ?? true)
    }

    /// `{name}`, `{schema, name}` or `{xpath}`.
    static func parseField(_ node: SpecNode, owner: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> PredicateFieldDef? {
        guard let f = node.fields("a field of \(owner)", allowed: ["name", "schema", "xpath"], d: &d) else { return nil }
        let field = PredicateFieldDef(name: f["name"]?.string("name", &d), schema: f["schema"]?.string("schema", &d),
                                      xpath: f["xpath"]?.string("xpath", &d))
        if let schemaNode = f["schema"], let schema = field.schema { raw.schemaRefs.append((schema, schemaNode.location)) }
        if f["xpath"] != nil, f["name"] != nil || f["schema"] != nil {
            d.error(.conflictingKeys, "a field of \(owner) takes either 'xpath' or 'name' (with an optional 'schema'), not both",
                    at: f.keyLocations["xpath"] ?? f.location)
        } else if f["xpath"] == nil, f["name"] == nil {
            d.error(.conflictingKeys, "a field of \(owner) needs 'name' or 'xpath'", at: f.location)
        }
        return field
    }

    static func parseSort(_ node: SpecNode, owner: String, _ d: inout Diagnostics) -> [SortDef] {
        sequenceItems(node, "sort of \(owner)", &d).compactMap { item in
            guard let f = item.fields("a sort key of \(owner)", allowed: ["column", "ascending"], required: ["column"], d: &d),
                  let column = f["column"]?.string("column", &d)
            else { return nil }
            return SortDef(column: column, ascending: f["ascending"]?.bool("ascending", &d) ?? true)
        }
    }

    static func parseAggregates(_ node: SpecNode, owner: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> [AggregateDef] {
        var result: [AggregateDef] = []
        for item in sequenceItems(node, "aggregates of \(owner)", &d) {
            guard let f = item.fields("an aggregate of \(owner)", allowed: ["id", "type", "parameter", "field", "properties", "ranges"],
                                      required: ["id", "type", "parameter", "field"], d: &d),
                  let id = f["id"]?.string("id", &d), let typeNode = f["type"], let type = typeNode.string("type", &d),
                  let parameter = f["parameter"]?.string("parameter", &d), let fieldNode = f["field"],
                  let field = parseField(fieldNode, owner: "aggregate '\(id)'", into: &raw, &d)
            else { continue }
            let what = "aggregate '\(id)'"
            if !PageProviderGrammar.aggregateTypes.contains(type) {
                d.unknown(.invalidValue, kind: "aggregate type", name: type, candidates: PageProviderGrammar.aggregateTypes, at: typeNode.location)
            }
            let takesRanges = PageProviderGrammar.rangeAggregateTypes.contains(type)
            if let location = f.keyLocations["ranges"], !takesRanges {
                d.error(.invalidValue, "\(what) of type \(type) takes no 'ranges' (only range and date_range do)", at: location)
            }
            if f["ranges"] == nil, takesRanges {
                d.error(.missingKey, "\(what) of type \(type) is missing required key 'ranges'", at: f.location)
            }
            let ranges = f["ranges"].map { parseRanges($0, owner: what, &d) } ?? []
            result.append(AggregateDef(
                id: id, type: type, parameter: parameter, field: field,
                properties: f["properties"].map { stringMap($0, "properties of \(what)", &d) } ?? [:], ranges: ranges,
                location: f.keyLocations["id"] ?? item.location))
        }
        checkUnique(result.map { ($0.id, $0.location) }, "aggregate id", in: owner, &d)
        return result
    }

    static func parseRanges(_ node: SpecNode, owner: String, _ d: inout Diagnostics) -> [AggregateRangeDef] {
        var result: [(AggregateRangeDef, SourceLocation)] = []
        for item in sequenceItems(node, "ranges of \(owner)", &d) {
            guard let f = item.fields("a range of \(owner)", allowed: ["key", "from", "to"], required: ["key"], d: &d),
                  let key = f["key"]?.string("key", &d)
            else { continue }
            result.append((AggregateRangeDef(key: key, from: f["from"]?.string("from", &d), to: f["to"]?.string("to", &d)),
                           f.keyLocations["key"] ?? item.location))
        }
        checkUnique(result.map { ($0.0.key, $0.1) }, "range key", in: owner, &d)
        return result.map(\.0)
    }

    static func parseQuickFilters(_ node: SpecNode, owner: String, _ d: inout Diagnostics) -> [QuickFilterDef] {
        var result: [(QuickFilterDef, SourceLocation)] = []
        for item in sequenceItems(node, "quickFilters of \(owner)", &d) {
            guard let f = item.fields("a quick filter of \(owner)", allowed: ["name", "clause", "sort"], required: ["name"], d: &d)
            else { continue }
            let name = f["name"]?.string("name", &d)
            let clause = f["clause"]?.string("clause", &d).map(PageProviderGrammar.collapse)
            let sort = f["sort"].map { parseSort($0, owner: "\(name.map { "quick filter '\($0)'" } ?? "a quick filter") of \(owner)", &d) } ?? []
            guard let name else { continue }
            let filter = QuickFilterDef(name: name, clause: clause, sort: sort)
            result.append((filter, f.keyLocations["name"] ?? item.location))
        }
        checkUnique(result.map { ($0.0.name, $0.1) }, "quick filter", in: owner, &d)
        return result.map(\.0)
    }

    /// Reports names used twice within one definition (`owner`), at every repetition.
    static func checkUnique(_ items: [(String, SourceLocation)], _ kind: String, in owner: String, _ d: inout Diagnostics) {
        var first: [String: SourceLocation] = [:]
        for (name, location) in items {
            if let previous = first[name] {
                d.error(.duplicate, "duplicate \(kind) '\(name)' in \(owner) (first defined at \(previous))", at: location)
            } else {
                first[name] = location
            }
        }
    }

    /// The items of a sequence; a diagnostic (and none) for anything else.
    static func sequenceItems(_ node: SpecNode?, _ what: String, _ d: inout Diagnostics) -> [SpecNode] {
        guard let node else { return [] }
        guard let items = node.items else {
            d.error(.wrongNodeKind, "\(what) must be a sequence, found \(node.kindName)", at: node.location)
            return []
        }
        return items
    }

    /// A mapping of scalar keys to scalar values, as strings.
    static func stringMap(_ node: SpecNode, _ what: String, _ d: inout Diagnostics) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in mappingPairs(node, what, &d) {
            guard let name = key.string("a key of \(what)", &d), let text = value.string("'\(name)' of \(what)", &d) else { continue }
            if result[name] != nil {
                d.error(.duplicate, "duplicate key '\(name)' in \(what)", at: key.location)
                continue
            }
            result[name] = text
        }
        return result
    }

    /// An integer of at least `minimum`.
    static func count(_ node: SpecNode, _ what: String, minimum: Int, _ d: inout Diagnostics) -> Int? {
        guard let value = node.int(what, &d) else { return nil }
        guard value >= minimum else {
            d.error(.invalidValue, "\(what) must be at least \(minimum), found \(value)", at: node.location)
            return nil
        }
        return value
    }
}
