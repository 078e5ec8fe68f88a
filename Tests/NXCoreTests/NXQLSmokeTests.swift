import NXCore
import NXRuntime
import Testing

/// A handful of end-to-end NXQL checks on a small tree (the big case table lives in NXQLCaseTable).
@Suite struct NXQLSmokeTests {
    func fixture() async throws -> Repository {
        let repository = try await makeRepository()
        let ws = try await repository.create(in: .path("/default-domain/workspaces"), type: "Workspace", name: "ws", properties: ["dc:title": "WS"], principal: .unrestricted("a"))
        _ = try await repository.create(in: .id(ws.id), type: "File", name: "f1",
                                        properties: ["dc:title": "Quick fox", "dc:subjects": ["art", "sport"], "dc:description": "the quick brown fox"], principal: .unrestricted("a"))
        _ = try await repository.create(in: .id(ws.id), type: "Note", name: "n1",
                                        properties: ["dc:title": "Lazy dog", "note:note": "lazy dogs sleep", "uid:major_version": 2], principal: .unrestricted("a"))
        let folder = try await repository.create(in: .id(ws.id), type: "Folder", name: "sub", properties: ["dc:title": "Sub"], principal: .unrestricted("a"))
        _ = try await repository.create(in: .id(folder.id), type: "File", name: "f2",
                                        properties: ["dc:title": "Deep", "dc:issued": "2020-03-01T10:00:00.000Z",
                                                     "relatedtext:relatedtextresources": [["relatedtextid": "a", "relatedtext": "x"], ["relatedtextid": "b", "relatedtext": "y"]]],
                                        principal: .unrestricted("a"))
        return repository
    }

    func names(_ repository: Repository, _ query: String) async throws -> [String] {
        try await repository.query(query, options: QueryOptions(request: PageRequest(), principal: .system)).page.entries.map(\.name)
    }

    @Test func basics() async throws {
        let r = try await fixture()
        let scope = "ecm:path STARTSWITH '/default-domain/workspaces/ws'"
        #expect(Set(try await names(r, "SELECT * FROM Document WHERE \(scope)")) == ["f1", "n1", "sub", "f2"])
        #expect(Set(try await names(r, "SELECT * FROM File WHERE \(scope)")) == ["f1", "f2"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND dc:subjects = 'sport'") == ["f1"])
        #expect(Set(try await names(r, "SELECT * FROM Document WHERE \(scope) AND dc:subjects <> 'sport'")) == ["n1", "sub", "f2"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND uid:major_version >= 2") == ["n1"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND dc:issued > DATE '2020-01-01'") == ["f2"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND ecm:fulltext = 'quick fox'") == ["f1"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND ecm:fulltext = 'sleep*'") == ["n1"])
        #expect(Set(try await names(r, "SELECT * FROM Document WHERE \(scope) AND ecm:fulltext = 'fox OR dogs'")) == ["f1", "n1"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND ecm:fulltext = 'fox -brown'") == [])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND ecm:mixinType = 'Folderish'") == ["sub"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND dc:title ILIKE 'quick%'") == ["f1"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND dc:title LIKE 'quick%'") == [])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND relatedtext:relatedtextresources/*1/relatedtextid = 'a' AND relatedtext:relatedtextresources/*1/relatedtext = 'x'") == ["f2"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND relatedtext:relatedtextresources/*1/relatedtextid = 'a' AND relatedtext:relatedtextresources/*1/relatedtext = 'y'") == [])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) AND relatedtext:relatedtextresources/*/relatedtextid = 'a' AND relatedtext:relatedtextresources/*/relatedtext = 'y'") == ["f2"])
        #expect(try await names(r, "SELECT * FROM Document WHERE \(scope) ORDER BY dc:title DESC") == ["sub", "f1", "n1", "f2"])
        #expect(try await names(r, "select * from Document where ecm:path = '/default-domain/workspaces/ws/sub'") == ["sub"])
    }

    @Test(arguments: ["SELECT * FROM Foo", "SELECT * FROM Document WHERE dc:nope = 1", "SELECT * FROM Document WHERE dc:title = 'x",
                      "SELECT * FROM Document WHERE", "SeLeCt * FROM Document", "SELECT * FROM Document WHERE dc:title = :foo",
                      "SELECT * FROM Document WHERE dc:title = 'x'; DROP TABLE documents"])
    func invalid(_ query: String) async throws {
        let r = try await makeRepository()
        await #expect(throws: NXError.self) { _ = try await r.query(query, options: QueryOptions(request: PageRequest(), principal: .system)) }
    }
}
