import NXRuntime

extension Repository {
    /// Where personal workspaces live.
    static let userWorkspacesPath = "/default-domain/UserWorkspaces"

    /// The caller's personal workspace `/default-domain/UserWorkspaces/<user>`, created on first use (Nuxeo's
    /// `UserWorkspaceService`): the user has `Everything` there and inheritance is blocked (administrators keep access).
    /// Two first uses at once create it once: the one that loses the race reads the other's.
    public func userWorkspace(_ principal: Principal) async throws -> DocumentRecord {
        let rootPath = Self.userWorkspacesPath
        let name = Self.derivedName(principal.name)
        let path = rootPath + "/" + (try Self.pathSegment(name))
        if let workspace = try? await document(.path(path)) { return workspace }
        if (try? await document(.path(rootPath))) == nil {
            do {
                _ = try await create(in: .path("/default-domain"), type: "UserWorkspacesRoot", name: "UserWorkspaces",
                                     properties: ["dc:title": "User workspaces"], principal: .system, uniqueName: false)
            } catch let error as NXError where error.code == .conflict {
                // Created meanwhile by another first use.
            }
        }
        let workspace: DocumentRecord
        do {
            workspace = try await create(in: .path(rootPath), type: "Workspace", name: name, properties: ["dc:title": .string(principal.name)],
                                         principal: .unrestricted(principal.name), uniqueName: false)
        } catch let error as NXError where error.code == .conflict {
            return try await document(.path(path))
        }
        let aces = [ACE(username: principal.name, permission: "Everything"), ACE(username: "administrators", permission: "Everything"),
                    Self.blockInheritanceACE]
        return try await addPermission(.id(workspace.id), aces, principal: .system)
    }
}
