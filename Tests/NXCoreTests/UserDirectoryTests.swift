import Foundation
import NXCore
import NXRuntime
import Testing

/// A seeded user directory on a fresh SQLite file (cheap bcrypt cost).
func makeUserDirectory() async throws -> UserDirectory {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxusers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let users = UserDirectory(store: try await TestStore.open(directory: directory.path), cost: 4)
    try await users.seed()
    return users
}

@Suite struct UserDirectoryTests {
    @Test func seedsAdministratorAndDefaultGroups() async throws {
        let users = try await makeUserDirectory()
        try await users.seed()
        let admin = try #require(try await users.authenticate(name: "Administrator", password: "Administrator"))
        #expect(admin.groups == ["administrators"])
        #expect(admin.isAdministrator)
        #expect(admin.email == "devnull@nuxeo.com")
        #expect(try await users.authenticate(name: "Administrator", password: "wrong") == nil)
        #expect(try await users.group("members")?.label == "Members group")
        #expect(try await users.group("powerusers")?.label == "Power users group")
        #expect(try await users.group("administrators")?.memberUsers == ["Administrator"])
    }

    @Test func passwordsAreHashedAndKeptOnUpdate() async throws {
        let users = try await makeUserDirectory()
        var jerome = UserRecord(name: "jérôme", firstName: "Jérôme", groups: ["members"])
        jerome = try await users.createUser(jerome, password: "pässwörd")
        #expect(try await users.authenticate(name: "jérôme", password: "pässwörd") != nil)
        jerome.lastName = "Durand"
        _ = try await users.updateUser(jerome, password: nil)
        #expect(try await users.authenticate(name: "jérôme", password: "pässwörd")?.lastName == "Durand")
        try await users.setPassword(name: "jérôme", password: "new")
        #expect(try await users.authenticate(name: "jérôme", password: "pässwörd") == nil)
        #expect(try await users.checkPassword(name: "jérôme", password: "new"))
        await #expect(throws: NXError.self) { _ = try await users.createUser(UserRecord(name: "jérôme"), password: "x") }
        await #expect(throws: NXError.self) { _ = try await users.createUser(UserRecord(name: "z", groups: ["nope"]), password: "x") }
    }

    @Test func subgroupsGiveInheritedGroups() async throws {
        let users = try await makeUserDirectory()
        _ = try await users.createGroup(GroupRecord(name: "top", label: "Top"))
        _ = try await users.createGroup(GroupRecord(name: "mid", parentGroups: ["top"]))
        _ = try await users.createGroup(GroupRecord(name: "leaf", parentGroups: ["mid"]))
        let bob = try await users.createUser(UserRecord(name: "bob", groups: ["leaf", "members"]), password: "b")
        #expect(bob.groups == ["leaf", "members"])
        #expect(bob.allGroups == ["leaf", "members", "mid", "top"])
        #expect(!bob.isAdministrator)
        #expect(try await users.group("top")?.memberGroups == ["mid"])
        #expect(try await users.group("mid")?.parentGroups == ["top"])
        #expect(try await users.groupAndAncestors(["leaf"]) == ["leaf", "mid", "top"])

        // A subgroup of administrators makes its members administrators.
        _ = try await users.updateGroup(GroupRecord(name: "top", label: "Top", memberGroups: ["mid"], parentGroups: ["administrators"]))
        #expect(try await users.authenticate(name: "bob", password: "b")?.isAdministrator == true)

        // Deleting a group removes the memberships through it.
        try await users.deleteGroup("mid")
        #expect(try await users.user("bob")?.allGroups == ["leaf", "members"])
    }

    @Test func membershipAndSearch() async throws {
        let users = try await makeUserDirectory()
        _ = try await users.createUser(UserRecord(name: "alice", firstName: "Alice", email: "a@example.com"), password: "a")
        _ = try await users.createUser(UserRecord(name: "albert", lastName: "Smith"), password: "a")
        try await users.addUser("alice", toGroup: "members")
        try await users.addUser("alice", toGroup: "members")
        #expect(try await users.user("alice")?.groups == ["members"])
        #expect(try await users.searchUsers("al", request: PageRequest()).entries.map(\.name) == ["albert", "alice"])
        #expect(try await users.searchUsers("SMI*", request: PageRequest()).entries.map(\.name) == ["albert"])
        #expect(try await users.searchUsers("a@ex", request: PageRequest()).entries.map(\.name) == ["alice"])
        #expect(try await users.searchUsers("%", request: PageRequest()).entries.isEmpty)
        let all = try await users.searchUsers("*", request: PageRequest(pageSize: 2))
        #expect(all.resultsCount == 3 && all.entries.count == 2 && all.isNextPageAvailable)
        #expect(try await users.searchUsers(nil, inGroup: "members", request: PageRequest()).entries.map(\.name) == ["alice"])
        try await users.removeUser("alice", fromGroup: "members")
        #expect(try await users.user("alice")?.groups == [])
    }

    @Test func everyWriteBumpsTheGeneration() async throws {
        let users = try await makeUserDirectory()
        var last = await users.generation()
        func bumped() async -> Bool {
            let now = await users.generation()
            defer { last = now }
            return now != last
        }
        _ = try await users.createUser(UserRecord(name: "carol"), password: "c")
        #expect(await bumped())
        try await users.setPassword(name: "carol", password: "d")
        #expect(await bumped())
        try await users.addUser("carol", toGroup: "members")
        #expect(await bumped())
        let token = try await users.acquireToken(user: "carol", application: "app", deviceId: "dev", deviceDescription: nil, permission: "rw")
        #expect(await bumped())
        try await users.revokeToken(token)
        #expect(await bumped())
        try await users.deleteUser("carol")
        #expect(await bumped())
        _ = try await users.user("Administrator")
        #expect(!(await bumped()))
    }

    @Test func tokensAreOnePerUserApplicationAndDevice() async throws {
        let users = try await makeUserDirectory()
        _ = try await users.createUser(UserRecord(name: "dave"), password: "d")
        let one = try await users.acquireToken(user: "dave", application: "app", deviceId: "d1", deviceDescription: "Laptop", permission: "rw")
        #expect(try await users.acquireToken(user: "dave", application: "app", deviceId: "d1", deviceDescription: nil, permission: nil) == one)
        let two = try await users.acquireToken(user: "dave", application: "other", deviceId: "d1", deviceDescription: nil, permission: "r")
        #expect(one != two)
        #expect(try await users.tokens(user: "dave").count == 2)
        #expect(try await users.tokens(user: "dave", application: "app").map(\.token) == [one])
        #expect(try await users.authenticate(token: one)?.name == "dave")
        await #expect(throws: NXError.self) {
            _ = try await users.acquireToken(user: "dave", application: "x", deviceId: "d", deviceDescription: nil, permission: nil)
        }
        try await users.deleteUser("dave")
        #expect(try await users.authenticate(token: one) == nil)
        #expect(try await users.token(two) == nil)
    }

    /// Group members, subgroups and parents are stored as given (Nuxeo's group directory references); deleting a user
    /// or a group removes the links that name it.
    @Test func groupReferencesAreStoredAsGiven() async throws {
        let users = try await makeUserDirectory()
        let group = try await users.createGroup(GroupRecord(name: "g", memberUsers: ["ghost"], memberGroups: ["sub"], parentGroups: ["top"]))
        #expect(group.memberUsers == ["ghost"])
        #expect(group.memberGroups == ["sub"])
        #expect(group.parentGroups == ["top"])
        let ghost = try await users.createUser(UserRecord(name: "ghost"), password: "g")
        #expect(ghost.groups == ["g"])
        try await users.deleteUser("ghost")
        #expect(try await users.group("g")?.memberUsers == [])
        try await users.deleteGroup("g")
        _ = try await users.createGroup(GroupRecord(name: "g"))
        #expect(try await users.group("g")?.memberGroups == [])
        #expect(try await users.group("g")?.parentGroups == [])
    }

    /// A user created without a password (or with an empty one) exists but no password logs it in.
    @Test func userWithoutPasswordCannotLogIn() async throws {
        let users = try await makeUserDirectory()
        _ = try await users.createUser(UserRecord(name: "nopass"), password: nil)
        _ = try await users.createUser(UserRecord(name: "emptypass"), password: "")
        #expect(try await users.user("nopass") != nil)
        #expect(try await users.authenticate(name: "nopass", password: "") == nil)
        #expect(try await users.authenticate(name: "emptypass", password: "") == nil)
        try await users.setPassword(name: "nopass", password: "now")
        #expect(try await users.authenticate(name: "nopass", password: "now")?.name == "nopass")
    }
}
