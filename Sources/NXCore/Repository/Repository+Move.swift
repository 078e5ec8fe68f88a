import NXRuntime

extension Repository {
    /// Moves a document (and its subtree) under `target`, optionally renamed; a taken name is made unique.
    /// Moving the root, a version, or into the document itself or one of its descendants → 400.
    public func move(_ ref: DocumentRef, to target: DocumentRef, name newName: String? = nil, principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            let destination = try Self.resolve(target, tx)
            try self.checkWritable(document, principal: principal.name, allowingProxy: true)
            try self.check("Remove", on: document, principal, tx)
            try self.check("AddChildren", on: destination, principal, tx)
            guard document.parentId != nil else { throw NXError.invalid("The root document cannot be moved") }
            if destination.id == document.id || destination.path.hasPrefix(document.path + "/") {
                throw NXError.invalid("Cannot move \(document.path) into itself or one of its descendants")
            }
            let base = try newName.map(Self.pathSegment) ?? document.name
            let sameFolder = destination.id == document.parentId
            let unique = try Self.availableName(base, in: destination.id, time: time, current: sameFolder ? document.name : nil, tx)
            let oldPath = document.path
            let oldParent = document.parentId ?? ""
            let newPath = Self.childPath(destination.path, unique)
            try tx.movePaths(from: oldPath, to: newPath)
            document.parentId = destination.id
            document.name = unique
            document.path = newPath
            document.sysChangeToken += 1
            try tx.update(document)
            try self.refreshReadACLs(at: newPath, tx)
            try tx.appendAudit(self.auditEntry(AuditEvent.moved, document, principal: principal.name, time: time,
                                               comment: "\(self.name):\(oldParent)"))
            return document
        }
    }

    /// Copies a document and its subtree under `target` (new ids, unique name, unlocked, checked out, no versions);
    /// `resetLifeCycle` puts every copy back in its initial state. Recorded as `documentCreatedByCopy` on the copy and
    /// `documentDuplicated` on the source.
    public func copy(_ ref: DocumentRef, to target: DocumentRef, name newName: String? = nil, resetLifeCycle: Bool = false,
                     principal: Principal) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            let source = try Self.resolve(ref, tx)
            let destination = try Self.resolve(target, tx)
            try self.check("Read", on: source, principal, tx)
            try self.check("AddChildren", on: destination, principal, tx)
            guard source.parentId != nil || source.isVersion else { throw NXError.invalid("The root document cannot be copied") }
            if destination.path == source.path || destination.path.hasPrefix(source.path + "/") {
                throw NXError.invalid("Cannot copy \(source.path) into itself or one of its descendants")
            }
            let base = try newName.map(Self.pathSegment) ?? source.name
            let unique = try Self.availableName(base, in: destination.id, time: time, tx)
            let descendants = source.isVersion ? [] : try tx.descendants(of: source.path)
            var newIds: [String: String] = [:]
            var copyRoot: DocumentRecord?
            // The copy goes last in an orderable destination; its descendants keep their positions (Nuxeo's copy).
            let rootPosition = try self.nextPosition(in: destination, tx)
            for original in [source] + descendants {
                var copy = original
                copy.id = UUIDv7.make(millis: time)
                newIds[original.id] = copy.id
                if original.id == source.id {
                    copy.parentId = destination.id
                    copy.name = unique
                    copy.path = Self.childPath(destination.path, unique)
                    copy.position = rootPosition
                } else {
                    copy.parentId = original.parentId.flatMap { newIds[$0] }
                    copy.path = Self.childPath(destination.path, unique) + String(original.path.dropFirst(source.path.count))
                }
                copy.isVersion = false
                copy.versionableId = nil
                copy.isLatestVersion = false
                copy.isLatestMajorVersion = false
                copy.versionLabel = nil
                copy.isCheckedOut = true
                copy.lockOwner = nil
                copy.lockCreated = nil
                copy.sysChangeToken = 0
                copy.changeToken = 0
                copy.created = time
                copy.modified = time
                if resetLifeCycle { copy.state = self.registry.type(copy.type)?.lifecycle?.initial }
                if self.isVersionable(copy) {
                    copy.properties["uid:major_version"] = .int(0)
                    copy.properties["uid:minor_version"] = .int(0)
                }
                try tx.insert(copy)
                if !original.isVersion, let acls = try tx.localACLs(paths: [original.path])[original.path] {
                    try tx.setLocalACLs(documentId: copy.id, acls)
                }
                if copyRoot == nil { copyRoot = copy }
            }
            guard let copyRoot else { throw NXError.internal("copy produced nothing") }
            try self.refreshReadACLs(at: copyRoot.path, tx)
            try tx.appendAudit(self.auditEntry(AuditEvent.createdByCopy, copyRoot, principal: principal.name, time: time,
                                               comment: "\(self.name):\(source.id)"))
            try tx.appendAudit(self.auditEntry(AuditEvent.duplicated, source, principal: principal.name, time: time,
                                               comment: "\(self.name):\(copyRoot.id)"))
            return copyRoot
        }
    }

    /// `parent/child` (the root's children are `/child`).
    public static func childPath(_ parentPath: String, _ name: String) -> String {
        parentPath == "/" ? "/" + name : parentPath + "/" + name
    }
}
