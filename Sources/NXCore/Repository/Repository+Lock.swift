import NXRuntime

extension Repository {
    /// Locks a document for `principal` (`Document.Lock`). Locked by someone else → 409; relocking one's own lock keeps it.
    public func lock(_ ref: DocumentRef, principal: String) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            if let owner = document.lockOwner {
                guard owner == principal else { throw NXError.conflict("Document already locked by \(owner): \(document.id)") }
                return document
            }
            document.lockOwner = principal
            document.lockCreated = time
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.locked, document, principal: principal, time: time))
            return document
        }
    }

    /// Unlocks a document (`Document.Unlock`). Only the owner or an administrator may; others → 409. Unlocked documents
    /// are returned unchanged.
    public func unlock(_ ref: DocumentRef, principal: String, isAdministrator: Bool) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            guard let owner = document.lockOwner else { return document }
            guard owner == principal || isAdministrator else {
                throw NXError.conflict("Document already locked by \(owner): \(document.id)")
            }
            document.lockOwner = nil
            document.lockCreated = nil
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.unlocked, document, principal: principal, time: time))
            return document
        }
    }
}
