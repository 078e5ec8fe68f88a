import NXCore
import NXRuntime

/// Five documents in one folder, for page-provider tests. No bootstrap document has a nature or a source, so conditions on
/// those need no scope.
///
/// | title | type | nature | source | coverage | issued     |
/// |-------|------|--------|--------|----------|------------|
/// | A     | File | x      | one    | p        | 2020-01-10 |
/// | B     | File | x      | one    | q        | 2020-02-10 |
/// | C     | File | y      | one    | p        | 2020-03-10 |
/// | D     | Note | x      | two    |          | 2021-01-10 |
/// | E     | Note | y      | two    |          |            |
struct PageProviderFixture {
    let repository: Repository
    /// The folder holding the five documents.
    let folder: DocumentRecord

    init() async throws {
        repository = try await makeRepository()
        folder = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "pp", properties: ["dc:title": "PP"],
                                             principal: .system)
        let rows: [(String, String, String, String, String?, String?)] = [
            ("A", "File", "x", "one", "p", "2020-01-10T00:00:00.000Z"),
            ("B", "File", "x", "one", "q", "2020-02-10T00:00:00.000Z"),
            ("C", "File", "y", "one", "p", "2020-03-10T00:00:00.000Z"),
            ("D", "Note", "x", "two", nil, "2021-01-10T00:00:00.000Z"),
            ("E", "Note", "y", "two", nil, nil),
        ]
        for (title, type, nature, source, coverage, issued) in rows {
            var properties: JSONObject = ["dc:title": .string(title), "dc:nature": .string(nature), "dc:source": .string(source)]
            if let coverage { properties["dc:coverage"] = .string(coverage) }
            if let issued { properties["dc:issued"] = .string(issued) }
            _ = try await repository.create(in: .id(folder.id), type: type, name: title.lowercased(), properties: properties, principal: .system)
        }
    }

    /// Runs `definition` (sorted by title unless it or a quick filter sorts) as the system principal.
    func run(_ definition: PageProviderDefinition, ordered: [String] = [], named: [String: String] = [:], quickFilters: [String] = [],
             skipAggregates: Bool = false) async throws -> QueryResult {
        try await repository.run(provider: definition, parameters: PageProviderParameters(ordered: ordered, named: named),
                                 options: QueryOptions(request: PageRequest(pageSize: 100), principal: .system),
                                 skipAggregates: skipAggregates, quickFilters: quickFilters)
    }

    /// The titles of a result's page, in order.
    static func titles(_ result: QueryResult) -> [String] { result.page.entries.map(\.title) }

    /// The buckets of aggregate `id`, as key → count.
    static func buckets(_ result: QueryResult, _ id: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (result.aggregations.first { $0.definition.id == id }?.buckets ?? []).map { ($0.key, $0.docCount) })
    }

    static let byTitle = [SortKey(property: "dc:title", ascending: true)]
}
