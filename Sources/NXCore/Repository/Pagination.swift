import NXRuntime

/// A page request as Nuxeo's page providers take it.
public struct PageRequest: Sendable {
    /// Requested page size (nil = the provider's default).
    public var pageSize: Int?
    /// Requested page index.
    public var currentPageIndex: Int?
    /// Requested offset (overrides the page index when ≥ 0).
    public var offset: Int?
    /// Count limit text: a number, `-1`, `PAGE_SIZE` or `DEFAULT_NAVIGATION_RESULTS`; nil = the provider's.
    public var maxResults: String?
    /// Sort keys (nil = the provider's default).
    public var sort: [SortKey]?

    public init(pageSize: Int? = nil, currentPageIndex: Int? = nil, offset: Int? = nil, maxResults: String? = nil, sort: [SortKey]? = nil) {
        self.pageSize = pageSize
        self.currentPageIndex = currentPageIndex
        self.offset = offset
        self.maxResults = maxResults
        self.sort = sort
    }
}

/// A computed page with every field of Nuxeo's paginable lists (`AbstractPageProvider` semantics).
public typealias Page<Entry: Sendable> = NXPage<Entry>

/// The arithmetic of Nuxeo page providers: limits, offsets, counts and availability flags.
public struct Pagination: Sendable {
    /// Effective page size (requested if ≥ 0, else the default).
    public let pageSize: Int
    /// Largest page size.
    public let maxPageSize: Int
    /// Offset of the first row.
    public let offset: Int
    /// Page index.
    public let pageIndex: Int
    /// Count limit (0 = count everything).
    public let maxResults: Int

    /// Resolves a request against provider defaults. Every value a client sends is accepted: an offset past
    /// `Int.max` saturates (the page is then simply empty), so no request can overflow the arithmetic.
    public init(_ request: PageRequest, defaultPageSize: Int, maxPageSize: Int = 1000, defaultMaxResults: String? = nil) {
        let size = request.pageSize.flatMap { $0 >= 0 ? $0 : nil } ?? defaultPageSize
        pageSize = size
        self.maxPageSize = maxPageSize
        if let offset = request.offset, offset >= 0 {
            self.offset = offset
            pageIndex = size > 0 ? offset / size : 0
        } else {
            let index = max(0, request.currentPageIndex ?? 0)
            pageIndex = index
            offset = Self.saturating(index.multipliedReportingOverflow(by: size))
        }
        switch request.maxResults ?? defaultMaxResults {
        case "PAGE_SIZE": maxResults = size
        case "DEFAULT_NAVIGATION_RESULTS": maxResults = 200
        case let text?: maxResults = max(0, Int(text) ?? 0)
        case nil: maxResults = 0
        }
    }

    /// `Int.max` when an operation on non-negative operands overflowed.
    static func saturating(_ result: (partialValue: Int, overflow: Bool)) -> Int {
        result.overflow ? Int.max : result.partialValue
    }

    /// Rows to fetch: maxPageSize when the page size is 0, else min(pageSize, maxPageSize).
    public var limit: Int { pageSize <= 0 ? maxPageSize : min(pageSize, maxPageSize) }

    /// Builds the page from its rows and the (possibly limited) count; `-2` when more than `maxResults` rows exist.
    public func page<Entry>(_ entries: [Entry], counted: Int) -> Page<Entry> {
        let resultsCount = maxResults > 0 && counted > maxResults ? -2 : counted
        let numberOfPages: Int
        if pageSize == 0 { numberOfPages = 1 } else if resultsCount < 0 { numberOfPages = 0 } else { numberOfPages = 1 + (resultsCount - 1) / limit }
        let next: Bool
        if pageSize == 0 {
            next = false
        } else if resultsCount < 0 {
            let higherNonEmpty = entries.count >= pageSize ? pageIndex : -1
            next = pageIndex <= higherNonEmpty
        } else {
            next = resultsCount > Self.saturating(pageSize.addingReportingOverflow(offset))
        }
        let paging = NXPaging(
            resultsCount: resultsCount, pageSize: pageSize, maxPageSize: maxPageSize, resultsCountLimit: maxResults,
            currentPageSize: entries.count, currentPageIndex: pageIndex, currentPageOffset: offset, numberOfPages: numberOfPages,
            isPreviousPageAvailable: offset > 0, isNextPageAvailable: next, isLastPageAvailable: resultsCount < 0 ? false : next, isSortable: true)
        return Page(paging: paging, entries: entries)
    }
}
