import NXRuntime

extension Repository {
    /// Restores the live document of `version` to it (Nuxeo's `CoreSession.restoreToVersion`): with `createVersion`, a
    /// checked-out live document is first checked in (minor); its properties and instance facets become the version's, it
    /// is left checked in on that version, then checked out with `checkout`. Audited `documentRestored`. Not a version →
    /// 400; the caller needs `WriteVersion` (here: `WriteProperties`) on the live document.
    public func restore(toVersion ref: DocumentRef, createVersion: Bool, checkout: Bool, principal: Principal) async throws -> DocumentRecord {
        let version = try await document(ref, principal: principal)
        guard version.isVersion, let liveId = version.versionableId else { throw NXError.invalid("Document \(version.id) is not a version") }
        let time = now()
        return try await write { tx in
            var live = try Self.resolve(.id(liveId), tx)
            try self.checkWritable(live, principal: principal.name)
            try self.check("WriteProperties", on: live, principal, tx)
            if createVersion && live.isCheckedOut && self.isVersionable(live) {
                _ = try self.checkIn(&live, .minor, comment: nil, principal: principal.name, time: time, tx)
            }
            live.properties = version.properties
            live.instanceFacets = version.instanceFacets
            live.isCheckedOut = false
            live.versionLabel = version.versionLabel
            live.sysChangeToken += 1
            live.modified = time
            if checkout { live.isCheckedOut = true }
            try tx.update(live)
            try tx.appendAudit(self.auditEntry("documentRestored", live, principal: principal.name, time: time, comment: version.versionLabel))
            return live
        }
    }
}
