import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The directory operations of Spec/operations/directories.yaml: entries as JSON blobs, writes with Nuxeo's guards
/// (`directoriesManagementAccess`: administrators and `powerusers`; never the user and group directories, never a
/// read-only one).
extension DocumentOperations {
    /// Every entry as a JSON object of its schema fields in schema order, null values left out (net.sf.json); `label`
    /// translated with `translateLabels`. The input document (local configuration) does not change the directory.
    func directoryEntries(_ input: Value, _ params: DirectoryEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        let rows = try await service.list(params.directoryName).map { entry -> JSONValue in
            var object = JSONObject()
            for (key, value) in entry.properties {
                if params.translateLabels == true && key == "label" {
                    object[key] = .string(context.translate(value.stringValue, lang: params.lang))
                } else if !value.isNull {
                    object[key] = value
                }
            }
            return .object(object)
        }
        return try context.jsonBlob(.array(rows))
    }

    /// The entries of the ids of the `entries` JSON array that exist, every schema field written (null included).
    func directoryReadEntries(_ input: Value, _ params: DirectoryReadEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        let definition = try service.directory(params.directoryName)
        var rows: [JSONValue] = []
        for id in try Self.idList(params.entries, operation: context.operationId) {
            guard let entry = try await service.entry(definition.name, id: id) else { continue }
            var object = entry.properties
            if params.translateLabels == true, object["label"] != nil {
                object["label"] = .string(context.translate(object["label"]?.stringValue, lang: params.lang))
            }
            rows.append(.object(object))
        }
        return try context.jsonBlob(.array(rows))
    }

    /// Creates each object of the `entries` JSON array; returns the created ids. An existing id → 409.
    func directoryCreateEntries(_ input: Value, _ params: DirectoryCreateEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        try context.checkCanManageDirectories(params.directoryName, service)
        var ids: [JSONValue] = []
        for entry in try Self.objectList(params.entries, operation: context.operationId) {
            ids.append(.string(try await service.create(params.directoryName, properties: entry).id))
        }
        return try context.jsonBlob(.array(ids))
    }

    /// Updates each object of the `entries` JSON array that has the id field and names an existing entry (others are
    /// skipped); returns the updated ids.
    func directoryUpdateEntries(_ input: Value, _ params: DirectoryUpdateEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        try context.checkCanManageDirectories(params.directoryName, service)
        let definition = try service.directory(params.directoryName)
        var ids: [JSONValue] = []
        for entry in try Self.objectList(params.entries, operation: context.operationId) {
            guard let id = entry[definition.idField]?.stringValue, try await service.entry(definition.name, id: id) != nil else { continue }
            ids.append(.string(try await service.update(definition.name, id: id, properties: entry).id))
        }
        return try context.jsonBlob(.array(ids))
    }

    /// Deletes the ids of the `entries` JSON array (an absent id is no error), or with `markObsolete` sets their
    /// `obsolete` field to 1 when the schema has one; returns the ids.
    func directoryDeleteEntries(_ input: Value, _ params: DirectoryDeleteEntriesParams, context: Context) async throws -> Value {
        let service = try context.directories()
        try context.checkCanManageDirectories(params.directoryName, service)
        let definition = try service.directory(params.directoryName)
        let hasObsolete = context.repository.registry.schemas[definition.schema]?.fields.contains { $0.name == "obsolete" } ?? false
        var ids: [JSONValue] = []
        for id in try Self.idList(params.entries, operation: context.operationId) {
            if params.markObsolete == true && hasObsolete {
                if try await service.entry(definition.name, id: id) != nil {
                    _ = try await service.update(definition.name, id: id, properties: ["obsolete": .int(1)])
                }
            } else if try await service.entry(definition.name, id: id) != nil {
                try await service.delete(definition.name, id: id)
            }
            ids.append(.string(id))
        }
        return try context.jsonBlob(.array(ids))
    }

    /// Adds `id` to the vocabulary unless it exists (then nothing changes); `label` defaults to the id, `parent` is set
    /// only when the schema has that field. A blank id does nothing.
    func directoryCreateVocabularyEntry(_ input: Value, _ params: DirectoryCreateVocabularyEntryParams, context: Context) async throws -> Value {
        guard !params.id.trimmingWhitespace.isEmpty else { return .void }
        let service = try context.directories()
        let definition = try service.directory(params.vocabularyName)
        try service.checkWritable(definition.name, isAdministrator: context.principal.isAdministrator, groups: context.principal.groups)
        if try await service.entry(definition.name, id: params.id) != nil { return .void }
        var entry: JSONObject = ["id": .string(params.id)]
        entry["label"] = .string(params.label.flatMap { $0.isEmpty ? nil : $0 } ?? params.id)
        if context.repository.registry.schemas[definition.schema]?.fields.contains(where: { $0.name == "parent" }) == true {
            entry["parent"] = .string(params.parent ?? "")
        }
        entry["obsolete"] = .int(Int64(params.obsolete ?? 0))
        entry["ordering"] = .int(Int64(params.ordering ?? 0))
        _ = try await service.create(definition.name, properties: entry)
        return .void
    }

    // MARK: Parameters

    /// A JSON array of ids (strings; numbers are written as text); anything else → 400 naming `entries`.
    static func idList(_ text: String, operation: String) throws -> [String] {
        guard case .array(let items)? = try? NXJSON.parse(Array(text.utf8)) else { throw invalidEntries(operation, "an array of ids") }
        return try items.map { item in
            if let id = item.stringValue { return id }
            if let number = item.int64Value { return String(number) }
            throw invalidEntries(operation, "an array of ids")
        }
    }

    /// A JSON array of objects; anything else → 400 naming `entries`.
    static func objectList(_ text: String, operation: String) throws -> [JSONObject] {
        guard case .array(let items)? = try? NXJSON.parse(Array(text.utf8)) else { throw invalidEntries(operation, "an array of objects") }
        return try items.map { item in
            guard let object = item.objectValue else { throw invalidEntries(operation, "an array of objects") }
            return object
        }
    }

    static func invalidEntries(_ operation: String, _ expected: String) -> NXError {
        NXError.invalid("Invalid value for parameter 'entries' of operation \(operation): a JSON \(expected) is expected")
    }
}

extension DocumentOperations {
    /// `Directory.Projection`: the `columnName` values of the entries matching every filter — equal, or for a fulltext field
    /// containing the text (case-insensitive) — in the context variable `variableName`; the input passes on.
    func directoryProjection(_ input: Value, _ params: DirectoryProjectionParams, context: Context) async throws -> Value {
        let service = try context.directories()
        let definition = try service.directory(params.directoryName)
        let fulltext = Set(params.fulltextFields ?? [])
        let filters = params.filters ?? JSONObject()
        var values: [JSONValue] = []
        for entry in try await service.list(definition.name) {
            let matches = filters.allSatisfy { key, wanted in
                let text = wanted.stringValue ?? ""
                let actual = entry.properties[key]?.plainText ?? ""
                return fulltext.contains(key) ? actual.lowercased().contains(text.lowercased()) : actual == text
            }
            guard matches, let value = entry.properties[params.columnName] else { continue }
            values.append(value)
        }
        try context.state.setVariable(params.variableName, .json(.array(values)))
        return .void
    }
}
