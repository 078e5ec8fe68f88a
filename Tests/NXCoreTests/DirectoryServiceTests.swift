import Foundation
import NXCore
import NXRuntime
import NXSchemas
import Testing

/// A seeded directory service over a fresh store, with the repository its reference checks query.
func makeDirectories() async throws -> (DirectoryService, Repository) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxcore-dirs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try await TestStore.open(directory: directory.path)
    let repository = Repository(registry: NXSchemas.registry, store: store)
    try await repository.bootstrap()
    let service = DirectoryService(store: store, registry: NXSchemas.registry, repository: repository)
    try await service.seed()
    return (service, repository)
}

@Suite struct DirectoryServiceTests {
    @Test func registryKnowsDirectoriesAndResolvers() throws {
        let registry = NXSchemas.registry
        for name in ["continent", "country", "nature", "l10nsubjects", "l10ncoverage", "language", "subject", "coverage"] {
            #expect(registry.directory(name) != nil, "\(name)")
        }
        #expect(registry.directory("subject")?.name == "l10nsubjects" && registry.directory("coverage")?.name == "l10ncoverage")
        #expect(registry.directory("country")?.parent == "continent")
        let dublincore = try #require(registry.schemas["dublincore"])
        #expect(dublincore.fields.first { $0.name == "nature" }?.resolver == .directory("nature"))
        #expect(dublincore.fields.first { $0.name == "subjects" }?.resolver == .directory("l10nsubjects"))
        #expect(dublincore.fields.first { $0.name == "coverage" }?.resolver == .directory("l10ncoverage"))
        #expect(dublincore.fields.first { $0.name == "title" }?.resolver == nil)
        #expect(registry.properties(resolvingTo: "l10nsubjects").map(\.key) == ["dc:subjects"])
        #expect(registry.properties(resolvingTo: "l10nsubjects").first?.isList == true)
        #expect((registry.directory("nature")?.entries.count ?? 0) >= 10)
        #expect((registry.directory("country")?.entries.count ?? 0) >= 20)
    }

    @Test func seedsOnceAndReadsTypedEntries() async throws {
        let (service, _) = try await makeDirectories()
        #expect(try await service.seed() == 0, "seeding again creates nothing")
        let oceania = try #require(try await service.entry("continent", id: "oceania"))
        #expect(oceania.properties == ["id": "oceania", "label": "label.directories.continent.oceania", "obsolete": 0, "ordering": 10000000])
        #expect(try await service.entry("continent", id: "atlantis") == nil)
        await #expect(throws: NXError.notFound("Directory nope was not found")) { _ = try await service.entry("nope", id: "x") }
        await #expect(throws: NXError.notFound("Entry not found")) { _ = try await service.existingEntry("continent", id: "atlantis") }
        let cinema = try #require(try await service.entry("subject", id: "art/cinema"))
        #expect(cinema.directory == "l10nsubjects" && cinema.properties["parent"] == "art" && cinema.properties["label_en"] == "Cinema")
        #expect(try await service.list("continent").map(\.id)
            == ["africa", "antarctica", "asia", "europe", "north-america", "oceania", "south-america"])
    }

    @Test func pagesOrderedByOrderingThenId() async throws {
        let (service, _) = try await makeDirectories()
        _ = try await service.create("continent", properties: ["id": "zz-first", "ordering": 1])
        let page = try await service.page("continent", request: PageRequest(pageSize: 3, currentPageIndex: 0))
        #expect(page.entries.map(\.id) == ["zz-first", "africa", "antarctica"])
        #expect(page.resultsCount == 8 && page.numberOfPages == 3 && page.isNextPageAvailable)
        let last = try await service.page("continent", request: PageRequest(pageSize: 3, currentPageIndex: 2))
        #expect(last.entries.map(\.id) == ["oceania", "south-america"])
    }

    @Test func createUpdateDelete() async throws {
        let (service, _) = try await makeDirectories()
        let created = try await service.create("nature", properties: ["vocabulary:id": "memo2", "label": "Memo", "ordering": "7", "unknown": "x"])
        #expect(created.properties == ["id": "memo2", "label": "Memo", "obsolete": nil, "ordering": 7])
        await #expect(throws: NXError.conflict("Entry with id memo2 already exists in directory nature")) {
            _ = try await service.create("nature", properties: ["id": "memo2"])
        }
        await #expect(throws: NXError.self) { _ = try await service.create("nature", properties: ["label": "no id"]) }
        await #expect(throws: NXError.self) { _ = try await service.create("nature", properties: ["id": "x", "ordering": "ten"]) }
        let updated = try await service.update("nature", id: "memo2", properties: ["label": "Memo 2", "id": "ignored", "obsolete": 1])
        #expect(updated.id == "memo2" && updated.properties == ["id": "memo2", "label": "Memo 2", "obsolete": 1, "ordering": 7])
        try await service.delete("nature", id: "memo2")
        #expect(try await service.entry("nature", id: "memo2") == nil)
        await #expect(throws: NXError.notFound("Entry not found")) { try await service.delete("nature", id: "memo2") }
    }

    @Test func childEntriesBlockDeletion() async throws {
        let (service, _) = try await makeDirectories()
        await #expect(throws: NXError.conflict("This entry is referenced in another vocabulary.")) {
            try await service.delete("continent", id: "europe")
        }
        await #expect(throws: NXError.conflict("This entry is referenced in another vocabulary.")) {
            try await service.delete("l10nsubjects", id: "art")
        }
        try await service.delete("continent", id: "antarctica")   // no country under it
    }

    @Test func documentReferencesBlockDeletion() async throws {
        let (service, repository) = try await makeDirectories()
        _ = try await service.create("nature", properties: ["id": "n-ref"])
        _ = try await service.create("l10nsubjects", properties: ["id": "s'ref"])
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "f",
                                              properties: ["dc:nature": "n-ref", "dc:subjects": ["art/cinema", "s'ref"]], principal: .unrestricted("bob"))
        #expect(try await service.documentReferences("nature", id: "n-ref") == 1)
        #expect(try await service.documentReferences("subject", id: "s'ref") == 1)
        #expect(try await service.documentReferences("nature", id: "article") == 0)
        await #expect(throws: NXError.conflict("This entry is referenced by documents.")) { try await service.delete("nature", id: "n-ref") }
        await #expect(throws: NXError.conflict("This entry is referenced by documents.")) { try await service.delete("l10nsubjects", id: "s'ref") }
        try await repository.delete(.id(doc.id), principal: .unrestricted("bob"))
        try await service.delete("nature", id: "n-ref")
        try await service.delete("l10nsubjects", id: "s'ref")
    }

    @Test func writeGuards() async throws {
        let (service, _) = try await makeDirectories()
        #expect(throws: NXError.forbidden("Not allowed to edit directory")) {
            try service.checkWritable("nature", isAdministrator: false, groups: ["members"])
        }
        try service.checkWritable("nature", isAdministrator: false, groups: ["powerusers"])
        try service.checkWritable("nature", isAdministrator: true, groups: [])
        #expect(throws: NXError.self) { try service.checkWritable("userDirectory", isAdministrator: true, groups: []) }
        #expect(throws: NXError.notFound("Directory nope was not found")) { try service.checkWritable("nope", isAdministrator: true, groups: []) }
        #expect(service.directories().map(\.name).contains("continent"))
        #expect(service.directories(types: ["system"]).isEmpty)
    }
}
