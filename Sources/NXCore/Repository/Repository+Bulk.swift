import NXRuntime

/// A document to create in bulk.
public struct NewDocument: Sendable {
    public var parent: DocumentRef
    public var type: String
    public var name: String
    public var properties: JSONObject

    public init(parent: DocumentRef, type: String, name: String, properties: JSONObject) {
        self.parent = parent
        self.type = type
        self.name = name
        self.properties = properties
    }
}

extension Repository {
    /// Creates many documents in one transaction with the same rules as `create` (types, names, values, Dublin Core,
    /// fulltext). Parents may be created earlier in the same batch. Returns the created documents in order.
    public func bulkCreate(_ items: [NewDocument], principal: Principal) async throws -> [DocumentRecord] {
        let registry = self.registry
        let time = now()
        var prepared: [(NewDocument, JSONObject, String?)] = []
        for item in items {
            guard let type = registry.type(item.type), item.type != "Document" else { throw NXError.invalid("Type: \(item.type) does not exist") }
            var values = JSONObject()
            let kept = try Self.apply(item.properties, to: &values, type: type, administrator: principal.isAdministrator)
            Self.applyDublinCore(&values, type: type, principal: principal.name, time: time, creating: true, keeping: kept)
            prepared.append((item, values, type.lifecycle?.initial))
        }
        let batch = prepared
        return try await write { tx in
            var created: [DocumentRecord] = []
            created.reserveCapacity(batch.count)
            var byPath: [String: DocumentRecord] = [:]
            for (item, values, state) in batch {
                let parent: DocumentRecord
                if case .path(let path) = item.parent, let cached = byPath[Self.normalize(path)] {
                    parent = cached
                } else {
                    parent = try Self.resolve(item.parent, tx)
                    try self.check("AddChildren", on: parent, principal, tx)
                }
                let unique = try Self.availableName(try Self.pathSegment(item.name), in: parent.id, time: time, tx)
                let path = parent.path == "/" ? "/" + unique : parent.path + "/" + unique
                var document = DocumentRecord(id: UUIDv7.make(millis: time), parentId: parent.id, name: unique, path: path, type: item.type,
                                              state: state, created: time, modified: time, properties: values)
                document.readACL = parent.readACL
                document.position = try self.nextPosition(in: parent, tx)
                self.initializeVersion(&document)
                try tx.insert(document)
                try tx.appendAudit(self.auditEntry(AuditEvent.created, document, principal: principal.name, time: time))
                byPath[path] = document
                created.append(document)
            }
            return created
        }
    }
}
