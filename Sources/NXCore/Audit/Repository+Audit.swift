import NXRuntime

extension Repository {
    /// An audit entry for `event` on `document` by `principal` at `time`.
    func auditEntry(_ event: String, _ document: DocumentRecord, principal: String, time: Int64,
                    category: String = AuditEvent.documentCategory, comment: String? = nil, extended: JSONObject = JSONObject()) -> AuditEntry {
        AuditEntry(
            eventId: event, category: category, principalName: principal, comment: comment,
            docLifeCycle: registry.type(document.type)?.lifecycle == nil ? nil : document.state,
            docPath: document.path, docType: document.type, docUUID: document.id, repositoryId: name,
            eventDate: time, logDate: time, extended: extended)
    }

    /// A page of a document's audit log (`@audit`), newest first unless asked otherwise. Unknown document → 404, not
    /// readable → 403.
    public func auditLog(_ ref: DocumentRef, filter: AuditQuery, request: PageRequest, principal: Principal) async throws -> Page<AuditEntry> {
        let document = try await self.document(ref, principal: principal)
        var filter = filter
        filter.docUUID = document.id
        let query = filter
        let pagination = Pagination(request, defaultPageSize: 50, maxPageSize: 1000)
        let (entries, total) = try await store.read { tx in try tx.audit(query, limit: pagination.limit, offset: pagination.offset) }
        return pagination.page(entries, counted: total)
    }
}

extension Repository {
    /// Most audit entries in one page of an audit query (page size 0 reads this many).
    public static let maxAuditPage = 10_000

    /// A page of the audit entries an audit query matches (Nuxeo's `Audit.Query` and audit page providers). An
    /// administrator reads every entry; another principal only the entries of documents they may read.
    public func auditEntries(_ query: AuditLogQuery, request: PageRequest, defaultPageSize: Int = 0, principal: Principal)
        async throws -> Page<AuditEntry> {
        let pagination = Pagination(request, defaultPageSize: defaultPageSize, maxPageSize: Self.maxAuditPage)
        let principalSet = try await self.principalSet(principal)
        let (entries, total) = try await store.read { tx in
            try tx.audit(query.restricted(to: try self.readFilter(principal, set: principalSet, tx)), limit: pagination.limit,
                         offset: pagination.offset)
        }
        return pagination.page(entries, counted: total)
    }
}
