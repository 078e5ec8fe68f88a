import NXCore
import NXRuntime
import Testing

/// Publishing and proxies: versions published into sections, live proxies, read-through, ACLs, NXQL, removal.
@Suite struct ProxyTests {
    let workspaces = DocumentRef.path("/default-domain/workspaces")
    let sections = DocumentRef.path("/default-domain/sections")
    let reader = Principal(name: "rita", groups: ["members"])

    /// A repository with a workspace folder holding a File `doc` (title T1) and a section `news`.
    func fixture() async throws -> (Repository, DocumentRecord, DocumentRecord) {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: workspaces, type: "Folder", name: "wip", properties: nil, principal: .system)
        let doc = try await repository.create(in: .id(folder.id), type: "File", name: "doc", properties: ["dc:title": "T1"], principal: .system)
        let section = try await repository.create(in: sections, type: "Section", name: "news", properties: nil, principal: .system)
        return (repository, doc, section)
    }

    func count(_ repository: Repository, _ nxql: String, as principal: Principal = .system) async throws -> Int {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 100), principal: principal)).page.resultsCount
    }

    @Test func publishingChecksInAndShowsTheNewVersion() async throws {
        let (repository, doc, section) = try await fixture()
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        #expect(proxy.isProxy && !proxy.isVersion)
        #expect(proxy.parentId == section.id && proxy.path == "/default-domain/sections/news/doc" && proxy.name == "doc")
        #expect(proxy.proxyVersionableId == doc.id)
        let version = try await repository.document(.id(try #require(proxy.proxyTargetId)))
        #expect(version.isVersion && version.versionLabel == "0.1" && version.versionableId == doc.id)
        #expect(proxy.properties["dc:title"] == "T1" && repository.versionLabel(proxy) == "0.1" && !proxy.isCheckedOut)
        #expect(!proxy.isLiveProxy)
        let live = try await repository.document(.id(doc.id))
        #expect(!live.isCheckedOut && repository.versionLabel(live) == "0.1")
    }

    @Test func republishingUnmodifiedKeepsTheVersionAndOverrideKeepsOneProxy() async throws {
        let (repository, doc, section) = try await fixture()
        let first = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        let again = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        #expect(again.id == first.id && again.proxyTargetId == first.proxyTargetId)
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).count == 1)
        _ = try await repository.update(.id(doc.id), properties: ["dc:title": "T2"], changeToken: nil, userChange: false, principal: .system)
        let republished = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        #expect(republished.id == first.id, "override points the existing proxy at the new version")
        #expect(republished.proxyTargetId != first.proxyTargetId && republished.properties["dc:title"] == "T2")
        #expect(repository.versionLabel(republished) == "0.2")
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).map(\.versionLabel) == ["0.1", "0.2"])
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 1)
        // Without override, a second proxy appears under a free name.
        let second = try await repository.publish(.id(doc.id), to: .id(section.id), override: false, principal: .system)
        #expect(second.id != first.id && second.name != "doc")
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 2)
        // With override and two proxies of the series, both are replaced by one new proxy.
        let replaced = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        #expect(replaced.id != first.id && replaced.id != second.id)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 1)
    }

    @Test func aVersionProxyKeepsItsVersionWhileALiveProxyFollowsEdits() async throws {
        let (repository, doc, section) = try await fixture()
        let published = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        let live = try await repository.createProxy(target: .id(doc.id), in: .id(section.id), principal: .system)
        #expect(live.isLiveProxy && live.proxyTargetId == doc.id && live.name != published.name)
        _ = try await repository.update(.id(doc.id), properties: ["dc:title": "Edited"], changeToken: nil, userChange: false, principal: .system)
        #expect(try await repository.document(.id(live.id)).properties["dc:title"] == "Edited")
        #expect(try await repository.document(.id(live.id)).isCheckedOut)
        #expect(try await repository.document(.id(published.id)).properties["dc:title"] == "T1")
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1 AND dc:title = 'Edited'") == 1)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:fulltext = 'Edited' AND ecm:isProxy = 1") == 1)
    }

    @Test func theSectionACLDecidesWhoReadsAProxy() async throws {
        let (repository, doc, section) = try await fixture()
        let folderId = try #require(doc.parentId)
        _ = try await repository.blockInheritance(.id(folderId), principal: .system)
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        await #expect(throws: NXError.self) { _ = try await repository.document(.id(doc.id), principal: reader) }
        let seen = try await repository.document(.id(proxy.id), principal: reader)
        #expect(seen.properties["dc:title"] == "T1")
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1", as: reader) == 1)
        // The source behind the proxy stays protected.
        await #expect(throws: NXError.forbidden("Privilege 'Read' is not granted to 'rita'")) {
            _ = try await repository.liveDocument(of: .id(proxy.id), principal: reader)
        }
        // Publishing needs AddChildren on the section.
        await #expect(throws: NXError.forbidden("Privilege 'AddChildren' is not granted to 'rita'")) {
            _ = try await repository.publish(.id(proxy.id), to: .id(section.id), principal: reader)
        }
    }

    @Test func nxqlSeesTheThreeProxyProperties() async throws {
        let (repository, doc, section) = try await fixture()
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        let target = try #require(proxy.proxyTargetId)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 1)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:proxyTargetId = '\(target)'") == 1)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:proxyVersionableId = '\(doc.id)'") == 1)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:proxyVersionableId = 'nope'") == 0)
        #expect(try await count(repository, "SELECT * FROM File WHERE ecm:isProxy = 0 AND ecm:isVersion = 0") == 1)
        #expect(try await count(repository, "SELECT * FROM File WHERE ecm:path STARTSWITH '/default-domain/sections'") == 1)
    }

    @Test func unpublishingAndRemovingProxiesKeepTheirTargets() async throws {
        let (repository, doc, section) = try await fixture()
        let other = try await repository.create(in: sections, type: "Section", name: "other", properties: nil, principal: .system)
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        _ = try await repository.publish(.id(doc.id), to: .id(other.id), principal: .system)
        _ = try await repository.createProxy(target: .id(doc.id), in: .id(other.id), principal: .system)
        #expect(try await repository.proxies(of: .id(doc.id), principal: .system).count == 3)
        #expect(try await repository.publications(of: doc, principal: .system).count == 3)
        #expect(try await repository.proxies(of: .id(try #require(proxy.proxyTargetId)), principal: .system).count == 2)
        #expect(try await repository.unpublishAll(.id(doc.id), principal: .system) == 3)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 0)
        #expect(try await repository.document(.id(doc.id)).properties["dc:title"] == "T1")
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).count == 1)
        // Deleting a proxy never deletes the version it shows.
        let again = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        try await repository.delete(.id(again.id), principal: .system)
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).count == 1)
        _ = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        #expect(try await repository.removeProxies(of: .id(doc.id), principal: .system) == 1)
    }

    @Test func deletingTheSectionOrTheSourceAsNuxeoDoes() async throws {
        let (repository, doc, section) = try await fixture()
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        let version = try #require(proxy.proxyTargetId)
        // A version a proxy shows cannot be deleted; the live document's folder can, and the published version stays.
        await #expect(throws: NXError.conflict("Cannot remove \(version), subdocument \(version) is the target of proxy \(proxy.id)")) {
            try await repository.delete(.id(version), principal: .system)
        }
        try await repository.delete(.id(try #require(doc.parentId)), principal: .system)
        let kept = try await repository.document(.id(proxy.id))
        #expect(kept.properties["dc:title"] == "T1")
        #expect(try await repository.document(.id(version)).isVersion)
        await #expect(throws: NXError.self) { _ = try await repository.liveDocument(of: .id(proxy.id), principal: .system) }
        // Deleting the section deletes the proxies beneath it.
        try await repository.delete(.id(section.id), principal: .system)
        await #expect(throws: NXError.notFound(proxy.id)) { _ = try await repository.document(.id(proxy.id)) }
    }

    @Test func aLiveProxyBlocksTheDeletionOfItsTarget() async throws {
        let (repository, doc, section) = try await fixture()
        let live = try await repository.createProxy(target: .id(doc.id), in: .id(section.id), principal: .system)
        await #expect(throws: NXError.conflict("Cannot remove \(try #require(doc.parentId)), subdocument \(doc.id) is the target of proxy \(live.id)")) {
            try await repository.delete(.id(try #require(doc.parentId)), principal: .system)
        }
        try await repository.delete(.id(live.id), principal: .system)
        try await repository.delete(.id(try #require(doc.parentId)), principal: .system)
    }

    @Test func badInputIsRefusedWithoutDamage() async throws {
        let (repository, doc, section) = try await fixture()
        let folderId = try #require(doc.parentId)
        await #expect(throws: NXError.invalid("Cannot create a proxy in /default-domain/workspaces/wip/doc: it is not folderish")) {
            _ = try await repository.publish(.id(section.id), to: .id(doc.id), principal: .system)
        }
        await #expect(throws: NXError.invalid("Cannot publish /default-domain/workspaces/wip: documents of type Folder cannot be versioned")) {
            _ = try await repository.publish(.id(folderId), to: .id(section.id), principal: .system)
        }
        await #expect(throws: NXError.invalid("Cannot publish /default-domain/sections/news into itself")) {
            _ = try await repository.createProxy(target: .id(section.id), in: .id(section.id), principal: .system)
        }
        await #expect(throws: NXError.notFound("/nowhere")) {
            _ = try await repository.publish(.id(doc.id), to: .path("/nowhere"), principal: .system)
        }
        let proxy = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system)
        await #expect(throws: NXError.invalid("Cannot create a proxy in \(proxy.id): it is a version or a proxy")) {
            _ = try await repository.createProxy(target: .id(doc.id), in: .id(proxy.id), principal: .system)
        }
        await #expect(throws: NXError.self) {
            _ = try await repository.update(.id(proxy.id), properties: ["dc:title": "x"], changeToken: nil, userChange: false, principal: .system)
        }
        // A proxy of a proxy is a copy: same target, same series.
        let other = try await repository.create(in: sections, type: "Section", name: "other", properties: nil, principal: .system)
        let copy = try await repository.publish(.id(proxy.id), to: .id(other.id), principal: .system)
        #expect(copy.proxyTargetId == proxy.proxyTargetId && copy.proxyVersionableId == doc.id && copy.id != proxy.id)
        #expect(try await repository.liveDocument(of: .id(copy.id), principal: .system).id == doc.id)
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 2)
    }

    @Test func concurrentPublishingWithOverrideLeavesOneProxy() async throws {
        let (repository, doc, section) = try await fixture()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try await repository.publish(.id(doc.id), to: .id(section.id), principal: .system) }
            }
            try await group.waitForAll()
        }
        #expect(try await count(repository, "SELECT * FROM Document WHERE ecm:isProxy = 1") == 1)
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).count == 1)
    }
}
