/// What distinguishes one paginable list entity from another: its `entity-type`, its entries and whether it also
/// writes the legacy totals. Generated code declares one kind per paginable entity of the spec.
public protocol NXPageKind: Sendable {
    /// The entries' type.
    associatedtype Entry: NXEntity & Hashable
    /// The list's `entity-type` (`documents`, `users`, …).
    static var entityType: String { get }
    /// Whether `totalSize`, `pageIndex` and `pageCount` are written too (document lists).
    static var legacyTotals: Bool { get }
}

/// A paginable list entity (`documents`, `users`, `logEntries`…): paging fields, the provider's aggregates and quick
/// filters when it has some, and the entries — one implementation for every list, as Nuxeo's paginable writers share one.
public struct NXPageEntity<Kind: NXPageKind>: NXEntity, Hashable, NXPaginable {
    public static var entityType: String { Kind.entityType }

    /// The paging fields (`isPaginable`, `resultsCount`, …); nil when the JSON carried none.
    public var paging: NXPaging?
    /// Aggregate results, when the provider has aggregates (left out of the JSON when nil).
    public var aggregations: JSONObject?
    /// Quick filters of the provider, when it declares some (left out of the JSON when nil).
    public var quickFilters: JSONValue?
    /// The entries of this page (empty when the JSON had none).
    public var entries: [Kind.Entry]

    /// Creates the list; every argument may be left out.
    public init(paging: NXPaging? = nil, aggregations: JSONObject? = nil, quickFilters: JSONValue? = nil, entries: [Kind.Entry] = []) {
        self.paging = paging
        self.aggregations = aggregations
        self.quickFilters = quickFilters
        self.entries = entries
    }

    /// A page of entries with its paging fields.
    public init(page: NXPage<Kind.Entry>) {
        self.init(paging: page.paging, entries: page.entries)
    }

    /// JSON field names besides the paging fields.
    public enum CodingKeys: String, CodingKey {
        case aggregations, quickFilters, entries
    }

    /// Decodes the list: paging fields and its own fields.
    public init(from decoder: any Decoder) throws {
        paging = try NXPaging(pageFieldsOf: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        aggregations = try container.decodeIfPresent(JSONObject.self, forKey: .aggregations)
        quickFilters = try container.decodeIfPresent(JSONValue.self, forKey: .quickFilters)
        entries = try container.decodeIfPresent([Kind.Entry].self, forKey: .entries) ?? []
    }

    /// Writes `entity-type`, the paging fields, aggregations and quick filters when present, then the entries.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entity-type")
        writer.string(Self.entityType)
        paging?.writeFields(to: &writer, legacyTotals: Kind.legacyTotals)
        if let aggregations {
            writer.key(CodingKeys.aggregations.rawValue)
            writer.value(.object(aggregations))
        }
        if let quickFilters {
            writer.key(CodingKeys.quickFilters.rawValue)
            writer.value(quickFilters)
        }
        writer.key(CodingKeys.entries.rawValue)
        writer.beginArray()
        for entry in entries { entry.writeJSON(to: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

extension NXPageKind {
    public static var legacyTotals: Bool { false }
}
