import NXRuntime

extension Repository {
    /// Longest name segment (`nuxeo.path.segment.maxsize`).
    static let maxNameLength = 24

    /// Creates a document of `type` named `name` in `parent`: name cleaned and made unique, properties checked,
    /// Dublin Core maintained. Missing type or name → 400; unknown type → 400; unknown parent → 404.
    public func create(in parent: DocumentRef, type typeName: String?, name: String?, properties: JSONObject?, principal: String,
                       uniqueName: Bool = true) async throws -> DocumentRecord {
        guard let typeName, !typeName.isEmpty, let name else { throw NXError.invalid("type or name property is missing") }
        guard let type = registry.type(typeName), typeName != "Document" else { throw NXError.invalid("Type: \(typeName) does not exist") }
        var values = JSONObject()
        try Self.apply(properties ?? JSONObject(), to: &values, type: type)
        let time = now()
        Self.applyDublinCore(&values, type: type, principal: principal, time: time, creating: true)
        let segment = Self.pathSegment(name)
        let initialState = type.lifecycle?.initial
        let values2 = values
        return try await write { tx in
            let parentDocument = try Self.resolve(parent, tx)
            var unique = segment
            while try tx.childExists(parentId: parentDocument.id, name: unique) {
                guard uniqueName else { throw NXError.conflict("\(parentDocument.path)/\(unique) already exists") }
                unique = segment + "." + String(time + Int64.random(in: 0..<1000))
            }
            let path = parentDocument.path == "/" ? "/" + unique : parentDocument.path + "/" + unique
            let document = DocumentRecord(
                id: UUIDv7.make(millis: time), parentId: parentDocument.id, name: unique, path: path, type: typeName,
                state: initialState, created: time, modified: time, properties: values2)
            try tx.insert(document)
            return document
        }
    }

    /// Updates the given properties of a document. A `changeToken` whose counter differs from the stored one → 409.
    /// `userChange` (the body named the document) increments the user change counter.
    public func update(_ ref: DocumentRef, properties: JSONObject?, changeToken: String?, userChange: Bool, principal: String) async throws -> DocumentRecord {
        let registry = self.registry
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            if let changeToken, !changeToken.isEmpty {
                let counter = changeToken.split(separator: "-").last.map(String.init) ?? changeToken
                if counter != String(document.changeToken) { throw NXError.conflict("\(document.id), Invalid change token") }
            }
            guard let type = registry.type(document.type) else { throw NXError.internal("type \(document.type) unknown") }
            var values = document.properties
            try Self.apply(properties ?? JSONObject(), to: &values, type: type)
            if values == document.properties && !userChange { return document }
            Self.applyDublinCore(&values, type: type, principal: principal, time: time, creating: false)
            document.properties = values
            document.modified = time
            document.sysChangeToken += 1
            if userChange { document.changeToken += 1 }
            try tx.update(document)
            return document
        }
    }

    /// Permanently deletes a document and its subtree. The root cannot be deleted.
    public func delete(_ ref: DocumentRef) async throws {
        try await write { tx in
            let document = try Self.resolve(ref, tx)
            guard document.parentId != nil else { throw NXError.invalid("The root document cannot be deleted") }
            _ = try tx.deleteSubtree(id: document.id, path: document.path)
        }
    }

    /// Nuxeo's path segment rules: trimmed, at most 24 characters, `/` and `\` replaced by `-`; a name of only
    /// punctuation or spaces becomes a generated id.
    static func pathSegment(_ name: String) -> String {
        var segment = name.trimmingWhitespace
        if segment.count > maxNameLength { segment = String(segment.prefix(maxNameLength)).trimmingWhitespace }
        segment = String(segment.map { $0 == "/" || $0 == "\\" ? "-" : $0 })
        if segment.isEmpty || segment.allSatisfy({ $0.isPunctuation || $0.isWhitespace || $0.isSymbol }) {
            return UUIDv7.make()
        }
        return segment
    }
}
