import NXCore
import NXRuntime
import Testing

/// Versioning, lifecycle, trash, locks, copy/move and the audit log, through the repository.
@Suite struct DocumentModelTests {
    let ws = DocumentRef.path("/default-domain/workspaces")

    func file(_ repository: Repository, _ name: String = "f", in parent: DocumentRef? = nil) async throws -> DocumentRecord {
        try await repository.create(in: parent ?? ws, type: "File", name: name, properties: ["dc:title": .string(name)], principal: .unrestricted("bob"))
    }

    func events(_ repository: Repository, _ id: String) async throws -> [String] {
        try await repository.auditLog(.id(id), filter: AuditQuery(docUUID: id), request: PageRequest(pageSize: 100), principal: .system).entries.map(\.eventId)
    }

    @Test func versioningNumbersLabelsAndFlags() async throws {
        let repository = try await makeRepository()
        let doc = try await file(repository)
        #expect(repository.versionLabel(doc) == "0.0" && doc.isCheckedOut)
        #expect(doc.properties["uid:major_version"] == .int(0))
        let v1 = try await repository.checkIn(.id(doc.id), increment: .minor, principal: .unrestricted("bob"))
        #expect(v1.isVersion && v1.versionLabel == "0.1" && v1.versionableId == doc.id && v1.isLatestVersion && !v1.isLatestMajorVersion)
        #expect(v1.path == doc.path && !v1.isCheckedOut && v1.parentId == nil)
        let live = try await repository.document(.id(doc.id))
        #expect(!live.isCheckedOut && repository.versionLabel(live) == "0.1")
        // A change checks the document out: "0.1+".
        let changed = try await repository.update(.id(doc.id), properties: ["dc:title": "T2"], changeToken: nil, userChange: false, principal: .unrestricted("bob"))
        #expect(changed.isCheckedOut && repository.versionLabel(changed) == "0.1+")
        // Saving with MAJOR returns the new version 1.0 and leaves the live document checked in.
        let v2 = try await repository.update(.id(doc.id), properties: ["dc:title": "T3"], changeToken: nil, userChange: false,
                                             principal: .unrestricted("bob"), versioning: .major)
        #expect(v2.isVersion && v2.versionLabel == "1.0" && v2.isLatestMajorVersion && v2.properties["dc:title"] == "T3")
        #expect(try await repository.document(.id(v1.id)).isLatestVersion == false)
        let versions = try await repository.versions(of: .id(doc.id), principal: .system)
        #expect(versions.map(\.versionLabel) == ["0.1", "1.0"])
        #expect(versions.allSatisfy { $0.path == doc.path })
        // Versions are immutable.
        await #expect(throws: NXError.invalid("Cannot modify a version: \(v1.id)")) {
            _ = try await repository.update(.id(v1.id), properties: ["dc:title": "x"], changeToken: nil, userChange: false, principal: .unrestricted("bob"))
        }
        // NXQL sees versions through the ecm: properties, and path queries do not.
        let query = { (nxql: String) in try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 10), principal: .system)).page.resultsCount }
        #expect(try await query("SELECT * FROM File WHERE ecm:isVersion = 1") == 2)
        #expect(try await query("SELECT * FROM File WHERE ecm:isLatestVersion = 1") == 1)
        #expect(try await query("SELECT * FROM File WHERE ecm:isCheckedIn = 1 AND ecm:isVersion = 0") == 1)
        #expect(try await query("SELECT * FROM File WHERE ecm:path STARTSWITH '/default-domain'") == 1)
        // Deleting the live document removes its versions.
        try await repository.delete(.id(doc.id), principal: .unrestricted("bob"))
        #expect(try await query("SELECT * FROM File") == 0)
    }

    /// A versioning option on a document that cannot be versioned (a Folder) is ignored, as Nuxeo's versioning service
    /// does: the update is saved, no version is made.
    @Test func versioningOptionOnAnUnversionableDocumentIsIgnored() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "plain", properties: nil,
                                                 principal: .system)
        let updated = try await repository.update(.id(folder.id), properties: ["dc:title": "renamed"], changeToken: nil, userChange: true,
                                                  principal: .system, versioning: .major)
        #expect(updated.id == folder.id && !updated.isVersion)
        #expect(updated.properties["dc:title"] == "renamed")
    }

    @Test func lifecycleTransitions() async throws {
        let repository = try await makeRepository()
        let doc = try await file(repository)
        #expect(doc.state == "project" && repository.allowedTransitions(doc).sorted() == ["approve", "delete", "obsolete"])
        let approved = try await repository.followTransition(.id(doc.id), transition: "approve", principal: .unrestricted("bob"))
        #expect(approved.state == "approved")
        await #expect(throws: NXError.invalid("Not allowed to follow transition <approve> from state <approved>")) {
            _ = try await repository.followTransition(.id(doc.id), transition: "approve", principal: .unrestricted("bob"))
        }
        #expect(try await repository.followTransition(.id(doc.id), transition: "backToProject", principal: .unrestricted("bob")).state == "project")
        let log = try await repository.auditLog(.id(doc.id), filter: AuditQuery(docUUID: doc.id, categories: ["eventLifeCycleCategory"]),
                                                request: PageRequest(), principal: .system)
        #expect(log.entries.map(\.docLifeCycle) == ["project", "approved"])
    }

    @Test func trashKeepsTheSubtreeAndRestoresNames() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: ws, type: "Folder", name: "folder", properties: nil, principal: .unrestricted("bob"))
        let child = try await file(repository, "child", in: .id(folder.id))
        let trashed = try await repository.trash(.id(folder.id), principal: .unrestricted("bob"))
        #expect(trashed.isTrashed && trashed.name.hasPrefix("folder._") && trashed.name.hasSuffix("_.trashed"))
        let trashedChild = try await repository.document(.id(child.id))
        #expect(trashedChild.isTrashed && trashedChild.path == trashed.path + "/child")
        #expect(try await repository.query("SELECT * FROM Document WHERE ecm:isTrashed = 1", options: QueryOptions(request: PageRequest(), principal: .system)).page.resultsCount == 2)
        // The name is free again: a new "folder" can be created, so the restored one gets a unique name.
        _ = try await repository.create(in: ws, type: "Folder", name: "folder", properties: nil, principal: .unrestricted("bob"))
        let restored = try await repository.untrash(.id(folder.id), principal: .unrestricted("bob"))
        #expect(!restored.isTrashed && restored.name.hasPrefix("folder.") && restored.name != "folder")
        #expect(try await repository.document(.id(child.id)).isTrashed == false)
        #expect(try await events(repository, child.id) == ["documentUntrashed", "documentTrashed", "documentCreated"])
    }

    @Test func locksBlockOtherWriters() async throws {
        let repository = try await makeRepository()
        let doc = try await file(repository)
        let locked = try await repository.lock(.id(doc.id), principal: .unrestricted("bob"))
        #expect(locked.lockOwner == "bob" && locked.lockCreated != nil)
        #expect(try await repository.lock(.id(doc.id), principal: .unrestricted("bob")).lockCreated == locked.lockCreated, "relocking keeps the lock")
        await #expect(throws: NXError.conflict("Document already locked by bob: \(doc.id)")) {
            _ = try await repository.lock(.id(doc.id), principal: .unrestricted("alice"))
        }
        await #expect(throws: NXError.conflict("Document already locked by bob: \(doc.id)")) {
            _ = try await repository.update(.id(doc.id), properties: ["dc:title": "x"], changeToken: nil, userChange: false, principal: .unrestricted("alice"))
        }
        // A writer without the Unlock permission cannot break someone else's lock.
        _ = try await repository.addPermission(.id(doc.id), [ACE(username: "alice", permission: "ReadWrite")], principal: .system)
        await #expect(throws: NXError.conflict("Document already locked by bob: \(doc.id)")) {
            _ = try await repository.unlock(.id(doc.id), principal: Principal(name: "alice"))
        }
        #expect(try await repository.update(.id(doc.id), properties: ["dc:title": "y"], changeToken: nil, userChange: false, principal: .unrestricted("bob"))
            .properties["dc:title"] == "y")
        #expect(try await repository.unlock(.id(doc.id), principal: .unrestricted("Administrator")).lockOwner == nil)
        #expect(try await events(repository, doc.id) == ["documentUnlocked", "documentModified", "documentSecurityUpdated", "documentLocked", "documentCreated"])
    }

    @Test func copyAndMove() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: ws, type: "Folder", name: "src", properties: nil, principal: .unrestricted("bob"))
        let child = try await file(repository, "child", in: .id(folder.id))
        let target = try await repository.create(in: ws, type: "Folder", name: "dst", properties: nil, principal: .unrestricted("bob"))
        let copy = try await repository.copy(.id(folder.id), to: .id(target.id), principal: .unrestricted("bob"))
        #expect(copy.id != folder.id && copy.path == "/default-domain/workspaces/dst/src")
        let copiedChild = try await repository.document(.path("/default-domain/workspaces/dst/src/child"))
        #expect(copiedChild.id != child.id && copiedChild.parentId == copy.id && copiedChild.properties["dc:title"] == "child")
        let again = try await repository.copy(.id(folder.id), to: .id(target.id), principal: .unrestricted("bob"))
        #expect(again.name.hasPrefix("src.") && again.name.count == "src.".count + 13)
        let moved = try await repository.move(.id(folder.id), to: .id(target.id), name: "renamed", principal: .unrestricted("bob"))
        #expect(moved.id == folder.id && moved.path == "/default-domain/workspaces/dst/renamed")
        #expect(try await repository.document(.id(child.id)).path == "/default-domain/workspaces/dst/renamed/child")
        await #expect(throws: NXError.self) { _ = try await repository.move(.id(target.id), to: .id(folder.id), principal: .unrestricted("bob")) }
        #expect(try await events(repository, copy.id) == ["documentCreatedByCopy"])
        #expect(try await events(repository, folder.id) == ["documentMoved", "documentDuplicated", "documentDuplicated", "documentCreated"])
    }

    @Test func auditFiltersAndAtomicity() async throws {
        let repository = try await makeRepository()
        let doc = try await file(repository)
        _ = try await repository.update(.id(doc.id), properties: ["dc:title": "A"], changeToken: nil, userChange: false, principal: .unrestricted("alice"))
        _ = try await repository.update(.id(doc.id), properties: ["dc:title": "A"], changeToken: nil, userChange: false, principal: .unrestricted("alice"))
        #expect(try await events(repository, doc.id) == ["documentModified", "documentCreated"], "an unchanged save is not audited")
        let byAlice = try await repository.auditLog(.id(doc.id), filter: AuditQuery(docUUID: doc.id, principalNames: ["alice"]), request: PageRequest(), principal: .system)
        #expect(byAlice.entries.map(\.eventId) == ["documentModified"] && byAlice.resultsCount == 1)
        let page = try await repository.auditLog(.id(doc.id), filter: AuditQuery(docUUID: doc.id), request: PageRequest(pageSize: 1), principal: .system)
        #expect(page.entries.count == 1 && page.resultsCount == 2 && page.numberOfPages == 2)
        // A write that fails leaves neither the document nor the log changed.
        await #expect(throws: NXError.self) {
            _ = try await repository.update(.id(doc.id), properties: ["dc:title": "B"], changeToken: "0-99", userChange: true, principal: .unrestricted("alice"))
        }
        #expect(try await repository.document(.id(doc.id)).properties["dc:title"] == "A")
        #expect(try await events(repository, doc.id).count == 2)
    }
}

extension DocumentModelTests {
    @Test func deletingAVersionMovesTheLatestFlags() async throws {
        let repository = try await makeRepository()
        let doc = try await file(repository)
        let v1 = try await repository.checkIn(.id(doc.id), increment: .major, principal: .system)
        _ = try await repository.checkOut(.id(doc.id), principal: .system)
        let v2 = try await repository.checkIn(.id(doc.id), increment: .minor, principal: .system)
        // v2 is the base version of the checked-in document: it stays.
        await #expect(throws: NXError.self) { try await repository.delete(.id(v2.id), principal: .system) }
        _ = try await repository.checkOut(.id(doc.id), principal: .system)
        try await repository.delete(.id(v2.id), principal: .system)
        let remaining = try await repository.versions(of: .id(doc.id), principal: .system)
        #expect(remaining.map(\.id) == [v1.id] && remaining[0].isLatestVersion && remaining[0].isLatestMajorVersion)
        #expect(try await events(repository, doc.id).first == "versionRemoved")
    }
}
