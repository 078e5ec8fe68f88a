import NXCore
import NXRuntime
import Testing

/// ACLs enforced by the repository: reads, queries and counts in SQL, writes by permission.
@Suite struct SecurityTests {
    let ws = DocumentRef.path("/default-domain/workspaces")
    let member = Principal(name: "joe", groups: ["members"])
    let outsider = Principal(name: "eve")

    func count(_ repository: Repository, _ nxql: String, as principal: Principal) async throws -> Int {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 100), principal: principal)).page.resultsCount
    }

    @Test func defaultACLLetsMembersReadAndAdministratorsDoEverything() async throws {
        let repository = try await makeRepository()
        let acp = try await repository.acp(of: .path("/default-domain"), principal: .system)
        #expect(acp.acls.map(\.name) == ["inherited"])
        #expect(acp.acls[0].aces.map(\.id) == ["Administrator:Everything:true:::", "administrators:Everything:true:::", "members:Read:true:::"])
        #expect(try await repository.document(.path("/default-domain"), principal: member).type == "Domain")
        await #expect(throws: NXError.forbidden("Privilege 'Read' is not granted to 'eve'")) {
            _ = try await repository.document(.path("/default-domain"), principal: outsider)
        }
        await #expect(throws: NXError.forbidden("Privilege 'AddChildren' is not granted to 'joe'")) {
            _ = try await repository.create(in: ws, type: "File", name: "f", properties: nil, principal: member)
        }
        #expect(try await count(repository, "SELECT * FROM Document", as: outsider) == 0)
        let all = try await count(repository, "SELECT * FROM Document", as: .system)
        #expect(try await count(repository, "SELECT * FROM Document", as: member) == all)
    }

    @Test func grantsAndBlockedInheritanceShapeWhatQueriesReturn() async throws {
        let repository = try await makeRepository()
        let project = try await repository.create(in: ws, type: "Folder", name: "project", properties: nil, principal: .system)
        let secret = try await repository.create(in: .id(project.id), type: "Folder", name: "secret", properties: nil, principal: .system)
        for name in ["a", "b"] { _ = try await repository.create(in: .id(project.id), type: "File", name: name, properties: nil, principal: .system) }
        for name in ["x", "y", "z"] { _ = try await repository.create(in: .id(secret.id), type: "File", name: name, properties: nil, principal: .system) }
        let files = "SELECT * FROM File WHERE ecm:ancestorId = '\(project.id)'"
        #expect(try await count(repository, files, as: member) == 5)
        #expect(try await count(repository, files, as: outsider) == 0)

        // eve gets ReadWrite on the project: she sees it all and may create there.
        _ = try await repository.addPermission(.id(project.id), [ACE(username: "eve", permission: "ReadWrite")], principal: .system)
        #expect(try await count(repository, files, as: outsider) == 5)
        let created = try await repository.create(in: .id(project.id), type: "File", name: "c", properties: nil, principal: outsider)
        #expect(created.properties["dc:creator"] == "eve")

        // Blocking inheritance on `secret` hides it from everyone but its new owner (and administrators).
        _ = try await repository.blockInheritance(.id(secret.id), principal: .unrestricted("owner"))
        #expect(try await count(repository, files, as: outsider) == 3)
        #expect(try await count(repository, files, as: member) == 3)
        #expect(try await count(repository, files, as: Principal(name: "owner")) == 3, "the owner keeps Everything on secret only")
        let page = try await repository.children(of: .id(secret.id), request: PageRequest(), principal: Principal(name: "owner"))
        #expect(page.resultsCount == 3)
        await #expect(throws: NXError.forbidden("Privilege 'Read' is not granted to 'eve'")) {
            _ = try await repository.children(of: .id(secret.id), request: PageRequest(), principal: outsider)
        }
        let secretACP = try await repository.acp(of: .id(secret.id), principal: .system)
        #expect(secretACP.acls[0].aces.last == Repository.blockInheritanceACE)

        // Moving a file out of `secret` makes it visible again; unblocking restores the rest.
        let x = try await repository.document(.path(secret.path + "/x"))
        _ = try await repository.move(.id(x.id), to: .id(project.id), principal: .system)
        #expect(try await count(repository, files, as: outsider) == 4)
        _ = try await repository.unblockInheritance(.id(secret.id), principal: .system)
        #expect(try await count(repository, files, as: outsider) == 6)
        _ = try await repository.removePermission(.id(project.id), id: nil, user: "eve", principal: .system)
        #expect(try await count(repository, files, as: outsider) == 0)
    }

    /// A grant added after inheritance was blocked goes before the blocking entry (Nuxeo's `ACPImpl.addACE`), so it
    /// takes effect: the user reads the folder, its children and finds them by query.
    @Test func grantAfterBlockedInheritanceTakesEffect() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: ws, type: "Folder", name: "closed", properties: nil, principal: .system)
        _ = try await repository.create(in: .id(folder.id), type: "File", name: "inside", properties: nil, principal: .system)
        _ = try await repository.blockInheritance(.id(folder.id), principal: .system)
        #expect(try await count(repository, "SELECT * FROM File WHERE ecm:parentId = '\(folder.id)'", as: outsider) == 0)
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: "eve", permission: "Read")], principal: .system)
        let acl = try #require(try await repository.acp(of: .id(folder.id), principal: .system).acls.first)
        #expect(acl.aces.last == Repository.blockInheritanceACE)
        #expect(acl.aces.firstIndex { $0.username == "eve" } == acl.aces.count - 2)
        #expect(try await repository.document(.id(folder.id), principal: outsider).id == folder.id)
        #expect(try await count(repository, "SELECT * FROM File WHERE ecm:parentId = '\(folder.id)'", as: outsider) == 1)
        #expect(try await repository.children(of: .id(folder.id), request: PageRequest(), principal: outsider).resultsCount == 1)
        // Replacing it keeps its place before the block.
        let eve = try #require(acl.aces.first { $0.username == "eve" })
        _ = try await repository.replacePermission(.id(folder.id), id: eve.id, with: ACE(username: "eve", permission: "ReadWrite"), principal: .system)
        let replaced = try #require(try await repository.acp(of: .id(folder.id), principal: .system).acls.first)
        #expect(replaced.aces.last == Repository.blockInheritanceACE)
        #expect(try await repository.create(in: .id(folder.id), type: "File", name: "by-eve", properties: nil, principal: outsider).name == "by-eve")
    }

    @Test func writesNeedTheirPermission() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: ws, type: "Folder", name: "f", properties: nil, principal: .system)
        let file = try await repository.create(in: .id(folder.id), type: "File", name: "doc", properties: nil, principal: .system)
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: "eve", permission: "Read")], principal: .system)
        await #expect(throws: NXError.forbidden("Privilege 'WriteProperties' is not granted to 'eve'")) {
            _ = try await repository.update(.id(file.id), properties: ["dc:title": "x"], changeToken: nil, userChange: false, principal: outsider)
        }
        await #expect(throws: NXError.forbidden("Privilege 'Remove' is not granted to 'eve'")) { try await repository.delete(.id(file.id), principal: outsider) }
        await #expect(throws: NXError.forbidden("Privilege 'WriteLifeCycle' is not granted to 'eve'")) {
            _ = try await repository.followTransition(.id(file.id), transition: "approve", principal: outsider)
        }
        await #expect(throws: NXError.forbidden("Privilege 'WriteSecurity' is not granted to 'eve'")) {
            _ = try await repository.addPermission(.id(file.id), [ACE(username: "eve", permission: "Everything")], principal: outsider)
        }
        await #expect(throws: NXError.invalid("Permission Fly is invalid.")) {
            _ = try await repository.addPermission(.id(file.id), [ACE(username: "eve", permission: "Fly")], principal: .system)
        }
        // A version reads as its live document.
        let version = try await repository.checkIn(.id(file.id), increment: .major, principal: .system)
        #expect(try await repository.document(.id(version.id), principal: outsider).isVersion)
        #expect(try await repository.permissions(on: file, principal: outsider) == ["Read", "Browse", "ReadVersion", "ReadProperties", "ReadChildren", "ReadLifeCycle", "ReviewParticipant", "RestrictedRead"])
    }
}

extension SecurityTests {
    @Test func timeBoundEntriesApplyOnlyWithinTheirWindow() async throws {
        let clock = Clock()
        let repository = try await makeRepository(clock: { clock.now })
        let folder = try await repository.create(in: ws, type: "Folder", name: "f", properties: nil, principal: .system)
        _ = try await repository.create(in: .id(folder.id), type: "File", name: "doc", properties: nil, principal: .system)
        let start = clock.now + 1000, end = clock.now + 2000
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: "eve", permission: "Read", begin: start, end: end)], principal: .system)
        let files = "SELECT * FROM File WHERE ecm:ancestorId = '\(folder.id)'"
        #expect(try await count(repository, files, as: outsider) == 0, "pending")
        clock.now = start + 1
        #expect(try await count(repository, files, as: outsider) == 1, "effective")
        #expect(try await repository.acp(of: .id(folder.id), principal: .system).acls[0].aces[0].status(at: clock.now) == "effective")
        clock.now = end + 1
        #expect(try await count(repository, files, as: outsider) == 0, "archived")
    }
}

/// A settable clock for repositories under test.
final class Clock: @unchecked Sendable {
    var now: Int64 = 1_700_000_000_000
}

extension SecurityTests {
    @Test func securedPropertiesAreSetOnlyByAdministrators() async throws {
        let repository = try await makeRepository()
        let folder = try await repository.create(in: ws, type: "Folder", name: "f", properties: nil, principal: .system)
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: "eve", permission: "ReadWrite")], principal: .system)
        // An administrator may set them, and its values are kept over the automatic ones.
        let imported = try await repository.create(in: .id(folder.id), type: "File", name: "imported",
                                                   properties: ["dc:creator": "legacy", "dc:created": "2001-02-03T04:05:06.000Z"],
                                                   principal: .unrestricted("Administrator"))
        #expect(imported.properties["dc:creator"] == "legacy" && imported.properties["dc:created"] == "2001-02-03T04:05:06.000Z")
        #expect(imported.properties["dc:lastContributor"] == "Administrator")
        // Another user may not change them…
        await #expect(throws: NXError.invalid("Cannot set the value of property: creator since it is readonly")) {
            _ = try await repository.create(in: .id(folder.id), type: "File", name: "x", properties: ["dc:creator": "someone"], principal: outsider)
        }
        await #expect(throws: NXError.invalid("Cannot set the value of property: creator since it is readonly")) {
            _ = try await repository.update(.id(imported.id), properties: ["dc:creator": "eve"], changeToken: nil, userChange: false, principal: outsider)
        }
        // …but may send them back unchanged (a read-modify-write round trip), and the server maintains them.
        var roundTrip = imported.properties
        roundTrip["dc:title"] = "T"
        let edited = try await repository.update(.id(imported.id), properties: roundTrip, changeToken: nil, userChange: false, principal: outsider)
        #expect(edited.properties["dc:creator"] == "legacy" && edited.properties["dc:lastContributor"] == "eve")
        #expect(edited.properties["dc:contributors"] == ["Administrator", "eve"])
    }
}
