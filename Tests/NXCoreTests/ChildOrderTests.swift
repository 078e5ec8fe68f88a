import NXCore
import NXRuntime
import Testing

/// Children order in orderable folders: positions given on creation, copy and publication, kept on move, changed by
/// `orderBefore`, used by the children list and `ecm:pos`; other folders have no positions.
@Suite struct ChildOrderTests {
    let workspaces = DocumentRef.path("/default-domain/workspaces")

    /// An OrderedFolder holding Notes created in the order c, a, b.
    func fixture() async throws -> (Repository, DocumentRecord, [String: DocumentRecord]) {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: workspaces, type: "OrderedFolder", name: "ordered", properties: nil, principal: .system)
        var children: [String: DocumentRecord] = [:]
        for name in ["c", "a", "b"] {
            children[name] = try await repository.create(in: .id(folder.id), type: "Note", name: name, properties: nil, principal: .system)
        }
        return (repository, folder, children)
    }

    func names(_ repository: Repository, _ folder: DocumentRecord) async throws -> [String] {
        try await repository.childList(of: folder, principal: .system).map(\.name)
    }

    func positions(_ repository: Repository, _ folder: DocumentRecord) async throws -> [Int64?] {
        try await repository.childList(of: folder, principal: .system).map(\.position)
    }

    @Test func childrenOfAnOrderableFolderAreNumberedInCreationOrder() async throws {
        let (repository, folder, children) = try await fixture()
        #expect(children["c"]?.position == 0 && children["a"]?.position == 1 && children["b"]?.position == 2)
        #expect(try await names(repository, folder) == ["c", "a", "b"])
        let plain = try await repository.create(in: workspaces, type: "Folder", name: "plain", properties: nil, principal: .system)
        let unordered = try await repository.create(in: .id(plain.id), type: "Note", name: "z", properties: nil, principal: .system)
        #expect(plain.position == nil && unordered.position == nil, "a Folder is not orderable")
        _ = try await repository.create(in: .id(plain.id), type: "Note", name: "y", properties: nil, principal: .system)
        #expect(try await names(repository, plain) == ["y", "z"], "other folders list by name")
    }

    @Test func orderBeforeMovesAChildAndRenumbers() async throws {
        let (repository, folder, _) = try await fixture()
        try await repository.orderBefore(parent: .id(folder.id), source: "b", before: "c", principal: .system)
        #expect(try await names(repository, folder) == ["b", "c", "a"])
        #expect(try await positions(repository, folder) == [0, 1, 2])
        try await repository.orderBefore(parent: .id(folder.id), source: "b", before: nil, principal: .system)
        #expect(try await names(repository, folder) == ["c", "a", "b"])
        try await repository.orderBefore(parent: .id(folder.id), source: "c", before: "b", principal: .system)
        #expect(try await names(repository, folder) == ["a", "c", "b"])
        try await repository.orderBefore(parent: .id(folder.id), source: "a", before: "a", principal: .system)
        #expect(try await names(repository, folder) == ["a", "c", "b"], "before itself changes nothing")
    }

    @Test func reorderingMovesTheSystemChangeToken() async throws {
        let (repository, folder, children) = try await fixture()
        let b = try #require(children["b"])
        try await repository.orderBefore(parent: .id(folder.id), source: "b", before: "c", principal: .system)
        let moved = try await repository.document(.id(b.id))
        #expect(moved.position == 0 && moved.sysChangeToken == b.sysChangeToken + 1 && moved.changeToken == b.changeToken)
    }

    @Test func unknownNamesAreNotFoundAndUnorderableFoldersAreLeftAlone() async throws {
        let (repository, folder, _) = try await fixture()
        await #expect(throws: NXError.notFound("Document \(folder.id) has no child: nope")) {
            try await repository.orderBefore(parent: .id(folder.id), source: "a", before: "nope", principal: .system)
        }
        await #expect(throws: NXError.notFound("Document \(folder.id) has no child: nope")) {
            try await repository.orderBefore(parent: .id(folder.id), source: "nope", before: nil, principal: .system)
        }
        let plain = try await repository.create(in: workspaces, type: "Folder", name: "plain", properties: nil, principal: .system)
        for name in ["x", "y"] {
            _ = try await repository.create(in: .id(plain.id), type: "Note", name: name, properties: nil, principal: .system)
        }
        try await repository.orderBefore(parent: .id(plain.id), source: "y", before: "x", principal: .system)
        #expect(try await names(repository, plain) == ["x", "y"])
        #expect(try await positions(repository, plain) == [nil, nil])
    }

    @Test func ecmPosOrdersQueries() async throws {
        let (repository, folder, _) = try await fixture()
        try await repository.orderBefore(parent: .id(folder.id), source: "a", before: nil, principal: .system)
        let nxql = "SELECT * FROM Document WHERE ecm:parentId = '\(folder.id)' ORDER BY ecm:pos"
        let page = try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 10), principal: .system)).page
        #expect(page.entries.map(\.name) == ["c", "b", "a"])
        let first = "SELECT * FROM Document WHERE ecm:parentId = '\(folder.id)' AND ecm:pos = 0"
        let atZero = try await repository.query(first, options: QueryOptions(request: PageRequest(), principal: .system)).page
        #expect(atZero.entries.map(\.name) == ["c"])
    }

    @Test func copiesGoLastMovesKeepTheirPosition() async throws {
        let (repository, folder, children) = try await fixture()
        let copy = try await repository.copy(.id(try #require(children["c"]).id), to: .id(folder.id), name: "d", principal: .system)
        #expect(copy.position == 3)
        let other = try await repository.create(in: workspaces, type: "OrderedFolder", name: "other", properties: nil, principal: .system)
        let first = try await repository.create(in: .id(other.id), type: "Note", name: "first", properties: nil, principal: .system)
        #expect(first.position == 0)
        let moved = try await repository.move(.id(try #require(children["b"]).id), to: .id(other.id), principal: .system)
        #expect(moved.position == 2, "a move keeps the position, as Nuxeo does")
        let plain = try await repository.create(in: workspaces, type: "Folder", name: "plain", properties: nil, principal: .system)
        let copiedOut = try await repository.copy(.id(folder.id), to: .id(plain.id), principal: .system)
        #expect(copiedOut.position == nil, "a copy into a folder that is not orderable has no position")
        #expect(try await names(repository, copiedOut) == ["c", "a", "d"], "the copied children keep theirs")
        let proxy = try await repository.createProxy(target: .id(first.id), in: .id(folder.id), principal: .system)
        #expect(proxy.position == 4)
    }
}
