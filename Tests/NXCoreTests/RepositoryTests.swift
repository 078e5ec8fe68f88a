import NXCore
import NXRuntime
import Testing

@Suite struct RepositoryTests {
    @Test func bootstrapCreatesTheDefaultContent() async throws {
        let repository = try await makeRepository()
        let root = try await repository.document(.path("/"))
        #expect(root.type == "Root" && root.parentId == nil && root.title == "")
        let domain = try await repository.document(.path("/default-domain"))
        #expect(domain.type == "Domain" && domain.parentId == root.id && domain.title == "Domain" && domain.state == "project")
        for (path, type) in [("/default-domain/workspaces", "WorkspaceRoot"), ("/default-domain/sections", "SectionRoot"),
                             ("/default-domain/templates", "TemplateRoot")] {
            #expect(try await repository.document(.path(path)).type == type)
        }
        try await repository.bootstrap()
        #expect(try await repository.children(of: .path("/default-domain"), request: PageRequest(), principal: .system).resultsCount == 3, "bootstrap is idempotent")
    }

    @Test func createSetsDublinCoreAndTokens() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "f1",
                                              properties: ["dc:title": "T", "dc:nonexisting": "x"], principal: .unrestricted("bob"))
        #expect(doc.path == "/default-domain/workspaces/f1")
        #expect(doc.properties["dc:title"] == "T")
        #expect(doc.properties["dc:nonexisting"] == nil)
        #expect(doc.properties["dc:creator"] == "bob" && doc.properties["dc:lastContributor"] == "bob")
        #expect(doc.properties["dc:contributors"] == ["bob"])
        #expect(doc.properties["dc:created"] == "2023-11-14T22:13:20.000Z")
        #expect(doc.changeTokenString == "0-0")
        #expect(try await repository.document(.id(doc.id)) == doc)
    }

    @Test func createRejectsMissingAndUnknownTypes() async throws {
        let repository = try await makeRepository()
        await #expect(throws: NXError.invalid("type or name property is missing")) {
            _ = try await repository.create(in: .path("/"), type: nil, name: "x", properties: nil, principal: .unrestricted("a"))
        }
        await #expect(throws: NXError.invalid("type or name property is missing")) {
            _ = try await repository.create(in: .path("/"), type: "File", name: nil, properties: nil, principal: .unrestricted("a"))
        }
        await #expect(throws: NXError.invalid("Type: Foo does not exist")) {
            _ = try await repository.create(in: .path("/"), type: "Foo", name: "x", properties: nil, principal: .unrestricted("a"))
        }
        await #expect(throws: NXError.notFound("/nope")) {
            _ = try await repository.create(in: .path("/nope"), type: "File", name: "x", properties: nil, principal: .unrestricted("a"))
        }
    }

    @Test func namesAreCleanedAndMadeUnique() async throws {
        let repository = try await makeRepository()
        let parent = DocumentRef.path("/default-domain/workspaces")
        let long = try await repository.create(in: parent, type: "Folder", name: "  123456789_123456789_123456789  ", properties: nil, principal: .unrestricted("a"))
        #expect(long.name == "123456789_123456789_1234")
        let slashed = try await repository.create(in: parent, type: "Folder", name: "a/b\\c", properties: nil, principal: .unrestricted("a"))
        #expect(slashed.name == "a-b-c")
        let first = try await repository.create(in: parent, type: "File", name: "same", properties: nil, principal: .unrestricted("a"))
        let second = try await repository.create(in: parent, type: "File", name: "same", properties: nil, principal: .unrestricted("a"))
        #expect(first.name == "same")
        #expect(second.name.hasPrefix("same.") && second.name != first.name)
        let punctuation = try await repository.create(in: parent, type: "File", name: "...", properties: nil, principal: .unrestricted("a"))
        #expect(punctuation.name.count == 36, "a punctuation-only name becomes a generated id")
    }

    @Test func updateAppliesOnlyGivenPropertiesAndChecksTheChangeToken() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "Note", name: "n",
                                              properties: ["dc:title": "T", "dc:description": "D"], principal: .unrestricted("a"))
        let updated = try await repository.update(.id(doc.id), properties: ["dc:title": "T2"], changeToken: nil, userChange: false, principal: .unrestricted("b"))
        #expect(updated.properties["dc:title"] == "T2" && updated.properties["dc:description"] == "D")
        #expect(updated.properties["dc:contributors"] == ["a", "b"] && updated.properties["dc:lastContributor"] == "b")
        #expect(updated.changeTokenString == "1-0")
        await #expect(throws: NXError.conflict("\(doc.id), Invalid change token")) {
            _ = try await repository.update(.id(doc.id), properties: ["dc:title": "X"], changeToken: "9999-1234", userChange: true, principal: .unrestricted("a"))
        }
        #expect(try await repository.document(.id(doc.id)).properties["dc:title"] == "T2", "a rejected update changes nothing")
        let user = try await repository.update(.id(doc.id), properties: ["dc:title": "T3"], changeToken: "1-0", userChange: true, principal: .unrestricted("a"))
        #expect(user.changeTokenString == "2-1")
        let cleared = try await repository.update(.id(doc.id), properties: ["dc:description": nil], changeToken: nil, userChange: false, principal: .unrestricted("a"))
        #expect(cleared.properties["dc:description"] == nil)
    }

    @Test func wrongValueTypesAreRejectedWithoutChangingTheDocument() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "f", properties: ["dc:title": "T"], principal: .unrestricted("a"))
        for bad: JSONObject in [["dc:created": "not a date"], ["uid:major_version": "abc"], ["dc:subjects": 5], ["dc:title": ["x"]]] {
            await #expect(throws: NXError.self) {
                _ = try await repository.update(.id(doc.id), properties: bad, changeToken: nil, userChange: false, principal: .unrestricted("a"))
            }
        }
        #expect(try await repository.document(.id(doc.id)) == doc)
    }

    @Test func deleteRemovesTheSubtreeOnly() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "f", properties: nil, principal: .unrestricted("a"))
        let sibling = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "f0", properties: nil, principal: .unrestricted("a"))
        let child = try await repository.create(in: .id(folder.id), type: "File", name: "c", properties: nil, principal: .unrestricted("a"))
        let grandchild = try await repository.create(in: .id(folder.id), type: "Folder", name: "g", properties: nil, principal: .unrestricted("a"))
        _ = try await repository.create(in: .id(grandchild.id), type: "Note", name: "n", properties: nil, principal: .unrestricted("a"))
        try await repository.delete(.path(folder.path), principal: .system)
        for id in [folder.id, child.id, grandchild.id] {
            await #expect(throws: NXError.notFound(id)) { _ = try await repository.document(.id(id)) }
        }
        #expect(try await repository.document(.id(sibling.id)).name == "f0")
        await #expect(throws: NXError.self) { try await repository.delete(.path("/"), principal: .system) }
    }

    @Test func childrenAreSortedAndPaged() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "f", properties: nil, principal: .unrestricted("a"))
        for title in ["C", "A", "B"] {
            _ = try await repository.create(in: .id(folder.id), type: "File", name: title.lowercased(), properties: ["dc:title": .string(title)], principal: .unrestricted("a"))
        }
        let page0 = try await repository.children(of: .id(folder.id), request: PageRequest(pageSize: 2), principal: .system)
        #expect(page0.entries.map(\.title) == ["A", "B"])
        #expect(page0.resultsCount == -2 && page0.isNextPageAvailable && !page0.isLastPageAvailable && page0.numberOfPages == 0)
        let page1 = try await repository.children(of: .id(folder.id), request: PageRequest(pageSize: 2, currentPageIndex: 1), principal: .system)
        #expect(page1.entries.map(\.title) == ["C"] && page1.currentPageOffset == 2 && !page1.isNextPageAvailable && page1.isPreviousPageAvailable)
        let all = try await repository.children(of: .id(folder.id), request: PageRequest(), principal: .system)
        #expect(all.resultsCount == 3 && all.pageSize == 50 && all.numberOfPages == 1)
        let descending = try await repository.children(of: .id(folder.id), request: PageRequest(sort: [SortKey(property: "dc:title", ascending: false)]), principal: .system)
        #expect(descending.entries.map(\.title) == ["C", "B", "A"])
        let byName = try await repository.children(of: .id(folder.id), request: PageRequest(sort: [SortKey(property: "ecm:name", ascending: true)]), principal: .system)
        #expect(byName.entries.map(\.name) == ["a", "b", "c"])
        await #expect(throws: NXError.self) {
            _ = try await repository.children(of: .id(folder.id), request: PageRequest(sort: [SortKey(property: "dc:nope", ascending: true)]), principal: .system)
        }
    }
}
