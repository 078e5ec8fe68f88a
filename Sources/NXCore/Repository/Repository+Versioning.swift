import NXRuntime

/// How a check-in numbers the new version.
public enum VersionIncrement: String, Sendable {
    /// `M.m` → `M.(m+1)`.
    case minor
    /// `M.m` → `(M+1).0`.
    case major
}

extension Repository {
    /// Whether documents of this type keep versions (facet `Versionable`).
    public func isVersionable(_ document: DocumentRecord) -> Bool {
        registry.type(document.type)?.facets.contains("Versionable") == true
    }

    /// `uid:major_version` and `uid:minor_version` (0 when unset).
    static func versionNumbers(_ document: DocumentRecord) -> (major: Int, minor: Int) {
        (Int(document.properties["uid:major_version"]?.int64Value ?? 0), Int(document.properties["uid:minor_version"]?.int64Value ?? 0))
    }

    /// Nuxeo's version label: `M.m` for versions and checked-in documents, `M.m+` for a checked-out document that has
    /// versions, `""` for documents that cannot be versioned.
    public func versionLabel(_ document: DocumentRecord) -> String {
        if document.isVersion { return document.versionLabel ?? "" }
        guard isVersionable(document) else { return "" }
        let (major, minor) = Self.versionNumbers(document)
        let label = "\(major).\(minor)"
        return document.isCheckedOut && (major, minor) != (0, 0) ? label + "+" : label
    }

    /// Refuses writes to versions, to proxies (they show another document's state; `allowingProxy` for placeful changes
    /// such as a move) and to documents locked by someone else.
    func checkWritable(_ document: DocumentRecord, principal: String, allowingProxy: Bool = false) throws {
        if document.isVersion { throw NXError.invalid("Cannot modify a version: \(document.id)") }
        if document.isProxy && !allowingProxy {
            throw NXError.invalid("Cannot modify a proxy: \(document.id) shows \(document.proxyTargetId ?? "another document")")
        }
        if let owner = document.lockOwner, owner != principal {
            throw NXError.conflict("Document already locked by \(owner): \(document.id)")
        }
    }

    /// Checks `live` in inside `tx`: bumps its version numbers, stores an immutable copy as the new version and leaves the
    /// live document checked in. A document already checked in returns its latest version. Returns the version.
    func checkIn(_ live: inout DocumentRecord, _ increment: VersionIncrement, comment: String?, principal: String, time: Int64,
                 _ tx: any DocumentWriting) throws -> DocumentRecord {
        guard isVersionable(live), !live.isVersion else { throw NXError.invalid("Document \(live.id) cannot be versioned") }
        if !live.isCheckedOut, let latest = try tx.versions(of: live.id).last { return latest }
        var (major, minor) = Self.versionNumbers(live)
        switch increment {
        case .minor: minor += 1
        case .major: major += 1; minor = 0
        }
        let label = "\(major).\(minor)"
        live.properties["uid:major_version"] = .int(Int64(major))
        live.properties["uid:minor_version"] = .int(Int64(minor))
        live.isCheckedOut = false
        live.versionLabel = label
        live.sysChangeToken += 1
        var version = live
        version.id = UUIDv7.make(millis: time)
        version.parentId = nil
        version.path = DocumentRecord.versionPath(version.id)
        version.isVersion = true
        version.versionableId = live.id
        version.isLatestVersion = true
        version.isLatestMajorVersion = minor == 0
        version.lockOwner = nil
        version.lockCreated = nil
        version.isTrashed = false
        version.created = time
        version.modified = time
        try tx.clearLatestFlags(versionableId: live.id, major: minor == 0)
        try tx.insert(version)
        try tx.update(live)
        let auditComment = comment.map { $0.isEmpty ? label : "\(label) \($0)" } ?? label
        var shown = version
        shown.path = live.path
        try tx.appendAudit(auditEntry(AuditEvent.checkedIn, live, principal: principal, time: time, comment: auditComment))
        try tx.appendAudit(auditEntry(AuditEvent.created, shown, principal: principal, time: time, comment: auditComment))
        return shown
    }

    /// Checks a document in (`Document.CheckIn`, `X-Versioning-Option`); returns the new version.
    public func checkIn(_ ref: DocumentRef, increment: VersionIncrement, comment: String? = nil, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var live = try Self.resolve(ref, tx)
            try self.checkWritable(live, principal: principal.name)
            try self.check("WriteProperties", on: live, principal, tx)
            return try self.checkIn(&live, increment, comment: comment, principal: principal.name, time: time, tx)
        }
    }

    /// Checks a document out (`Document.CheckOut`); a checked-out document is returned unchanged. Not audited (as Nuxeo).
    public func checkOut(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        return try await write { tx in
            var live = try Self.resolve(ref, tx)
            try self.checkWritable(live, principal: principal.name)
            try self.check("WriteProperties", on: live, principal, tx)
            guard !live.isCheckedOut else { return live }
            live.isCheckedOut = true
            live.sysChangeToken += 1
            try tx.update(live)
            return live
        }
    }

    /// The versions of a document, oldest first (a version answers its series).
    public func versions(of ref: DocumentRef, principal: Principal) async throws -> [DocumentRecord] {
        let document = try await self.document(ref, principal: principal)
        let seriesId = document.versionableId ?? document.id
        return try await store.read { tx in try tx.versions(of: seriesId) }
    }
}
