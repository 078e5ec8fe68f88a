import Foundation
import NXSpec
import Testing

/// Page providers: the grammar's defaults, NXQL whitespace collapsing, and the project's own providers.
@Suite struct PageProviderSpecTests {
    static let api = SpecFile(path: "Spec/api.yaml", text: "api: { title: T, basePaths: [/nuxeo/api/v1] }\n")

    static func compile(_ yaml: String) throws -> SpecModel {
        try SpecCompiler.compile([api, SpecFile(path: "Spec/pageproviders/pp.yaml", text: yaml)]).get()
    }

    static func project() throws -> SpecModel {
        try SpecCompiler.compile(directory: RealSpecTests.specDirectory, displayPrefix: "Spec").get()
    }

    @Test func defaults() throws {
        let model = try Self.compile("""
            pageProviders:
              b: { pattern: SELECT * FROM Document }
              a: { whereClause: { predicates: [] }, sort: [{ column: dc:title }] }
            """)
        #expect(model.pageProviders.map(\.name) == ["a", "b"], "sorted by name")
        let a = try #require(model.pageProvider("a")), b = try #require(model.pageProvider("b"))
        #expect(b.quoteParameters && b.escapeParameters && b.sortable)
        #expect(b.pageSize == 0 && b.maxPageSize == nil && b.properties.isEmpty && b.whereClause == nil)
        let clause = try #require(a.whereClause)
        #expect(clause.selectStatement == "SELECT * FROM Document" && clause.fixedPart == nil)
        #expect(clause.quoteParameters && clause.escapeParameters)
        #expect(a.pattern == nil && a.sort == [SortDef(column: "dc:title", ascending: true)])
    }

    @Test func collapsesWhitespaceOutsideLiterals() {
        #expect(PageProviderGrammar.collapse("  SELECT *\n  FROM Document\tWHERE  a = 1 \n") == "SELECT * FROM Document WHERE a = 1")
        #expect(PageProviderGrammar.collapse("dc:title = 'a  b'  AND x = \"c\n d\"") == "dc:title = 'a  b' AND x = \"c  d\"")
        #expect(PageProviderGrammar.collapse("t = 'it\\'s  ok'   AND y = 1") == "t = 'it\\'s  ok' AND y = 1")
    }

    @Test func currentDocChildren() throws {
        let provider = try #require(try Self.project().pageProvider("CURRENT_DOC_CHILDREN"))
        #expect(provider.pattern == "SELECT * FROM Document WHERE ecm:parentId = ? AND ecm:mixinType != 'HiddenInNavigation' "
            + "AND ecm:isVersion = 0 AND ecm:isTrashed = 0")
        #expect(provider.sort == [SortDef(column: "dc:title", ascending: true)])
        #expect(provider.pageSize == 50 && provider.properties == ["maxResults": "PAGE_SIZE"])
    }

    @Test func defaultSearch() throws {
        let provider = try #require(try Self.project().pageProvider("default_search"))
        let clause = try #require(provider.whereClause)
        #expect(clause.predicates.map(\.operator) == ["FULLTEXT", "IN", "IN", "IN", "IN", "STARTSWITH", "BETWEEN", "BETWEEN"])
        #expect(clause.predicates.last?.fields.compactMap(\.name) == ["dc_modified_min", "dc_modified_max"])
        #expect(clause.fixedPart == "ecm:mixinType != 'HiddenInNavigation' AND ecm:isVersion = 0 AND ecm:isTrashed = 0")
        #expect(provider.aggregates.map(\.id)
            == ["dc_source_agg", "dc_coverage_agg", "dc_nature_agg", "dc_creator_agg", "dc_subjects_agg", "dc_modified_agg"])
        let modified = try #require(provider.aggregates.last)
        #expect(modified.type == "date_range" && modified.ranges.count == 5)
        #expect(modified.ranges.last == AggregateRangeDef(key: "priorToLastYear", from: nil, to: "now-1y"))
        #expect(provider.aggregates.dropLast().allSatisfy { $0.type == "terms" && $0.properties == ["size": "10"] })
    }

    @Test func typedNamedParameters() throws {
        let model = try Self.project()
        let provider = try #require(model.pageProvider("docs_by_title_complex"))
        #expect(provider.searchDocumentType == "NamedParamDoc")
        #expect(provider.whereClause?.predicates.map(\.fields) == [
            [PredicateFieldDef(name: "np:title", schema: nil, xpath: nil)],
            [PredicateFieldDef(name: nil, schema: nil, xpath: "np:isCheckedIn")],
        ])
        #expect(model.schemas.first { $0.name == "namedparam" }?.prefix == "np")
        let savedSearch = try #require(model.docTypes.first { $0.name == "SavedSearch" })
        #expect(savedSearch.facets == ["SavedSearch", "HiddenInNavigation"])
        #expect(model.facets.first { $0.name == "SavedSearch" }?.schemas == ["common", "dublincore", "uid", "saved_search"])
        let defaultSearch = try #require(model.docTypes.first { $0.name == "DefaultSearch" })
        #expect(defaultSearch.extends == "SavedSearch" && defaultSearch.schemas == ["default_search"])
        #expect(model.pageProvider("default_search")?.searchDocumentType == "DefaultSearch")
    }

    @Test func projectDefinesTheDocumentedProviders() throws {
        let names = Set(try Self.project().pageProviders.map(\.name))
        for name in ["CURRENT_DOC_CHILDREN", "REST_API_SEARCH_ADAPTER", "tree_children", "latest_docs", "docs_by_title_and_desc",
                     "docs_by_title_if_any", "docs_by_title_complex", "aggregates_1", "default_search", "SAVED_SEARCHES_ALL"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    /// The providers a default Nuxeo 2023 registers that clients call by name (default-config, search-core).
    @Test func projectDefinesNuxeoDefaultProviders() throws {
        let model = try Self.project()
        let names = Set(model.pageProviders.map(\.name))
        for name in ["default_document_suggestion", "domain_documents", "document_content", "section_content", "orderable_document_content",
                     "document_trash_content", "advanced_document_content", "default_trash_search", "simple_search", "nxql_search",
                     "expired_search"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(model.pageProvider("advanced_document_content")?.searchDocumentType == "AdvancedContent")
        #expect(model.pageProvider("default_document_suggestion")?.quoteParameters == false)
    }
}
