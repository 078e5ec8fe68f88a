import NXRuntime

/// An entry of a directory: its id and every field of the directory's schema, in schema order (absent fields are null).
public struct DirectoryEntry: Sendable, Hashable {
    /// The directory's (canonical) name.
    public var directory: String
    /// The entry id (the value of the directory's id field).
    public var id: String
    /// Field name (without prefix) → value, typed by the schema: `long` fields are integers, `string` fields strings.
    public var properties: JSONObject

    /// An entry of `directory`.
    public init(directory: String, id: String, properties: JSONObject) {
        self.directory = directory
        self.id = id
        self.properties = properties
    }
}

/// Directories (vocabularies) stored beside the documents: reading, paging, writing with Nuxeo's guards, and the reference
/// checks that keep entries in use from being deleted. Definitions come from the registry (`Spec/directories/`); entries are
/// seeded from it when a directory is empty. Knows nothing of HTTP; errors are `NXError`s.
public final class DirectoryService: Sendable {
    /// Schemas and directory definitions.
    public let registry: SchemaRegistry
    let pool: any SQLAccess
    /// Repository whose documents may reference entries (field resolvers); nil skips the document check.
    let repository: Repository?

    /// Directories of `registry` stored in `store`; `repository` is queried for documents referencing an entry before it is deleted.
    public init(store: any SQLStore, registry: SchemaRegistry, repository: Repository? = nil) {
        pool = store.sql
        self.registry = registry
        self.repository = repository
    }

    /// Directory names that only the user and group endpoints may edit (Nuxeo answers 400 on them).
    public static let userAndGroupDirectories: Set<String> = ["userDirectory", "groupDirectory"]

    // MARK: Definitions

    /// Non-system directories sorted by name; with `types`, only those having one of them (`GET /directory?types=`).
    public func directories(types: [String] = []) -> [DirectoryDefinition] {
        registry.sortedDirectories.filter { directory in
            !directory.isSystem && (types.isEmpty || types.contains { directory.types.contains($0) })
        }
    }

    /// The directory named `name` (or aliased so); 404 `Directory <name> was not found` otherwise.
    public func directory(_ name: String) throws -> DirectoryDefinition {
        guard let directory = registry.directory(name) else { throw NXError.notFound("Directory \(name) was not found") }
        return directory
    }

    /// The schema of `directory` (nxgen checks it exists).
    func schema(_ directory: DirectoryDefinition) throws -> Schema {
        guard let schema = registry.schemas[directory.schema] else {
            throw NXError.internal("schema \(directory.schema) of directory \(directory.name) unknown")
        }
        return schema
    }

    // MARK: Seeding

    /// Creates the seed entries of every directory that has no entry yet. Returns the number of entries created.
    @discardableResult
    public func seed() async throws -> Int {
        var rows: [(String, StoredEntry)] = []
        for directory in registry.sortedDirectories where !directory.entries.isEmpty {
            let schema = try schema(directory)
            for values in directory.entries {
                var properties = JSONObject()
                for (field, text) in values { properties[field] = .string(text) }
                rows.append((directory.name, try stored(directory, schema, properties, id: nil)))
            }
        }
        let seedRows = rows
        return try await pool.write { db in
            var created = 0
            var empty: [String: Bool] = [:]
            for (name, entry) in seedRows {
                if empty[name] == nil {
                    empty[name] = try db.value(Int.self, "SELECT COUNT(*) FROM directory_entries WHERE directory = ?", [name]) == 0
                }
                guard empty[name] == true else { continue }
                try Self.insert(db, name, entry)
                created += 1
            }
            return created
        }
    }

    // MARK: Reading

    /// The entry `id` of `directory`, or nil when there is none; 404 for an unknown directory.
    /// This is what document rendering uses to resolve a field with a `.directory` resolver (`fetch.document`).
    public func entry(_ directory: String, id: String) async throws -> DirectoryEntry? {
        let definition = try self.directory(directory)
        let schema = try schema(definition)
        let text = try await pool.read { db in
            try db.value(String.self, "SELECT properties FROM directory_entries WHERE directory = ? AND id = ?",
                                [definition.name, id])
        }
        return text.map { Self.entry(definition, schema, id: id, text: $0) }
    }

    /// The entry `id` of `directory`; 404 `Entry not found` when there is none.
    public func existingEntry(_ directory: String, id: String) async throws -> DirectoryEntry {
        guard let entry = try await entry(directory, id: id) else { throw NXError.notFound("Entry not found") }
        return entry
    }

    /// Every entry of `directory`, ordered by `ordering` then id.
    public func list(_ directory: String) async throws -> [DirectoryEntry] {
        try await page(directory, request: PageRequest(pageSize: 0), defaultPageSize: 0, maxPageSize: Int.max).entries
    }

    /// A page of the entries of `directory`, ordered by `ordering` then id (Nuxeo's `nuxeo_directory_entry_listing`,
    /// page size 50 by default).
    public func page(_ directory: String, request: PageRequest, defaultPageSize: Int = 50, maxPageSize: Int = 1000) async throws
        -> Page<DirectoryEntry> {
        let definition = try self.directory(directory)
        let schema = try schema(definition)
        let pagination = Pagination(request, defaultPageSize: defaultPageSize, maxPageSize: maxPageSize)
        let (rows, count) = try await pool.read { db in
            let rows = try db.all("""
                SELECT id, properties FROM directory_entries WHERE directory = ? ORDER BY ordering, id LIMIT ? OFFSET ?
                """, [definition.name, pagination.limit, pagination.offset])
            let count = try db.value(Int.self, "SELECT COUNT(*) FROM directory_entries WHERE directory = ?",
                                         [definition.name]) ?? 0
            return (rows.map { ($0[0] as String, $0[1] as String) }, count)
        }
        return pagination.page(rows.map { Self.entry(definition, schema, id: $0.0, text: $0.1) }, counted: count)
    }
}
