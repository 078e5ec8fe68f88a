import NXRuntime

extension Repository {
    /// Moves a document to the trash (`Document.Trash`): the document and its live descendants become trashed (each one
    /// audited `documentTrashed`), and the document's name is mangled (`<name>._<millis>_.trashed`) so its place can be reused. A trashed document is returned
    /// unchanged; the root and versions cannot be trashed (400).
    public func trash(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in try self.trash(ref, principal: principal, time: time, tx) }
    }

    /// `trash` inside a transaction.
    func trash(_ ref: DocumentRef, principal: Principal, time: Int64, _ tx: any DocumentWriting) throws -> DocumentRecord {
        var document = try Self.resolve(ref, tx)
        guard !document.isTrashed else { return document }
        guard document.parentId != nil, !document.isVersion else { throw NXError.invalid("Cannot trash document \(document.id)") }
        if document.isProxy {
            // Nuxeo's trash service removes proxies instead of trashing them.
            try self.check("Remove", on: document, principal, tx)
            try self.removeProxies([document], principal: principal.name, time: time, tx)
            return document
        }
        try self.checkWritable(document, principal: principal.name)
        try self.check("Remove", on: document, principal, tx)
        let oldPath = document.path
        let mangled = Self.trashedName(document.name, time: time)
        let newPath = Self.childPath(Self.parentPath(oldPath), mangled)
        let descendants = try tx.descendants(of: oldPath).filter { !$0.isTrashed }
        try tx.setTrashed(descendantsOf: oldPath, true)
        try tx.movePaths(from: oldPath, to: newPath)
        document.name = mangled
        document.path = newPath
        document.isTrashed = true
        document.sysChangeToken += 1
        try tx.update(document)
        try tx.appendAudit(self.auditEntry(AuditEvent.trashed, document, principal: principal.name, time: time))
        for var child in descendants {
            child.path = newPath + child.path.dropFirst(oldPath.count)
            child.isTrashed = true
            try tx.appendAudit(self.auditEntry(AuditEvent.trashed, child, principal: principal.name, time: time))
        }
        return document
    }

    /// Restores a trashed document and its descendants (`Document.Untrash`): the original name comes back, made unique if
    /// it was taken meanwhile. Untrashing a child of a trashed folder restores the folder too, as Nuxeo does.
    public func untrash(_ ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in try self.untrash(ref, principal: principal, time: time, tx) }
    }

    /// `untrash` inside a transaction.
    func untrash(_ ref: DocumentRef, principal: Principal, time: Int64, _ tx: any DocumentWriting) throws -> DocumentRecord {
        let document = try Self.resolve(ref, tx)
        guard document.isTrashed else { return document }
        try self.checkWritable(document, principal: principal.name)
        try self.check("Remove", on: document, principal, tx)
        // Restore trashed ancestors first (top-down), then the document.
        var chain: [DocumentRecord] = [document]
        var cursor = document
        while let parentId = cursor.parentId, let parent = try tx.document(id: parentId), parent.isTrashed {
            chain.insert(parent, at: 0)
            cursor = parent
        }
        var restored = document
        for original in chain {
            guard var current = try tx.document(id: original.id) else { continue }
            restored = try self.restore(&current, principal: principal.name, time: time, tx)
        }
        return restored
    }

    /// Untrashes one document inside `tx`: name restored (unique), flags cleared on it and its subtree.
    func restore(_ document: inout DocumentRecord, principal: String, time: Int64, _ tx: any DocumentWriting) throws -> DocumentRecord {
        guard document.isTrashed else { return document }
        let oldPath = document.path
        let base = Self.untrashedName(document.name)
        var unique = base
        if let parentId = document.parentId {
            unique = try Self.availableName(base, in: parentId, time: time, current: document.name, tx)
        }
        let newPath = Self.childPath(Self.parentPath(oldPath), unique)
        let descendants = try tx.descendants(of: oldPath).filter(\.isTrashed)
        try tx.setTrashed(descendantsOf: oldPath, false)
        if newPath != oldPath { try tx.movePaths(from: oldPath, to: newPath) }
        document.name = unique
        document.path = newPath
        document.isTrashed = false
        document.sysChangeToken += 1
        try tx.update(document)
        try tx.appendAudit(auditEntry(AuditEvent.untrashed, document, principal: principal, time: time))
        for var child in descendants {
            child.path = newPath + child.path.dropFirst(oldPath.count)
            child.isTrashed = false
            try tx.appendAudit(auditEntry(AuditEvent.untrashed, child, principal: principal, time: time))
        }
        return document
    }

    /// `<name>._<millis>_.trashed`.
    static func trashedName(_ name: String, time: Int64) -> String { "\(name)._\(time)_.trashed" }

    /// The name before trashing: the `._<digits>_.trashed` suffix removed.
    static func untrashedName(_ name: String) -> String {
        guard name.hasSuffix("_.trashed"), let marker = name.range(of: "._", options: .backwards) else { return name }
        let digits = name[marker.upperBound..<name.index(name.endIndex, offsetBy: -"_.trashed".count)]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return name }
        return String(name[..<marker.lowerBound])
    }
}
