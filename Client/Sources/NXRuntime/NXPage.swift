/// The paging fields of a Nuxeo paginable list, as a page provider computed them: the one place they are named,
/// read and written (generated paginable entities and the core's pages use this type).
public struct NXPaging: Sendable, Hashable {
    public var resultsCount: Int
    public var pageSize: Int
    public var maxPageSize: Int
    public var resultsCountLimit: Int
    public var currentPageSize: Int
    public var currentPageIndex: Int
    public var currentPageOffset: Int
    public var numberOfPages: Int
    public var isPreviousPageAvailable: Bool
    public var isNextPageAvailable: Bool
    public var isLastPageAvailable: Bool
    public var isSortable: Bool

    public init(
        resultsCount: Int, pageSize: Int, maxPageSize: Int, resultsCountLimit: Int, currentPageSize: Int, currentPageIndex: Int,
        currentPageOffset: Int, numberOfPages: Int, isPreviousPageAvailable: Bool, isNextPageAvailable: Bool,
        isLastPageAvailable: Bool, isSortable: Bool
    ) {
        self.resultsCount = resultsCount
        self.pageSize = pageSize
        self.maxPageSize = maxPageSize
        self.resultsCountLimit = resultsCountLimit
        self.currentPageSize = currentPageSize
        self.currentPageIndex = currentPageIndex
        self.currentPageOffset = currentPageOffset
        self.numberOfPages = numberOfPages
        self.isPreviousPageAvailable = isPreviousPageAvailable
        self.isNextPageAvailable = isNextPageAvailable
        self.isLastPageAvailable = isLastPageAvailable
        self.isSortable = isSortable
    }

    /// JSON field names, in the order Nuxeo writes them.
    enum Key: String, CodingKey {
        case isPaginable, resultsCount, pageSize, maxPageSize, resultsCountLimit, currentPageSize, currentPageIndex
        case currentPageOffset, numberOfPages, isPreviousPageAvailable, isNextPageAvailable, isLastPageAvailable, isSortable
    }

    /// Reads the paging fields of a paginable entity's JSON object; nil when it carries none (no `resultsCount`).
    /// Missing fields read as 0 / false (a server may leave some out).
    public init?(pageFieldsOf decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard let resultsCount = try c.decodeIfPresent(Int.self, forKey: .resultsCount) else { return nil }
        func int(_ key: Key) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        func bool(_ key: Key) throws -> Bool { try c.decodeIfPresent(Bool.self, forKey: key) ?? false }
        self.init(
            resultsCount: resultsCount, pageSize: try int(.pageSize), maxPageSize: try int(.maxPageSize),
            resultsCountLimit: try int(.resultsCountLimit), currentPageSize: try int(.currentPageSize),
            currentPageIndex: try int(.currentPageIndex), currentPageOffset: try int(.currentPageOffset),
            numberOfPages: try int(.numberOfPages), isPreviousPageAvailable: try bool(.isPreviousPageAvailable),
            isNextPageAvailable: try bool(.isNextPageAvailable), isLastPageAvailable: try bool(.isLastPageAvailable),
            isSortable: try bool(.isSortable))
    }

    /// Writes the fields into the open object: `isPaginable`, the paging fields, `hasError`/`errorMessage`, and with
    /// `legacyTotals` the older `totalSize`, `pageIndex`, `pageCount` (document lists).
    public func writeFields(to writer: inout JSONWriter, legacyTotals: Bool) {
        writer.key(Key.isPaginable.rawValue)
        writer.bool(true)
        let ints: [(Key, Int)] = [
            (.resultsCount, resultsCount), (.pageSize, pageSize), (.maxPageSize, maxPageSize), (.resultsCountLimit, resultsCountLimit),
            (.currentPageSize, currentPageSize), (.currentPageIndex, currentPageIndex), (.currentPageOffset, currentPageOffset),
            (.numberOfPages, numberOfPages),
        ]
        for (key, value) in ints {
            writer.key(key.rawValue)
            writer.int(Int64(value))
        }
        let flags: [(Key, Bool)] = [
            (.isPreviousPageAvailable, isPreviousPageAvailable), (.isNextPageAvailable, isNextPageAvailable),
            (.isLastPageAvailable, isLastPageAvailable), (.isSortable, isSortable),
        ]
        for (key, value) in flags {
            writer.key(key.rawValue)
            writer.bool(value)
        }
        writer.key("hasError")
        writer.bool(false)
        writer.key("errorMessage")
        writer.null()
        if legacyTotals {
            for (key, value) in [("totalSize", resultsCount), ("pageIndex", currentPageIndex), ("pageCount", numberOfPages)] {
                writer.key(key)
                writer.int(Int64(value))
            }
        }
    }
}

/// A page of entries with its paging fields; `page.resultsCount` reads the paging field directly.
@dynamicMemberLookup
public struct NXPage<Entry: Sendable>: Sendable {
    public var paging: NXPaging
    public var entries: [Entry]

    public init(paging: NXPaging, entries: [Entry]) {
        self.paging = paging
        self.entries = entries
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<NXPaging, Value>) -> Value { paging[keyPath: keyPath] }

    /// The same page with every entry transformed.
    public func map<Other: Sendable>(_ transform: (Entry) throws -> Other) rethrows -> NXPage<Other> {
        NXPage<Other>(paging: paging, entries: try entries.map(transform))
    }
}

/// A paginable entity: a page of entries whose paging fields say whether a next page exists.
public protocol NXPaginable: Sendable {
    /// Entry type.
    associatedtype Entry: Sendable
    /// Entries of this page.
    var entries: [Entry] { get }
    /// The paging fields (nil when the JSON carried none).
    var paging: NXPaging? { get }
}
