/// A directory (vocabulary) as declared in `Spec/directories/`: entries of one schema, keyed by an id field.
public struct DirectoryDefinition: Sendable, Hashable {
    /// Name, as `/directory/{name}` addresses it.
    public var name: String
    /// Schema of the entries.
    public var schema: String
    /// Field holding an entry's id.
    public var idField: String
    /// Directory the entries' `parent` field points into (hierarchical vocabularies; may be this directory).
    public var parent: String?
    /// Whether entries cannot be written over REST.
    public var readOnly: Bool
    /// Directory types (`vocabulary`, `system`, …); `system` directories are not listed.
    public var types: [String]
    /// Other names this directory answers to.
    public var aliases: [String]
    /// Entries created when the directory is empty: field → value text, typed by the schema when stored.
    public var entries: [[String: String]]

    /// A directory definition (`Generated/NXSchemas` builds these from the spec).
    public init(name: String, schema: String, idField: String = "id", parent: String? = nil, readOnly: Bool = false,
                types: [String] = ["vocabulary"], aliases: [String] = [], entries: [[String: String]] = []) {
        self.name = name
        self.schema = schema
        self.idField = idField
        self.parent = parent
        self.readOnly = readOnly
        self.types = types
        self.aliases = aliases
        self.entries = entries
    }

    /// Whether this is a system directory, hidden from `GET /directory`.
    public var isSystem: Bool { types.contains("system") }
}

extension SchemaRegistry {
    /// The directory named `name`, or having it as an alias.
    public func directory(_ name: String) -> DirectoryDefinition? {
        if let directory = directories[name] { return directory }
        return directories.values.first { $0.aliases.contains(name) }
    }

    /// Every directory, sorted by name.
    public var sortedDirectories: [DirectoryDefinition] { directories.values.sorted { $0.name < $1.name } }

    /// Document property keys (`dc:nature`, `dc:subjects`) whose field resolves to entries of `directory`, with whether the
    /// field is a list; sorted by key. Top-level schema fields only.
    public func properties(resolvingTo directory: String) -> [(key: String, isList: Bool)] {
        var result: [(key: String, isList: Bool)] = []
        for schema in schemas.values {
            for field in schema.fields where field.resolver?.directory == directory {
                var isList = false
                if case .list = field.type { isList = true }
                result.append(("\(schema.prefix):\(field.name)", isList))
            }
        }
        return result.sorted { $0.key < $1.key }
    }
}
