import Crypto
import NXRuntime

extension Repository {
    /// Where personal workspaces live.
    static let userWorkspacesPath = "/default-domain/UserWorkspaces"

    /// The caller's personal workspace `/default-domain/UserWorkspaces/<name>`, created on first use (Nuxeo's
    /// `UserWorkspaceService`): titled with the login, the user has `Everything` there and inheritance is blocked
    /// (administrators keep access). The name is the login when it makes a name as it is, else a shortened form with a
    /// digest of the whole login, so two logins never share a workspace; a document at that path titled with another
    /// login is never handed out (409). Its ACL is checked on every use, so a first use that stopped between creating the
    /// workspace and securing it, or a concurrent first use, is repaired instead of answered half-made.
    public func userWorkspace(_ principal: Principal) async throws -> DocumentRecord {
        let rootPath = Self.userWorkspacesPath
        let name = Self.userWorkspaceName(principal.name)
        let path = rootPath + "/" + name
        if let existing = try? await document(.path(path)) { return try await securedWorkspace(existing, of: principal) }
        let root = try await child("UserWorkspaces", of: .path("/default-domain"), at: "/default-domain", creating: "UserWorkspacesRoot",
                                   properties: ["dc:title": "User workspaces"], principal: .system)
        let workspace = try await child(name, of: .id(root.id), at: root.path, creating: "Workspace", properties: ["dc:title": .string(principal.name)],
                                        principal: .unrestricted(principal.name))
        return try await securedWorkspace(workspace, of: principal)
    }

    /// The workspace once it is the user's and carries its ACL (set now when missing; adding is idempotent).
    func securedWorkspace(_ workspace: DocumentRecord, of principal: Principal) async throws -> DocumentRecord {
        guard workspace.properties["dc:title"]?.stringValue == principal.name else {
            throw NXError.conflict("The personal workspace \(workspace.path) belongs to another user")
        }
        let local = try await acp(of: .id(workspace.id), principal: .system).acls.first { $0.name == "local" }
        let aces = [ACE(username: principal.name, permission: "Everything"), ACE(username: "administrators", permission: "Everything"),
                    Self.blockInheritanceACE]
        if let local, aces.allSatisfy(local.aces.contains) { return workspace }
        return try await addPermission(.id(workspace.id), aces, principal: .system)
    }

    /// The login as a document name when it is one as it is (short enough, no `/`, `\`, control character or leading and
    /// trailing spaces, not only punctuation); else its first characters, `-`, and 8 hex digits of its SHA-256.
    static func userWorkspaceName(_ login: String) -> String {
        let plain = (try? pathSegment(login)) ?? ""
        if plain == login { return login }
        let digest = IncrementalDigest.hex(SHA256.hash(data: Array(login.utf8))).prefix(8)
        let kept = String(login.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "/" && $0 != "\\" }.map(Character.init))
            .trimmingWhitespace.prefix(maxNameLength - 9)
        return kept.isEmpty ? "user-" + digest : kept + "-" + digest
    }
}
