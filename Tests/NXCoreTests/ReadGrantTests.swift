@testable import NXCore
import NXRuntime
import Testing

/// The read ACLs each principal set passes, precomputed in `read_acl_grants`: recorded on first use, extended when a new
/// read ACL appears, and a filter whose SQL does not grow with the repository's read ACLs.
@Suite struct ReadGrantTests {
    let ws = DocumentRef.path("/default-domain/workspaces")

    func count(_ repository: Repository, _ nxql: String, as principal: Principal) async throws -> Int {
        try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 100), principal: principal)).page.resultsCount
    }

    /// A folder under the workspaces with one file, readable by `reader` only (inheritance blocked).
    func privateFolder(_ repository: Repository, _ name: String, reader: String) async throws -> DocumentRecord {
        let folder = try await repository.create(in: ws, type: "Folder", name: name, properties: nil, principal: .system)
        _ = try await repository.create(in: .id(folder.id), type: "File", name: "file", properties: nil, principal: .system)
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: reader, permission: "Read")], blockInheritance: true,
                                               principal: .system)
        return folder
    }

    @Test func aSetRecordedEarlierIsGrantedReadACLsCreatedLater() async throws {
        let repository = try await makeRepository()
        let ann = Principal(name: "ann", groups: ["team"])
        let files = "SELECT * FROM File"
        #expect(try await count(repository, files, as: ann) == 0)
        let recorded = try #require(try await repository.principalSet(ann))
        _ = try await privateFolder(repository, "a", reader: "team")
        _ = try await privateFolder(repository, "b", reader: "bob")
        #expect(try await count(repository, files, as: ann) == 1, "the new ACL granting `team` reaches the recorded set")
        #expect(try await repository.principalSet(ann) == recorded, "the same names are the same set")
        // Another membership is another set, computed when first seen.
        let moved = Principal(name: "ann", groups: ["other"])
        #expect(try await repository.principalSet(moved) != recorded)
        #expect(try await count(repository, files, as: moved) == 0)
        #expect(try await count(repository, files, as: Principal(name: "bob")) == 1)
        #expect(try await repository.principalSet(.system) == nil, "administrators are not filtered")
    }

    @Test func theFilterDoesNotGrowWithTheRepositorysReadACLs() async throws {
        let repository = try await makeRepository()
        let member = Principal(name: "joe", groups: ["members"])
        let set = try await repository.principalSet(member)
        let before = try await repository.store.read { tx in try repository.readFilter(member, set: set, tx) }
        for i in 0..<30 { _ = try await privateFolder(repository, "f\(i)", reader: "user\(i)") }
        _ = try await privateFolder(repository, "mine", reader: "joe")
        let after = try await repository.store.read { tx in try repository.readFilter(member, set: set, tx) }
        let statement = try #require(after).condition("d.read_acl_id")
        #expect(statement == (try #require(before)).condition("d.read_acl_id"), "one bound argument, 33 read ACLs later")
        #expect(statement.arguments.count == 1)
        // joe reads everything under the root policy except the 30 private folders (and their files), plus his own.
        let readable = try await count(repository, "SELECT * FROM File", as: member)
        #expect(readable == 1)
    }

    /// A user name may hold `@` (an email address): it is a name, not a time window.
    @Test func userNamesWithAtSignsAreGranted() async throws {
        let repository = try await makeRepository()
        _ = try await privateFolder(repository, "mail", reader: "jdoe@example.com")
        #expect(try await count(repository, "SELECT * FROM File", as: Principal(name: "jdoe@example.com")) == 1)
        #expect(try await count(repository, "SELECT * FROM File", as: Principal(name: "jdoe")) == 0)
        #expect(!Repository.readACLIsTimed("+jdoe@example.com,-Everyone"))
        #expect(Repository.readACLIsTimed("+jdoe@example.com@100~200,-Everyone"))
        #expect(Repository.readACLAllows("+jdoe@example.com@100~200", ["jdoe@example.com"], at: 150))
        #expect(!Repository.readACLAllows("+jdoe@example.com@100~200", ["jdoe@example.com"], at: 250))
    }

    /// A timed read ACL is decided per request, not precomputed: the same set reads it only inside its window.
    @Test func timedReadACLsAreDecidedAtTheTimeOfTheRequest() async throws {
        let clock = Clock()
        let repository = try await makeRepository(clock: { clock.now })
        let eve = Principal(name: "eve")
        let set = try await repository.principalSet(eve)
        let folder = try await repository.create(in: ws, type: "Folder", name: "f", properties: nil, principal: .system)
        _ = try await repository.create(in: .id(folder.id), type: "File", name: "doc", properties: nil, principal: .system)
        _ = try await repository.addPermission(.id(folder.id), [ACE(username: "eve", permission: "Read", begin: clock.now + 10, end: clock.now + 20)],
                                               principal: .system)
        #expect(try await repository.store.read { tx in try repository.readFilter(eve, set: set, tx) }?.timed == [])
        clock.now += 15
        #expect(try await repository.store.read { tx in try repository.readFilter(eve, set: set, tx) }?.timed.count == 1)
        #expect(try await count(repository, "SELECT * FROM File", as: eve) == 1)
        #expect(try await repository.children(of: .id(folder.id), request: PageRequest(), principal: eve).resultsCount == 1)
    }
}
