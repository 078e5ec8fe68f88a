import NXRuntime

extension Repository {
    /// Locks a document for `principal` (`Document.Lock`). Locked by someone else → 409; relocking one's own lock keeps it.
    public func lock(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            try self.check("WriteProperties", on: document, principal, tx)
            if let owner = document.lockOwner {
                guard owner == principal.name else { throw NXError.conflict("Document already locked by \(owner): \(document.id)") }
                return document
            }
            document.lockOwner = principal.name
            document.lockCreated = time
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.locked, document, principal: principal.name, time: time))
            return document
        }
    }

    /// Unlocks a document (`Document.Unlock`). Only the owner or a holder of the `Unlock` permission (administrators) may;
    /// others → 409. Unlocked documents are returned unchanged.
    public func unlock(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            try self.check("WriteProperties", on: document, principal, tx)
            guard let owner = document.lockOwner else { return document }
            let mayUnlock = try principal.isAdministrator || self.acp(of: document, tx).grants("Unlock", to: principal.aceNames, at: time)
            guard owner == principal.name || mayUnlock else {
                throw NXError.conflict("Document already locked by \(owner): \(document.id)")
            }
            document.lockOwner = nil
            document.lockCreated = nil
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.unlocked, document, principal: principal.name, time: time))
            return document
        }
    }
}
