import NXRuntime

extension Repository {
    /// Writes one audit entry per document for `event` (Nuxeo's `Audit.LogEvent`): category, comment, the principal, the
    /// documents' path, type, lifecycle state and this repository; one transaction, one date for all.
    public func logEvent(_ event: String, category: String, comment: String?, on documents: [DocumentRecord], principal: Principal) async throws {
        let time = now()
        let entries = documents.map { auditEntry(event, $0, principal: principal.name, time: time, category: category, comment: comment) }
        try await store.write { tx in
            for entry in entries { try tx.appendAudit(entry) }
        }
    }
}
