import NXCore
import Testing

/// Nuxeo's page provider arithmetic (server-behaviour §3).
@Suite struct PaginationTests {
    @Test func countLimitedToThePageSizeGivesMinusTwo() {
        let p = Pagination(PageRequest(pageSize: 2), defaultPageSize: 50, defaultMaxResults: "PAGE_SIZE")
        let page = p.page([1, 2], counted: 3)
        #expect(page.resultsCount == -2 && page.resultsCountLimit == 2 && page.numberOfPages == 0)
        #expect(page.isNextPageAvailable && !page.isLastPageAvailable && !page.isPreviousPageAvailable)
    }

    @Test func exactCountWhenUnderTheLimit() {
        let p = Pagination(PageRequest(pageSize: 2), defaultPageSize: 50, defaultMaxResults: "PAGE_SIZE")
        let page = p.page([1, 2], counted: 2)
        #expect(page.resultsCount == 2 && page.numberOfPages == 1 && !page.isNextPageAvailable)
    }

    @Test func offsetOverridesThePageIndex() {
        let p = Pagination(PageRequest(pageSize: 10, currentPageIndex: 5, offset: 25), defaultPageSize: 50)
        #expect(p.offset == 25 && p.pageIndex == 2 && p.limit == 10)
    }

    @Test func pageSizeZeroMeansMaxPageSizeRowsAndOnePage() {
        let p = Pagination(PageRequest(pageSize: 0), defaultPageSize: 50)
        #expect(p.limit == 1000)
        let page = p.page(Array(0..<7), counted: 7)
        #expect(page.numberOfPages == 1 && !page.isNextPageAvailable && page.pageSize == 0)
    }

    @Test func largePageSizesAreCappedByMaxPageSize() {
        let p = Pagination(PageRequest(pageSize: 5000), defaultPageSize: 50)
        #expect(p.limit == 1000)
        #expect(p.page([Int](), counted: 2500).numberOfPages == 3)
    }

    @Test func negativePageSizeFallsBackToTheDefault() {
        #expect(Pagination(PageRequest(pageSize: -3), defaultPageSize: 50).pageSize == 50)
    }

    @Test(arguments: [(nil as String?, 0), ("-1", 0), ("7", 7), ("PAGE_SIZE", 20), ("DEFAULT_NAVIGATION_RESULTS", 200)])
    func maxResultsValues(_ text: String?, _ expected: Int) {
        #expect(Pagination(PageRequest(pageSize: 20, maxResults: text), defaultPageSize: 50).maxResults == expected)
    }

    @Test func nextPageWithExactCount() {
        let p = Pagination(PageRequest(pageSize: 10, currentPageIndex: 1), defaultPageSize: 50)
        let page = p.page(Array(0..<10), counted: 25)
        #expect(page.isNextPageAvailable && page.isLastPageAvailable && page.isPreviousPageAvailable && page.numberOfPages == 3)
    }

    @Test func hugePageIndexSaturatesInsteadOfOverflowing() {
        let p = Pagination(PageRequest(pageSize: 2, currentPageIndex: Int.max), defaultPageSize: 50)
        #expect(p.offset == Int.max && p.pageIndex == Int.max)
        let page = p.page([Int](), counted: 3)
        #expect(page.resultsCount == 3 && !page.isNextPageAvailable && page.isPreviousPageAvailable)
    }

    @Test func hugePageSizeAndIndexTogether() {
        let p = Pagination(PageRequest(pageSize: 999_999_999_999, currentPageIndex: 999_999_999_999), defaultPageSize: 50)
        #expect(p.limit == 1000 && p.offset == Int.max)
        #expect(p.page([Int](), counted: 0).numberOfPages == 1, "as Nuxeo: 1 + (0 - 1) / pageSize")
    }

    @Test func hugeOffsetWithUnknownCountDoesNotOverflow() {
        let p = Pagination(PageRequest(pageSize: 2, currentPageIndex: Int.max, maxResults: "1"), defaultPageSize: 50)
        let page = p.page([1, 2], counted: 5)
        #expect(page.resultsCount == -2 && page.isNextPageAvailable)
        let max = Pagination(PageRequest(pageSize: 2, maxResults: String(Int.max)), defaultPageSize: 50)
        #expect(max.maxResults == Int.max)
    }
}
