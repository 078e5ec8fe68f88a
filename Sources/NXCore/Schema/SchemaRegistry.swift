/// A document type with inheritance resolved: every schema (own, inherited and from facets) and facet.
public struct DocumentType: Sendable {
    /// Type name.
    public var name: String
    /// Parent type name.
    public var parent: String?
    /// Schemas in order: inherited first, then own, then those of facets.
    public var schemas: [Schema]
    /// Facets: inherited first, then own.
    public var facets: [String]
    /// The lifecycle, if any (inherited).
    public var lifecycle: Lifecycle?
    /// Allowed subtypes.
    public var subtypes: [String]
    /// Property key (`dc:title`, also `dublincore:title`) → field.
    public var fieldsByKey: [String: (schema: Schema, field: Field)]
    /// Every field in output order with its `prefix:name` key, computed once.
    public var propertyFields: [(schema: String, key: String, type: FieldType)]

    /// Whether the type has `schema`.
    public func hasSchema(_ name: String) -> Bool { schemas.contains { $0.name == name } }
    /// Whether the type is folderish.
    public var isFolderish: Bool { facets.contains("Folderish") }

    /// Adds `schema` after the others: its fields become properties of the type (`prefix:field`, also `schema:field`).
    mutating func append(_ schema: Schema) {
        schemas.append(schema)
        for field in schema.fields {
            fieldsByKey["\(schema.prefix):\(field.name)"] = (schema, field)
            if schema.prefix != schema.name { fieldsByKey["\(schema.name):\(field.name)"] = (schema, field) }
            propertyFields.append((schema.name, "\(schema.prefix):\(field.name)", field.type))
        }
    }
}

/// Schemas, facets, lifecycles and document types of a repository.
public struct SchemaRegistry: Sendable {
    /// Schemas by name.
    public let schemas: [String: Schema]
    /// Facets by name.
    public let facets: [String: Facet]
    /// Lifecycles by name.
    public let lifecycles: [String: Lifecycle]
    /// Resolved document types by name.
    public let types: [String: DocumentType]
    /// Type names in declaration order.
    public let typeNames: [String]
    /// Initial content.
    public let content: [SeedDocument]
    /// Page providers by name.
    public let pageProviders: [String: PageProviderDefinition]
    /// Directories (vocabularies) by name.
    public let directories: [String: DirectoryDefinition]

    /// Builds and resolves a registry (references are validated by nxgen; unknown ones are skipped here).
    public init(schemas: [Schema], facets: [Facet], lifecycles: [Lifecycle], types: [DocumentTypeDefinition], content: [SeedDocument],
                pageProviders: [PageProviderDefinition] = [], directories: [DirectoryDefinition] = []) {
        self.pageProviders = Dictionary(pageProviders.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.directories = Dictionary(directories.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let schemaMap = Dictionary(schemas.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let facetMap = Dictionary(facets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let lifecycleMap = Dictionary(lifecycles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let definitions = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var resolved: [String: DocumentType] = [:]
        for definition in types {
            var chain: [DocumentTypeDefinition] = []
            var current: DocumentTypeDefinition? = definition
            var seen = Set<String>()
            while let type = current, seen.insert(type.name).inserted {
                chain.insert(type, at: 0)
                current = type.parent.flatMap { definitions[$0] }
            }
            var schemaNames: [String] = []
            var facetNames: [String] = []
            var lifecycle: Lifecycle?
            for type in chain {
                for s in type.schemas where !schemaNames.contains(s) { schemaNames.append(s) }
                for f in type.facets where !facetNames.contains(f) { facetNames.append(f) }
                if let l = type.lifecycle { lifecycle = lifecycleMap[l] }
            }
            for f in facetNames { for s in facetMap[f]?.schemas ?? [] where !schemaNames.contains(s) { schemaNames.append(s) } }
            var type = DocumentType(
                name: definition.name, parent: definition.parent, schemas: [], facets: facetNames, lifecycle: lifecycle,
                subtypes: definition.subtypes, fieldsByKey: [:], propertyFields: [])
            for schema in schemaNames.compactMap({ schemaMap[$0] }) { type.append(schema) }
            resolved[definition.name] = type
        }
        self.schemas = schemaMap
        self.facets = facetMap
        self.lifecycles = lifecycleMap
        self.types = resolved
        self.typeNames = types.map(\.name)
        self.content = content
    }

    /// The type named `name`.
    public func type(_ name: String) -> DocumentType? { types[name] }

    /// Whether `type` is `ancestor` or inherits from it.
    public func isSubtype(_ type: String, of ancestor: String) -> Bool {
        var current: String? = type
        while let name = current {
            if name == ancestor { return true }
            current = types[name]?.parent
        }
        return false
    }
}
