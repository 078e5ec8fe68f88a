import NXRuntime

extension Repository {
    /// Creates a document of `type` named `name` in `parent`: name cleaned and made unique, properties checked,
    /// Dublin Core maintained. Missing type or name → 400; unknown type → 400; unknown parent → 404.
    /// Blob values are read with `blobs` (batch references, inline content, this server's download URLs).
    public func create(in parent: DocumentRef, type typeName: String?, name: String?, properties: JSONObject?, principal: Principal,
                       uniqueName: Bool = true, blobs: BlobInput? = nil, facets: [String] = []) async throws -> DocumentRecord {
        guard let typeName, !typeName.isEmpty, let name else { throw NXError.invalid("type or name property is missing") }
        guard let base = registry.type(typeName), typeName != "Document" else { throw NXError.invalid("Type: \(typeName) does not exist") }
        for facet in facets where registry.facets[facet] == nil { throw NXError.invalid("No such facet: \(facet)") }
        let instanceFacets = facets.filter { !base.facets.contains($0) }
        let type = instanceFacets.isEmpty ? base : base.adding(facets: instanceFacets, from: registry)
        let time = now()
        let segment = try Self.pathSegment(name)
        let initialState = type.lifecycle?.initial
        return try await write { tx in
            var values2 = JSONObject()
            let resolver = blobs.map { TransactionBlobResolver(repository: self, tx: tx, input: $0, principal: principal) }
            let kept = try Self.apply(properties ?? JSONObject(), to: &values2, type: type, administrator: principal.isAdministrator, blobs: resolver)
            Self.applyDublinCore(&values2, type: type, principal: principal.name, time: time, creating: true, keeping: kept)
            self.prepareBlobs(&values2, previous: JSONObject(), type: type)
            let parentDocument = try Self.resolve(parent, tx)
            try self.check("AddChildren", on: parentDocument, principal, tx)
            if !uniqueName, try tx.childExists(parentId: parentDocument.id, name: segment) {
                throw NXError.conflict("\(parentDocument.path)/\(segment) already exists")
            }
            let unique = try Self.availableName(segment, in: parentDocument.id, time: time, tx)
            let path = parentDocument.path == "/" ? "/" + unique : parentDocument.path + "/" + unique
            var document = DocumentRecord(
                id: UUIDv7.make(millis: time), parentId: parentDocument.id, name: unique, path: path, type: typeName,
                state: initialState, created: time, modified: time, properties: values2)
            document.instanceFacets = instanceFacets
            document.readACL = parentDocument.readACL
            document.position = try self.nextPosition(in: parentDocument, tx)
            self.initializeVersion(&document)
            try tx.insert(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.created, document, principal: principal.name, time: time))
            return document
        }
    }

    /// A versionable document starts at version `0.0`, checked out.
    func initializeVersion(_ document: inout DocumentRecord) {
        guard isVersionable(document) else { return }
        if document.properties["uid:major_version"] == nil { document.properties["uid:major_version"] = .int(0) }
        if document.properties["uid:minor_version"] == nil { document.properties["uid:minor_version"] = .int(0) }
    }

    /// Updates the given properties of a document. A `changeToken` whose counter differs from the stored one → 409.
    /// `userChange` (the body named the document) increments the user change counter. A checked-in document that changes
    /// is checked out; with `versioning`, the saved document is then checked in and the new version is returned (a
    /// document that cannot be versioned ignores `versioning`).
    /// Versions cannot be modified; a document locked by someone else → 409. Unchanged values write nothing.
    public func update(_ ref: DocumentRef, properties: JSONObject?, changeToken: String?, userChange: Bool, principal: Principal,
                       versioning: VersionIncrement? = nil, comment: String? = nil, blobs: BlobInput? = nil) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            try self.update(ref, properties: properties, changeToken: changeToken, userChange: userChange, principal: principal,
                            versioning: versioning, comment: comment, blobs: blobs, audit: true, time: time, tx)
        }
    }

    /// `update` inside a transaction (bulk actions); `audit` false writes no `documentModified` entry.
    func update(_ ref: DocumentRef, properties: JSONObject?, changeToken: String?, userChange: Bool, principal: Principal,
                versioning: VersionIncrement?, comment: String?, blobs: BlobInput?, audit: Bool, time: Int64,
                _ tx: any DocumentWriting) throws -> DocumentRecord {
        let registry = self.registry
        var document = try Self.resolve(ref, tx)
        try self.checkWritable(document, principal: principal.name)
        try self.check("WriteProperties", on: document, principal, tx)
        if let changeToken, !changeToken.isEmpty {
            let counter = changeToken.split(separator: "-").last.map(String.init) ?? changeToken
            if counter != String(document.changeToken) { throw NXError.conflict("\(document.id), Invalid change token") }
        }
        guard let type = registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
        var values = document.properties
        let resolver = blobs.map { TransactionBlobResolver(repository: self, tx: tx, input: $0, principal: principal) }
        let kept = try Self.apply(properties ?? JSONObject(), to: &values, type: type, administrator: principal.isAdministrator, blobs: resolver)
        self.prepareBlobs(&values, previous: document.properties, type: type)
        let dirty = values != document.properties
        if dirty || userChange {
            Self.applyDublinCore(&values, type: type, principal: principal.name, time: time, creating: false, keeping: kept)
            document.properties = values
            document.modified = time
            document.sysChangeToken += 1
            if userChange { document.changeToken += 1 }
            if dirty && !document.isCheckedOut && self.isVersionable(document) { document.isCheckedOut = true }
            try tx.update(document)
            if dirty && audit {
                try tx.appendAudit(self.auditEntry(AuditEvent.modified, document, principal: principal.name, time: time, comment: comment))
            }
        }
        // A document that cannot be versioned ignores the option, as Nuxeo's versioning service does.
        if let versioning, self.isVersionable(document) {
            if !document.isCheckedOut { document.isCheckedOut = true }
            return try self.checkIn(&document, versioning, comment: comment, principal: principal.name, time: time, tx)
        }
        return document
    }

    /// Permanently deletes a document and its subtree. The root cannot be deleted.
    /// Deleting a version removes only that version; a document locked by someone else → 409. Proxies in the subtree go
    /// with it (never their targets); a document or version a proxy elsewhere shows → 409, as Nuxeo refuses it; versions
    /// of removed documents that a proxy elsewhere shows are kept.
    public func delete(_ ref: DocumentRef, principal: Principal) async throws {
        let time = now()
        try await write { tx in
            let document = try Self.resolve(ref, tx)
            guard document.parentId != nil || document.isVersion else { throw NXError.invalid("The root document cannot be deleted") }
            try self.check("Remove", on: document, principal, tx)
            if let owner = document.lockOwner, owner != principal.name {
                throw NXError.conflict("Document already locked by \(owner): \(document.id)")
            }
            // A document that a proxy outside the removed subtree shows cannot go (Nuxeo's DocumentExistsException).
            let storedPath = document.isVersion ? DocumentRecord.versionPath(document.id) : document.path
            if let shown = try tx.externalProxy(ofSubtree: document.id, path: storedPath) {
                throw NXError.conflict("Cannot remove \(document.id), subdocument \(shown.targetId) is the target of proxy \(shown.proxyId)")
            }
            if document.isVersion {
                try self.deleteVersion(document, principal: principal.name, time: time, tx)
                return
            }
            _ = try tx.deleteSubtree(id: document.id, path: document.path)
            try tx.appendAudit(self.auditEntry(AuditEvent.removed, document, principal: principal.name, time: time))
        }
    }

    /// Removes one version: refused (403) for the base version of a checked-in document, as Nuxeo does; the series'
    /// latest flags move to the remaining versions; audited `versionRemoved` on the live document.
    func deleteVersion(_ version: DocumentRecord, principal: String, time: Int64, _ tx: any DocumentWriting) throws {
        guard let seriesId = version.versionableId, let live = try tx.document(id: seriesId) else {
            _ = try tx.deleteSubtree(id: version.id, path: DocumentRecord.versionPath(version.id))
            return
        }
        if !live.isCheckedOut && live.versionLabel == version.versionLabel {
            throw NXError.forbidden("Permission denied: cannot remove document \(version.id), Working copy \(live.id) is checked in with base version \(version.id)")
        }
        _ = try tx.deleteSubtree(id: version.id, path: DocumentRecord.versionPath(version.id))
        let remaining = try tx.versions(of: seriesId)
        let latestMajor = remaining.last { Self.versionNumbers($0).minor == 0 }
        for var other in remaining {
            let latest = other.id == remaining.last?.id, latestMajorFlag = other.id == latestMajor?.id
            guard other.isLatestVersion != latest || other.isLatestMajorVersion != latestMajorFlag else { continue }
            other.isLatestVersion = latest
            other.isLatestMajorVersion = latestMajorFlag
            try tx.update(other)
        }
        try tx.appendAudit(auditEntry("versionRemoved", live, principal: principal, time: time, comment: version.versionLabel))
    }
}
