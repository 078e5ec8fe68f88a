import NXCore
import NXRuntime
import Testing

/// Instance facets: added to one document, durable, bringing their schemas, found by `ecm:mixinType`, copied into
/// versions and shown by proxies; removal clears the values of the schemas only they brought.
@Suite struct InstanceFacetTests {
    let workspaces = DocumentRef.path("/default-domain/workspaces")
    let reader = Principal(name: "rita", groups: ["members"])
    /// A declared facet with a schema (relatedtext) that the type Folder lacks.
    let facet = "HasRelatedText"
    let resources = "relatedtext:relatedtextresources"

    func folder(_ repository: Repository, _ name: String = "f") async throws -> DocumentRecord {
        try await repository.create(in: workspaces, type: "Folder", name: name, properties: nil, principal: .system)
    }

    func count(_ repository: Repository, _ nxql: String) async throws -> Int {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 100), principal: .system)).page.resultsCount
    }

    @Test func aFacetIsStoredAndBringsItsSchema() async throws {
        let repository = try await makeRepository()
        let created = try await folder(repository)
        #expect(repository.registry.type(of: created)?.hasSchema("relatedtext") == false)
        let added = try await repository.addFacet(facet, to: .id(created.id), principal: .system)
        #expect(added.instanceFacets == [facet])
        #expect(added.sysChangeToken == created.sysChangeToken + 1)
        let reread = try await repository.document(.id(created.id))
        #expect(reread.instanceFacets == [facet], "stored, not only returned")
        let type = try #require(repository.registry.type(of: reread))
        #expect(type.facets == ["Folderish", facet], "type facets, then instance facets")
        #expect(type.schemas.map(\.name) == ["common", "dublincore", "relatedtext"])
        #expect(repository.registry.type(created.type)?.hasSchema("relatedtext") == false, "the type itself is unchanged")
        let item: JSONValue = .object(["relatedtextid": "a", "relatedtext": "A"])
        let updated = try await repository.update(.id(created.id), properties: [resources: .array([item])], changeToken: nil,
                                                  userChange: false, principal: .system)
        #expect(updated.properties[resources] == .array([item]), "the facet's schema is writable on this document")
        let other = try await folder(repository, "other")
        let ignored = try await repository.update(.id(other.id), properties: [resources: .array([item])], changeToken: nil,
                                                  userChange: false, principal: .system)
        #expect(ignored.properties[resources] == nil, "and on no other")
    }

    @Test func aFacetTheDocumentHasChangesNothing() async throws {
        let repository = try await makeRepository()
        let created = try await folder(repository)
        let unchanged = try await repository.addFacet("Folderish", to: .id(created.id), principal: .system)
        #expect(unchanged.instanceFacets.isEmpty && unchanged.sysChangeToken == created.sysChangeToken)
        let added = try await repository.addFacet(facet, to: .id(created.id), principal: .system)
        let again = try await repository.addFacet(facet, to: .id(created.id), principal: .system)
        #expect(again.instanceFacets == [facet] && again.sysChangeToken == added.sysChangeToken)
    }

    @Test func anUndeclaredFacetIsRefused() async throws {
        let repository = try await makeRepository()
        let created = try await folder(repository)
        await #expect(throws: NXError.invalid("No such facet: NoSuchFacet")) {
            _ = try await repository.addFacet("NoSuchFacet", to: .id(created.id), principal: .system)
        }
        let unchanged = try await repository.removeFacet("NoSuchFacet", from: .id(created.id), principal: .system)
        #expect(unchanged.sysChangeToken == created.sysChangeToken, "removing an unknown facet answers the document unchanged")
    }

    @Test func addingNeedsWriteProperties() async throws {
        let repository = try await makeRepository()
        let created = try await folder(repository)
        await #expect(throws: NXError.self) { _ = try await repository.addFacet(facet, to: .id(created.id), principal: reader) }
        #expect(try await repository.document(.id(created.id)).instanceFacets.isEmpty)
    }

    @Test func removingClearsTheSchemasOnlyTheFacetBrought() async throws {
        let repository = try await makeRepository()
        let file = try await repository.create(in: workspaces, type: "File", name: "doc", properties: ["dc:title": "T"], principal: .system)
        // File has relatedtext through its own HasRelatedText facet: SavedSearch brings common, dublincore and uid too.
        _ = try await repository.addFacet("SavedSearch", to: .id(file.id), principal: .system)
        let values: JSONObject = ["saved:query": "x", resources: .array([.object(["relatedtextid": "a"])])]
        _ = try await repository.update(.id(file.id), properties: values, changeToken: nil, userChange: false, principal: .system)
        let removed = try await repository.removeFacet("SavedSearch", from: .id(file.id), principal: .system)
        #expect(removed.instanceFacets.isEmpty)
        #expect(removed.properties.keys.contains { $0.hasPrefix("saved:") } == false, "the facet's own schema is cleared")
        #expect(removed.properties["dc:title"] == "T" && removed.properties[resources] != nil, "schemas the type has are kept")
        let typeFacet = try await repository.removeFacet("Versionable", from: .id(file.id), principal: .system)
        #expect(typeFacet.sysChangeToken == removed.sysChangeToken, "a facet of the type cannot be removed")
        #expect(repository.registry.type(of: typeFacet)?.facets.contains("Versionable") == true)
    }

    @Test func mixinTypeMatchesInstanceFacets() async throws {
        let repository = try await makeRepository()
        let tagged = try await folder(repository, "tagged")
        let plain = try await folder(repository, "plain")
        _ = try await repository.addFacet(facet, to: .id(tagged.id), principal: .system)
        let scope = "SELECT * FROM Folder WHERE ecm:parentId = '\(try #require(tagged.parentId))' AND "
        #expect(try await count(repository, scope + "ecm:mixinType = '\(facet)'") == 1)
        #expect(try await count(repository, scope + "ecm:mixinType IN ('Orderable', '\(facet)')") == 1)
        #expect(try await count(repository, scope + "ecm:mixinType <> '\(facet)'") == 1)
        #expect(try await count(repository, scope + "ecm:mixinType NOT IN ('Orderable', '\(facet)')") == 1)
        #expect(try await count(repository, scope + "ecm:mixinType = 'Folderish'") == 2, "type facets still match")
        let both = "ecm:mixinType = 'Folderish' AND ecm:mixinType <> '\(facet)' AND ecm:uuid = '\(plain.id)'"
        #expect(try await count(repository, scope + both) == 1)
        _ = try await repository.addFacet("HiddenInNavigation", to: .id(plain.id), principal: .system)
        let children = try await repository.children(of: workspaces, request: PageRequest(), principal: .system)
        #expect(children.entries.map(\.id) == [tagged.id], "an instance HiddenInNavigation hides from @children")
    }

    @Test func versionsKeepAndRestoreBringBackInstanceFacets() async throws {
        let repository = try await makeRepository()
        let file = try await repository.create(in: workspaces, type: "File", name: "doc", properties: nil, principal: .system)
        _ = try await repository.addFacet("SavedSearch", to: .id(file.id), principal: .system)
        let version = try await repository.checkIn(.id(file.id), increment: .major, principal: .system)
        #expect(version.instanceFacets == ["SavedSearch"])
        #expect(try await repository.document(.id(version.id)).instanceFacets == ["SavedSearch"])
        let removed = try await repository.removeFacet("SavedSearch", from: .id(file.id), principal: .system)
        #expect(removed.isCheckedOut, "a checked-in document is checked out by the change")
        let restored = try await repository.restore(toVersion: .id(version.id), createVersion: false, checkout: false, principal: .system)
        #expect(restored.instanceFacets == ["SavedSearch"])
        await #expect(throws: NXError.self) { _ = try await repository.addFacet(facet, to: .id(version.id), principal: .system) }
    }

    @Test func aLiveProxyShowsItsTargetsFacets() async throws {
        let repository = try await makeRepository()
        let file = try await repository.create(in: workspaces, type: "File", name: "doc", properties: nil, principal: .system)
        let proxy = try await repository.createProxy(target: .id(file.id), in: .path("/default-domain/sections"), principal: .system)
        _ = try await repository.addFacet("SavedSearch", to: .id(file.id), principal: .system)
        #expect(try await repository.document(.id(proxy.id)).instanceFacets == ["SavedSearch"])
    }
}
