import NXRuntime

/// Publishing and proxies, as Nuxeo's `CoreSession.publishDocument` / `createProxy` / `getProxies` behave.
///
/// A proxy is a document of its own place (id, name, path, parent, read ACL) showing another document: a version
/// (a published document), or a live document (a live proxy, which follows the document's later changes). It carries
/// a copy of its target's state, refreshed whenever a live target is saved, so reads, queries and the fulltext index
/// see the target's data with the proxy's own permissions.
extension Repository {
    /// Publishes a document into a section (`Document.PublishToSection`): Read on the document (WriteVersion and its lock
    /// when it must be checked in) and AddChildren on the
    /// section are required. A live document is checked in first when it was modified since its last version (a new
    /// minor version; the document stays checked in), and the proxy shows its base version. A version is published
    /// as is; a proxy is copied (same target). With `override`, the section's existing proxy of the same document is
    /// pointed at the new version (one proxy), or, when there are several, they are all replaced by a new one.
    /// A section that is not folderish, is the document itself, or is a version or a proxy → 400; a live document
    /// that cannot be versioned (a folder) → 400.
    public func publish(_ ref: DocumentRef, to sectionRef: DocumentRef, override: Bool = true, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            let section = try Self.resolve(sectionRef, tx)
            try self.check("Read", on: document, principal, tx)
            try self.check("AddChildren", on: section, principal, tx)
            try self.checkProxyDestination(section, for: document)
            let target: DocumentRecord, seriesId: String
            if document.isProxy || document.isVersion {
                (target, seriesId) = try self.proxySource(document, tx)
                if override {
                    if document.isVersion, let existing = try self.retarget(seriesId: seriesId, in: section, to: target, principal: principal.name, time: time, tx) {
                        return existing
                    }
                    // A version replaces the proxies of that version; a proxy replaces the proxies of its series.
                    let replaced: [DocumentRecord]
                    if document.isVersion {
                        replaced = try tx.proxies(targetId: target.id).filter { $0.parentId == section.id }
                    } else {
                        replaced = try tx.proxies(versionableId: seriesId, parentId: section.id)
                    }
                    try self.removeProxies(replaced, principal: principal.name, time: time, tx)
                }
            } else {
                let live = document
                target = try self.publishedVersion(&document, principal: principal.name, time: time, tx) {
                    // Checking the document in writes it: the caller needs the right to version it, and its lock.
                    try self.check("WriteVersion", on: live, principal, tx)
                    try self.checkWritable(live, principal: principal.name)
                }
                seriesId = document.id
                if override {
                    if let existing = try self.retarget(seriesId: seriesId, in: section, to: target, principal: principal.name, time: time, tx) {
                        return existing
                    }
                    try self.removeProxies(try tx.proxies(versionableId: seriesId, parentId: section.id), principal: principal.name, time: time, tx)
                }
            }
            return try self.insertProxy(of: target, seriesId: seriesId, named: document.name, in: section, principal: principal.name, time: time, tx)
        }
    }

    /// Creates a proxy of a document in a folder (`Document.CreateLiveProxy`, `CoreSession.createProxy`): Read on the
    /// document and AddChildren on the folder. With `live`, a live document gets a live proxy (a version gets a proxy of
    /// that version, a proxy a copy); without, a live document is published as `publish` does, without override.
    public func createProxy(target ref: DocumentRef, in folderRef: DocumentRef, live: Bool = true, principal: Principal) async throws -> DocumentRecord {
        guard live else { return try await publish(ref, to: folderRef, override: false, principal: principal) }
        let time = now()
        return try await write { tx in
            let document = try Self.resolve(ref, tx)
            let folder = try Self.resolve(folderRef, tx)
            try self.check("Read", on: document, principal, tx)
            try self.check("AddChildren", on: folder, principal, tx)
            try self.checkProxyDestination(folder, for: document)
            let (target, seriesId) = try self.proxySource(document, tx)
            return try self.insertProxy(of: target, seriesId: seriesId, named: document.name, in: folder, principal: principal.name, time: time, tx)
        }
    }

    /// The proxies of a document the principal may read (`CoreSession.getProxies`): of a version, those showing it; of
    /// a live document, every proxy of its series (live ones and published versions); of a proxy, those of its series.
    /// With `folder`, only those in it.
    public func proxies(of ref: DocumentRef, in folder: DocumentRef? = nil, principal: Principal) async throws -> [DocumentRecord] {
        let document = try await self.document(ref, principal: principal)
        var folderId: String?
        if let folder { folderId = try await self.document(folder, principal: principal).id }
        let inFolder = folderId
        let found: [DocumentRecord] = try await store.read { tx in
            if document.isVersion { return try tx.proxies(targetId: document.id).filter { inFolder == nil || $0.parentId == inFolder } }
            return try tx.proxies(versionableId: document.isProxy ? (document.proxyVersionableId ?? document.id) : document.id, parentId: inFolder)
        }
        return try found.filter { try canRead($0, principal: principal) }
    }

    /// Removes the proxies `proxies(of:)` finds (`Document.RemoveProxies`); each needs Remove. Returns how many went.
    @discardableResult
    public func removeProxies(of ref: DocumentRef, principal: Principal) async throws -> Int {
        let found = try await proxies(of: ref, principal: principal)
        return try await removeEach(found, principal: principal)
    }

    /// Removes every publication of a document (`Document.UnpublishAll`): the proxies whose version series is the
    /// document's id (`ecm:isProxy = 1 AND ecm:proxyVersionableId = <id>`) that the principal can read; each needs Remove.
    @discardableResult
    public func unpublishAll(_ ref: DocumentRef, principal: Principal) async throws -> Int {
        let document = try await self.document(ref, principal: principal)
        let found = try await publications(of: document, principal: principal)
        return try await removeEach(found, principal: principal)
    }

    /// The proxies whose version series is `document`'s id that the principal can read (the `publications` enricher).
    public func publications(of document: DocumentRecord, principal: Principal) async throws -> [DocumentRecord] {
        let id = document.id
        return try await store.read { tx in try tx.proxies(versionableId: id, parentId: nil) }.filter { try canRead($0, principal: principal) }
    }

    /// The live document behind a proxy or a version (`Proxy.GetSourceDocument`): a proxy's target, then a version's
    /// live document; a live document is itself. The result must be readable (403). A version whose live document is
    /// gone → 404.
    public func liveDocument(of ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        var document = try await self.document(ref, principal: principal)
        for _ in 0..<5 where document.isProxy || document.isVersion {
            let next = document.isProxy ? document.proxyTargetId : document.versionableId
            guard let next else { break }
            document = try await self.document(.id(next), principal: principal)
        }
        return document
    }

    // MARK: - Inside a write

    /// A proxy destination must be a folderish live document other than the document itself.
    func checkProxyDestination(_ folder: DocumentRecord, for document: DocumentRecord) throws {
        if folder.id == document.id { throw NXError.invalid("Cannot publish \(document.path) into itself") }
        if folder.isVersion || folder.isProxy { throw NXError.invalid("Cannot create a proxy in \(folder.id): it is a version or a proxy") }
        guard registry.type(of: folder)?.facets.contains("Folderish") == true else {
            throw NXError.invalid("Cannot create a proxy in \(folder.path): it is not folderish")
        }
    }

    /// What a proxy of `document` shows, and its version series: a version itself, a live document itself (a live proxy),
    /// a proxy's target (a copy of the proxy).
    func proxySource(_ document: DocumentRecord, _ tx: any DocumentReading) throws -> (DocumentRecord, String) {
        if document.isProxy {
            guard let targetId = document.proxyTargetId, let target = try tx.document(id: targetId) else {
                throw NXError.notFound(document.proxyTargetId ?? document.id)
            }
            return (target, document.proxyVersionableId ?? target.versionableId ?? target.id)
        }
        if document.isVersion { return (document, document.versionableId ?? document.id) }
        return (document, document.id)
    }

    /// The version a live document publishes: checked in first (minor) when it is checked out or has no version, then its
    /// base version (the version of its current label, else the latest). `beforeCheckIn` runs (and may refuse) only when a
    /// check-in is needed.
    func publishedVersion(_ live: inout DocumentRecord, principal: String, time: Int64, _ tx: any DocumentWriting,
                          beforeCheckIn: () throws -> Void = {}) throws -> DocumentRecord {
        guard isVersionable(live) else { throw NXError.invalid("Cannot publish \(live.path): documents of type \(live.type) cannot be versioned") }
        var versions = try tx.versions(of: live.id)
        if live.isCheckedOut || versions.isEmpty {
            try beforeCheckIn()
            live.isCheckedOut = true
            _ = try checkIn(&live, .minor, comment: nil, principal: principal, time: time, tx)
            versions = try tx.versions(of: live.id)
        }
        let (major, minor) = Self.versionNumbers(live)
        guard let base = versions.last(where: { $0.versionLabel == "\(major).\(minor)" }) ?? versions.last else {
            throw NXError.internal("no version of \(live.id) after check-in")
        }
        return base
    }

    /// Points the section's only proxy of a series at `target` (Nuxeo's `updateExistingProxies`); nil when there is
    /// none or several.
    func retarget(seriesId: String, in section: DocumentRecord, to target: DocumentRecord, principal: String, time: Int64,
                  _ tx: any DocumentWriting) throws -> DocumentRecord? {
        let existing = try tx.proxies(versionableId: seriesId, parentId: section.id)
        guard existing.count == 1, var proxy = existing.first else { return nil }
        proxy.showing(target)
        try tx.update(proxy)
        try tx.appendAudit(auditEntry(AuditEvent.proxyPublished, proxy, principal: principal, time: time))
        try tx.appendAudit(auditEntry(AuditEvent.sectionContentPublished, section, principal: principal, time: time))
        return proxy
    }

    /// Inserts a proxy of `target` in `folder` under a free name; audited as Nuxeo notifies it (created, published, and
    /// the section's content published).
    func insertProxy(of target: DocumentRecord, seriesId: String, named name: String, in folder: DocumentRecord, principal: String,
                     time: Int64, _ tx: any DocumentWriting) throws -> DocumentRecord {
        let unique = try Self.availableName(name, in: folder.id, time: time, tx)
        var proxy = DocumentRecord.proxy(id: UUIDv7.make(millis: time), of: target, versionableId: seriesId, in: folder, name: unique,
                                         time: time)
        proxy.position = try nextPosition(in: folder, tx)
        try tx.insert(proxy)
        try tx.appendAudit(auditEntry(AuditEvent.created, proxy, principal: principal, time: time))
        try tx.appendAudit(auditEntry(AuditEvent.proxyPublished, proxy, principal: principal, time: time))
        try tx.appendAudit(auditEntry(AuditEvent.sectionContentPublished, folder, principal: principal, time: time))
        return proxy
    }

    /// Removes proxies (never their targets), each audited `documentRemoved`.
    func removeProxies(_ proxies: [DocumentRecord], principal: String, time: Int64, _ tx: any DocumentWriting) throws {
        for proxy in proxies where proxy.isProxy {
            _ = try tx.deleteSubtree(id: proxy.id, path: proxy.path)
            try tx.appendAudit(auditEntry(AuditEvent.removed, proxy, principal: principal, time: time))
        }
    }

    /// Removes each proxy in one transaction after checking Remove on each (403 leaves them all).
    private func removeEach(_ proxies: [DocumentRecord], principal: Principal) async throws -> Int {
        guard !proxies.isEmpty else { return 0 }
        let time = now()
        let ids = proxies.map(\.id)
        return try await write { tx in
            var current: [DocumentRecord] = []
            for id in ids {
                guard let proxy = try tx.document(id: id), proxy.isProxy else { continue }
                try self.check("Remove", on: proxy, principal, tx)
                current.append(proxy)
            }
            try self.removeProxies(current, principal: principal.name, time: time, tx)
            return current.count
        }
    }
}
