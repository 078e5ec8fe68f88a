@testable import NXCore
import NXRuntime
import Testing

/// Personal workspaces: one per login, never shared between logins whose names would collide, secured even when a
/// first use stopped half-way.
@Suite struct UserWorkspaceTests {
    @Test func loginsThatShareAPrefixGetTheirOwnWorkspace() async throws {
        let repository = try await makeRepository()
        let a = Principal(name: "alexander.longname@corp.example.com", groups: ["members"])
        let b = Principal(name: "alexander.longname@corp.example.org", groups: ["members"])
        let first = try await repository.userWorkspace(a)
        let second = try await repository.userWorkspace(b)
        #expect(first.id != second.id)
        #expect(first.properties["dc:title"] == .string(a.name) && second.properties["dc:title"] == .string(b.name))
        #expect(try await repository.userWorkspace(a).id == first.id)
        #expect(Repository.userWorkspaceName("joe") == "joe")
        #expect(Repository.userWorkspaceName("--") == Repository.userWorkspaceName("--"))
        #expect(Repository.userWorkspaceName("a/b") != Repository.userWorkspaceName("a\\b"))
    }

    @Test func aWorkspaceLeftWithoutItsACLIsSecuredOnUse() async throws {
        let repository = try await makeRepository()
        let joe = Principal(name: "joe", groups: ["members"])
        let root = try await repository.create(in: .path("/default-domain"), type: "UserWorkspacesRoot", name: "UserWorkspaces",
                                               properties: nil, principal: .system)
        // A first use that stopped after creating the workspace: inherited rights only.
        let bare = try await repository.create(in: .id(root.id), type: "Workspace", name: "joe", properties: ["dc:title": "joe"],
                                               principal: .unrestricted("joe"))
        let secured = try await repository.userWorkspace(joe)
        #expect(secured.id == bare.id)
        let local = try await repository.acp(of: .id(bare.id), principal: .system).acls.first { $0.name == "local" }
        #expect(local?.aces.contains(ACE(username: "joe", permission: "Everything")) == true)
        #expect(local?.aces.contains(Repository.blockInheritanceACE) == true)
        _ = try await repository.create(in: .id(root.id), type: "Workspace", name: "ann", properties: ["dc:title": "someone else"],
                                        principal: .system)
        await #expect(throws: NXError.self) { _ = try await repository.userWorkspace(Principal(name: "ann", groups: ["members"])) }
    }
}
