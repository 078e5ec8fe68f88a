@testable import NXCore
import NXRuntime
import Testing

/// A fulltext match every result needs drives the query on SQLite (the index joined to the documents, read in rowid
/// order): same results, counts and order as the match evaluated as a condition, and a first page that stops early.
@Suite struct FulltextDriverTests {
    let ws = DocumentRef.path("/default-domain/workspaces")

    func page(_ repository: Repository, _ nxql: String, size: Int = 100, maxResults: String? = nil,
              as principal: Principal = .system) async throws -> Page<DocumentRecord> {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: size, maxResults: maxResults), principal: principal)).page
    }

    @Test func onlyARequiredMatchDrives() throws {
        typealias C = NXQLCompiler
        func parse(_ nxql: String) throws -> NXQLExpression { try #require(try NXQLParser.parse(nxql).whereClause) }
        #expect(C.drivingFulltext(try parse("SELECT * FROM Document WHERE ecm:fulltext = 'a'"))?.text == "a")
        let and = try #require(C.drivingFulltext(try parse("SELECT * FROM Document WHERE dc:title = 't' AND ecm:fulltext = 'a' AND dc:source = 's'")))
        let rest = try parse("SELECT * FROM Document WHERE dc:title = 't' AND dc:source = 's'")
        #expect(and.text == "a" && and.rest == rest)
        #expect(C.drivingFulltext(try parse("SELECT * FROM Document WHERE dc:title = 't' OR ecm:fulltext = 'a'")) == nil)
        #expect(C.drivingFulltext(try parse("SELECT * FROM Document WHERE NOT ecm:fulltext = 'a'")) == nil)
        #expect(C.drivingFulltext(try parse("SELECT * FROM Document WHERE ecm:fulltext.dc:title = 'a'")) == nil)
    }

    @Test func drivenQueriesAnswerAsConditions() async throws {
        let repository = try await makeRepository()
        var created: [DocumentRecord] = []
        for i in 0..<30 {
            let words = i % 3 == 0 ? "quantum physics report" : (i % 3 == 1 ? "quantum budget" : "lazy dog")
            created.append(try await repository.create(in: ws, type: i % 2 == 0 ? "File" : "Note", name: "d\(i)",
                                                       properties: ["dc:title": .string("Doc \(i)"), "dc:description": .string(words),
                                                                    "dc:source": .string("s\(i % 2)")], principal: .system))
        }
        let compiled = try repository.compile("SELECT * FROM Document WHERE ecm:fulltext = 'quantum'", sort: nil)
        if repository.store is SQLiteStore { #expect(compiled.from.contains("JOIN documents d") && compiled.rowidOrder == "fulltext.rowid") }
        // The same match as a condition (under an OR it cannot drive) gives the reference answer.
        for (driven, reference) in [
            ("ecm:fulltext = 'quantum'", "(ecm:fulltext = 'quantum' OR 1 = 0)"),
            ("ecm:fulltext = 'quantum physics'", "(ecm:fulltext = 'quantum physics' OR 1 = 0)"),
            ("dc:source = 's0' AND ecm:fulltext = 'quantum'", "dc:source = 's0' AND (ecm:fulltext = 'quantum' OR 1 = 0)"),
            ("ecm:fulltext = 'quantum' AND ecm:primaryType = 'Note' ORDER BY dc:title DESC", "(ecm:fulltext = 'quantum' OR 1 = 0) AND ecm:primaryType = 'Note' ORDER BY dc:title DESC"),
        ] {
            let a = try await page(repository, "SELECT * FROM Document WHERE " + driven)
            let b = try await page(repository, "SELECT * FROM Document WHERE " + reference)
            #expect(a.entries.map(\.id) == b.entries.map(\.id), "\(driven)")
            #expect(a.resultsCount == b.resultsCount && a.resultsCount > 0, "\(driven)")
        }
        // Pages in rowid (creation) order; the second page follows the first.
        let first = try await page(repository, "SELECT * FROM Document WHERE ecm:fulltext = 'quantum'", size: 5)
        #expect(first.entries.map(\.name) == ["d0", "d1", "d3", "d4", "d6"])
        #expect(first.resultsCount == 20)
        let second = try await repository.query("SELECT * FROM Document WHERE ecm:fulltext = 'quantum'",
                                                options: QueryOptions(request: PageRequest(pageSize: 5, currentPageIndex: 1), principal: .system)).page
        #expect(second.entries.map(\.name) == ["d7", "d9", "d10", "d12", "d13"])
        // Nuxeo's maxResults: the count stops past the cap and says so (-2), never a wrong number.
        #expect(try await page(repository, "SELECT * FROM Document WHERE ecm:fulltext = 'quantum'", size: 5, maxResults: "10").resultsCount == -2)
        #expect(try await page(repository, "SELECT * FROM Document WHERE ecm:fulltext = 'quantum'", size: 5, maxResults: "20").resultsCount == 20)
        // A user's read ACL filters driven matches as any other.
        _ = try await repository.blockInheritance(.id(created[0].id), principal: .system)
        #expect(try await page(repository, "SELECT * FROM Document WHERE ecm:fulltext = 'quantum'", as: Principal(name: "joe", groups: ["members"])).resultsCount == 19)
    }
}
