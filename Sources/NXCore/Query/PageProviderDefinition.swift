/// A server-side page provider (Nuxeo's `coreQueryPageProvider`), as declared in `Spec/pageproviders/`.
public struct PageProviderDefinition: Sendable, Hashable {
    /// Unique name (`CURRENT_DOC_CHILDREN`, `default_search`, …).
    public var name: String
    /// NXQL pattern with `?` and `:named` parameters (exclusive with `whereClause`).
    public var pattern: String?
    /// Quote `?`/`:named` values of the pattern (default true).
    public var quotePatternParameters: Bool
    /// Escape quoted values of the pattern (default true).
    public var escapePatternParameters: Bool
    /// Predicates built from named parameters (exclusive with `pattern`).
    public var whereClause: WhereClauseDefinition?
    /// Document type whose schemas type the named parameters (e.g. `NamedParamDoc`).
    public var searchDocumentType: String?
    /// Default sort.
    public var sort: [SortKey]
    /// Default page size (0 = unbounded up to maxPageSize).
    public var pageSize: Int
    /// Largest page size (nil = 1000).
    public var maxPageSize: Int?
    /// Whether the provider can be sorted (default true).
    public var sortable: Bool
    /// Properties (e.g. `maxResults`: a number, `PAGE_SIZE`, `DEFAULT_NAVIGATION_RESULTS`).
    public var properties: [String: String]
    /// Aggregates computed over the whole result set.
    public var aggregates: [AggregateDefinition]
    /// Optional clauses a request activates by name.
    public var quickFilters: [QuickFilterDefinition]

    public init(name: String, pattern: String? = nil, quotePatternParameters: Bool = true, escapePatternParameters: Bool = true,
                whereClause: WhereClauseDefinition? = nil, searchDocumentType: String? = nil, sort: [SortKey] = [], pageSize: Int = 0,
                maxPageSize: Int? = nil, sortable: Bool = true, properties: [String: String] = [:], aggregates: [AggregateDefinition] = [],
                quickFilters: [QuickFilterDefinition] = []) {
        self.name = name
        self.pattern = pattern
        self.quotePatternParameters = quotePatternParameters
        self.escapePatternParameters = escapePatternParameters
        self.whereClause = whereClause
        self.searchDocumentType = searchDocumentType
        self.sort = sort
        self.pageSize = pageSize
        self.maxPageSize = maxPageSize
        self.sortable = sortable
        self.properties = properties
        self.aggregates = aggregates
        self.quickFilters = quickFilters
    }
}

/// `<whereClause>`: predicates over named parameters plus an optional fixed part.
public struct WhereClauseDefinition: Sendable, Hashable {
    /// `SELECT … FROM …` prefix (default `SELECT * FROM Document`).
    public var selectStatement: String
    /// Predicates, skipped when their value is absent or empty.
    public var predicates: [PredicateDefinition]
    /// NXQL appended in parentheses (may hold `?` parameters).
    public var fixedPart: String?
    public var quoteFixedPartParameters: Bool
    public var escapeFixedPartParameters: Bool

    public init(selectStatement: String = "SELECT * FROM Document", predicates: [PredicateDefinition], fixedPart: String? = nil,
                quoteFixedPartParameters: Bool = true, escapeFixedPartParameters: Bool = true) {
        self.selectStatement = selectStatement
        self.predicates = predicates
        self.fixedPart = fixedPart
        self.quoteFixedPartParameters = quoteFixedPartParameters
        self.escapeFixedPartParameters = escapeFixedPartParameters
    }
}

/// `<predicate parameter="dc:title" operator="="><field …/></predicate>`.
public struct PredicateDefinition: Sendable, Hashable {
    /// The NXQL property compared (`dc:title`, `ecm:fulltext`, …).
    public var parameter: String
    /// `=`, `!=`, `<>`, `<`, `>`, `<=`, `>=`, `LIKE`, `ILIKE`, `NOT LIKE`, `NOT ILIKE`, `IN`, `NOT IN`, `BETWEEN`,
    /// `STARTSWITH`, `FULLTEXT`, `IS NULL`, `EMPTY`, `SUBCLAUSE`.
    public var `operator`: String
    /// Where values come from (two for BETWEEN).
    public var fields: [PredicateField]

    public init(parameter: String, operator: String, fields: [PredicateField]) {
        self.parameter = parameter
        self.operator = `operator`
        self.fields = fields
    }
}

/// A value source: a search-document property (`np:title`, by `xpath` or `schema`+`name`) or a plain named parameter (`name`).
public struct PredicateField: Sendable, Hashable {
    public var name: String?
    public var schema: String?
    public var xpath: String?

    public init(name: String? = nil, schema: String? = nil, xpath: String? = nil) {
        self.name = name
        self.schema = schema
        self.xpath = xpath
    }

    /// The request parameter / search-document key: `xpath`, else `schema:name` when the schema has a prefix…, else `name`.
    public var key: String { xpath ?? name ?? "" }
}

/// An aggregate (`terms`, `range`, `date_range`, `histogram`, `date_histogram`) over a property.
public struct AggregateDefinition: Sendable, Hashable {
    /// Id (key in `aggregations`).
    public var id: String
    /// Kind.
    public var type: String
    /// The property aggregated (`dc:source`).
    public var parameter: String
    /// The request parameter holding the selection (`source_agg`, JSON array of bucket keys).
    public var field: PredicateField
    /// Properties (`size`, `interval`, `format`, `minDocCount`, …), as strings.
    public var properties: [String: String]
    /// Ranges of `range` (numbers) and `date_range` (date math like `now-1M`) aggregates.
    public var ranges: [AggregateRange]

    public init(id: String, type: String, parameter: String, field: PredicateField, properties: [String: String] = [:], ranges: [AggregateRange] = []) {
        self.id = id
        self.type = type
        self.parameter = parameter
        self.field = field
        self.properties = properties
        self.ranges = ranges
    }
}

/// A named range bucket: `from` inclusive, `to` exclusive; either may be open.
public struct AggregateRange: Sendable, Hashable {
    public var key: String
    public var from: String?
    public var to: String?

    public init(key: String, from: String? = nil, to: String? = nil) {
        self.key = key
        self.from = from
        self.to = to
    }
}

/// A quick filter: a clause ANDed to the query when activated, and optional sorts.
public struct QuickFilterDefinition: Sendable, Hashable {
    public var name: String
    public var clause: String?
    public var sort: [SortKey]

    public init(name: String, clause: String? = nil, sort: [SortKey] = []) {
        self.name = name
        self.clause = clause
        self.sort = sort
    }
}
