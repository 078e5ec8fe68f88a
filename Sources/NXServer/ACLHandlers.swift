import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension APIHandlers {
    /// `@acl`: the document's ACLs (local first, then `inherited`).
    func getACLs(repository: String, doc: DocumentRef, context: NXCallContext) async throws -> GetACLsOutput {
        let (repository, _) = try self.repository(repository)
        let acp = try await repository.acp(of: doc, principal: context.user)
        let time = repository.nowMillis
        return .ok(ACLsEntity(acl: acp.acls.map { acl in
            AclEntry(name: acl.name, ace: acl.aces.map { ace in
                AceEntry(id: ace.id, username: ace.username, permission: ace.permission, granted: ace.granted, creator: ace.creator,
                         begin: ace.begin.map { NXDate.format(millis: $0) }, end: ace.end.map { NXDate.format(millis: $0) },
                         status: ace.status(at: time))
            })
        }))
    }
}
