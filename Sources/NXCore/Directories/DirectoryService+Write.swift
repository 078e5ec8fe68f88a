import NXRuntime

/// An entry as stored: id, the columns copied out for ordering and parent checks, and the typed properties.
struct StoredEntry: Sendable {
    var id: String
    var parent: String?
    var ordering: Int64?
    var properties: JSONObject
}

extension DirectoryService {
    /// Nuxeo's edit guards (`DirectoryObject.checkEditGuards`): administrators and `powerusers` only (403
    /// `Not allowed to edit directory`), never the user and group directories (400), never read-only ones (403).
    public func checkWritable(_ directory: String, isAdministrator: Bool, groups: [String]) throws {
        if !(isAdministrator || groups.contains("powerusers")) { throw NXError.forbidden("Not allowed to edit directory") }
        if Self.userAndGroupDirectories.contains(directory) {
            throw NXError.invalid("Not allowed to edit user/group directories, please use user/group endpoints")
        }
        if try self.directory(directory).readOnly { throw NXError.forbidden("Directory is read-only") }
    }

    /// Creates an entry from `properties` (schema fields, optionally `schema:`-prefixed; unknown keys are ignored).
    /// 400 without an id, 409 when the id exists.
    public func create(_ directory: String, properties: JSONObject) async throws -> DirectoryEntry {
        let definition = try self.directory(directory)
        let schema = try schema(definition)
        let entry = try stored(definition, schema, properties, id: nil)
        try await pool.write { db in
            if try db.value(Bool.self, "SELECT 1 FROM directory_entries WHERE directory = ? AND id = ?",
                                 [definition.name, entry.id]) == true {
                throw NXError.conflict("Entry with id \(entry.id) already exists in directory \(definition.name)")
            }
            try Self.insert(db, definition.name, entry)
        }
        return try await existingEntry(definition.name, id: entry.id)
    }

    /// Sets the given fields of entry `id` (others keep their value; the id field cannot change). 404 when absent.
    public func update(_ directory: String, id: String, properties: JSONObject) async throws -> DirectoryEntry {
        let definition = try self.directory(directory)
        let schema = try schema(definition)
        let current = try await existingEntry(definition.name, id: id)
        var merged = current.properties
        for (key, value) in try typed(definition, schema, properties) where key != definition.idField { merged[key] = value }
        let entry = try stored(definition, schema, merged, id: id)
        try await pool.write { db in
            try db.execute("UPDATE directory_entries SET parent = ?, ordering = ?, properties = ? WHERE directory = ? AND id = ?",
                           [entry.parent, entry.ordering, Self.text(entry.properties), definition.name, id])
        }
        return try await existingEntry(definition.name, id: id)
    }

    /// Deletes entry `id`: 404 when absent, 409 while an entry of a child directory (or a child in this hierarchical
    /// directory) has it as `parent`, or while a document property resolving to this directory holds it.
    public func delete(_ directory: String, id: String) async throws {
        let definition = try self.directory(directory)
        _ = try await existingEntry(definition.name, id: id)
        let children = registry.sortedDirectories.filter { $0.parent.flatMap(registry.directory)?.name == definition.name }.map(\.name)
        if !children.isEmpty {
            let referenced = try await pool.read { db in
                let marks = children.map { _ in "?" }.joined(separator: ", ")
                return try db.value(Bool.self, "SELECT 1 FROM directory_entries WHERE parent = ? AND directory IN (\(marks)) LIMIT 1",
                                         ([id] + children)) == true
            }
            if referenced { throw NXError.conflict("This entry is referenced in another vocabulary.") }
        }
        if try await documentReferences(definition.name, id: id) > 0 {
            throw NXError.conflict("This entry is referenced by documents.")
        }
        try await pool.write { db in
            try db.execute("DELETE FROM directory_entries WHERE directory = ? AND id = ?", [definition.name, id])
        }
    }

    /// How many documents (versions and trashed ones included) hold `id` in a property whose field resolves to `directory`:
    /// one NXQL count in the database (`dc:nature = 'x' OR dc:subjects/* = 'x'`), 0 without a repository.
    public func documentReferences(_ directory: String, id: String) async throws -> Int {
        guard let repository else { return 0 }
        let name = try self.directory(directory).name
        let properties = registry.properties(resolvingTo: name)
        guard !properties.isEmpty else { return 0 }
        let literal = "'" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        let predicates = properties.map { "\($0.isList ? $0.key + "/*" : $0.key) = \(literal)" }
        let nxql = "SELECT * FROM Document WHERE " + predicates.joined(separator: " OR ")
        let result = try await repository.query(nxql, options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system))
        return result.page.resultsCount
    }

    // MARK: Typing and storage

    /// `properties` reduced to fields of `schema` (keys may carry the `schema:` prefix), each coerced to its field type.
    func typed(_ directory: DirectoryDefinition, _ schema: Schema, _ properties: JSONObject) throws -> JSONObject {
        var result = JSONObject()
        for (key, value) in properties {
            let name = key.hasPrefix(schema.name + ":") ? String(key.dropFirst(schema.name.count + 1)) : key
            guard let field = schema.fields.first(where: { $0.name == name }) else { continue }
            result[name] = try PropertyCoercion.coerce(value, to: field.type, key: name)
        }
        return result
    }

    /// The stored form of an entry; `id` (path id) wins over the id field of `properties`. 400 without an id.
    func stored(_ directory: DirectoryDefinition, _ schema: Schema, _ properties: JSONObject, id: String?) throws -> StoredEntry {
        var properties = try typed(directory, schema, properties)
        let entryId: String
        if let id {
            entryId = id
        } else if let value = properties[directory.idField], !value.isNull {
            entryId = value.stringValue ?? value.int64Value.map(String.init) ?? ""
        } else {
            entryId = ""
        }
        guard !entryId.isEmpty else { throw NXError.invalid("Missing id field '\(directory.idField)' for an entry of directory \(directory.name)") }
        properties[directory.idField] = .string(entryId)
        return StoredEntry(id: entryId, parent: properties["parent"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                           ordering: properties["ordering"]?.int64Value, properties: properties)
    }

    static func insert(_ db: any SQLConnection, _ directory: String, _ entry: StoredEntry) throws {
        try db.execute("INSERT INTO directory_entries (directory, id, parent, ordering, properties) VALUES (?, ?, ?, ?, ?)",
                       [directory, entry.id, entry.parent, entry.ordering, text(entry.properties)])
    }

    static func text(_ properties: JSONObject) -> String { String(decoding: JSONValue.object(properties).jsonBytes(), as: UTF8.self) }

    /// An entry from its stored JSON: every schema field in schema order, null when absent.
    static func entry(_ directory: DirectoryDefinition, _ schema: Schema, id: String, text: String) -> DirectoryEntry {
        let stored = (try? NXJSON.parse(Array(text.utf8)))?.objectValue ?? JSONObject()
        var properties = JSONObject()
        for field in schema.fields { properties[field.name] = stored[field.name] ?? .null }
        return DirectoryEntry(directory: directory.name, id: id, properties: properties)
    }
}
