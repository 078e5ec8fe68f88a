/// A server-side page provider of `Spec/pageproviders/`, mirroring Nuxeo's `coreQueryPageProvider`.
/// Exactly one of `pattern` and `whereClause` is set.
public struct PageProviderDef: Sendable {
    /// Unique name (`CURRENT_DOC_CHILDREN`, `default_search`, …).
    public var name: String
    /// NXQL with `?` and `:named` parameters, whitespace collapsed.
    public var pattern: String?
    /// Quote the values substituted into `pattern` (default true).
    public var quoteParameters: Bool
    /// Escape the quoted values substituted into `pattern` (default true).
    public var escapeParameters: Bool
    /// Predicates over named parameters.
    public var whereClause: WhereClauseDef?
    /// Document type whose schemas type the named parameters.
    public var searchDocumentType: String?
    /// Default sort, in order.
    public var sort: [SortDef]
    /// Default page size (0: unbounded up to `maxPageSize`).
    public var pageSize: Int
    /// Largest page size a request may ask for (nil: the server's default).
    public var maxPageSize: Int?
    /// Whether requests may sort (default true).
    public var sortable: Bool
    /// Provider properties (`maxResults: PAGE_SIZE`, …).
    public var properties: [String: String]
    /// Aggregates, in written order.
    public var aggregates: [AggregateDef]
    /// Quick filters, in written order.
    public var quickFilters: [QuickFilterDef]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// `whereClause`: predicates joined with AND, plus an optional fixed part.
public struct WhereClauseDef: Sendable {
    /// `SELECT … FROM …` prefix (default `SELECT * FROM Document`).
    public var selectStatement: String
    /// Predicates, in written order.
    public var predicates: [PredicateDef]
    /// NXQL ANDed in parentheses, whitespace collapsed.
    public var fixedPart: String?
    /// Quote the values substituted into `fixedPart` (default true).
    public var quoteParameters: Bool
    /// Escape the quoted values substituted into `fixedPart` (default true).
    public var escapeParameters: Bool
}

/// One predicate: `parameter operator value(s)`, skipped when its value is absent.
public struct PredicateDef: Sendable {
    /// The NXQL property compared (`dc:title`).
    public var parameter: String
    /// One of `PageProviderGrammar.operators`.
    public var `operator`: String
    /// Where values come from (two for `BETWEEN`, else one).
    public var fields: [PredicateFieldDef]
    /// Where it was written.
    public var location: SourceLocation
}

/// A value source: `{xpath}` or `{name}` with an optional `schema`.
public struct PredicateFieldDef: Sendable, Hashable {
    /// A named parameter or a property name within `schema`.
    public var name: String?
    /// The schema `name` belongs to.
    public var schema: String?
    /// A full property path (`np:isCheckedIn`).
    public var xpath: String?

    /// Creates a value source.
    public init(name: String? = nil, schema: String? = nil, xpath: String? = nil) {
        self.name = name
        self.schema = schema
        self.xpath = xpath
    }
}

/// A sort key.
public struct SortDef: Sendable, Hashable {
    /// The NXQL property sorted on.
    public var column: String
    /// Ascending (default true).
    public var ascending: Bool

    /// Creates a sort key.
    public init(column: String, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}

/// An aggregate over a property.
public struct AggregateDef: Sendable {
    /// Id, the key in the response's `aggregations`.
    public var id: String
    /// One of `PageProviderGrammar.aggregateTypes`.
    public var type: String
    /// The property aggregated (`dc:source`).
    public var parameter: String
    /// The request parameter holding the selected buckets.
    public var field: PredicateFieldDef
    /// Properties (`size`, `interval`, …).
    public var properties: [String: String]
    /// Named ranges of `range` and `date_range` aggregates.
    public var ranges: [AggregateRangeDef]
    /// Where it was written.
    public var location: SourceLocation
}

/// A named range: `from` inclusive, `to` exclusive; either may be absent.
public struct AggregateRangeDef: Sendable, Hashable {
    /// Bucket key.
    public var key: String
    /// Lower bound (a number, or date math such as `now-7d`).
    public var from: String?
    /// Upper bound.
    public var to: String?

    /// Creates a range.
    public init(key: String, from: String? = nil, to: String? = nil) {
        self.key = key
        self.from = from
        self.to = to
    }
}

/// A quick filter a request activates by name.
public struct QuickFilterDef: Sendable {
    /// Name.
    public var name: String
    /// NXQL ANDed to the query, whitespace collapsed.
    public var clause: String?
    /// Sort it imposes.
    public var sort: [SortDef]
}

/// The closed vocabularies of page providers.
public enum PageProviderGrammar {
    /// Predicate operators the core understands, spelled as Nuxeo spells them (`FULLTEXT ALL` and `ISEMPTY` are aliases).
    public static let operators = [
        "=", "!=", "<>", "<", ">", "<=", ">=", "LIKE", "ILIKE", "NOT LIKE", "NOT ILIKE", "IN", "NOT IN", "BETWEEN",
        "STARTSWITH", "FULLTEXT", "FULLTEXT ALL", "IS NULL", "EMPTY", "ISEMPTY", "SUBCLAUSE",
    ]
    /// Aggregate kinds.
    public static let aggregateTypes = ["terms", "range", "date_range", "histogram", "date_histogram"]
    /// Aggregate kinds that take `ranges`.
    public static let rangeAggregateTypes = ["range", "date_range"]
    /// The `selectStatement` of a where clause that names none.
    public static let defaultSelectStatement = "SELECT * FROM Document"

    /// NXQL text as Nuxeo keeps it: trimmed, runs of whitespace outside `'…'` / `"…"` literals collapsed to
    /// one space, and line breaks inside literals turned into spaces.
    public static func collapse(_ text: String) -> String {
        var out = ""
        var quote: Character?
        var pendingSpace = false
        var escaped = false
        for c in text {
            if let q = quote {
                out.append(c.isNewline ? " " : c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            if c.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(c)
            if c == "'" || c == "\"" { quote = c }
        }
        return out
    }
}
