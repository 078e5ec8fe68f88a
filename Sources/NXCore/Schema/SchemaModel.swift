/// The type of a schema field.
public indirect enum FieldType: Sendable, Hashable {
    case string, long, integer, double, boolean, date, blob
    /// A list of scalars.
    case list(FieldType)
    /// A complex value with sub-fields.
    case complex([Field])
    /// A list of complex values.
    case complexList([Field])
}

extension FieldType {
    /// The schema type name of a scalar type (`string`, `long`, `date`, `blob`, …), nil for lists and complex types.
    public var primitiveName: String? {
        switch self {
        case .string: return "string"
        case .long: return "long"
        case .integer: return "integer"
        case .double: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .blob: return "blob"
        case .list, .complex, .complexList: return nil
        }
    }
}

/// What the values of a field reference (Nuxeo's `ObjectResolver`), e.g. `dc:nature` → entries of the `nature` directory.
public enum FieldResolver: Sendable, Hashable {
    /// Values (or list items) are ids of entries of the named directory: resolve them with
    /// `DirectoryService.entry(_:id:)`; documents referencing an entry block its deletion.
    case directory(String)
    /// Values (or list items) are user names: resolved to users.
    case user

    /// The directory name, for directory resolvers.
    public var directory: String? {
        switch self {
        case .directory(let name): return name
        case .user: return nil
        }
    }
}

/// A field of a schema or of a complex type.
public struct Field: Sendable, Hashable {
    /// Name without prefix.
    public var name: String
    /// Type.
    public var type: FieldType
    /// What the values reference (`resolver: { directory: nature }` in the spec), nil for plain values.
    public var resolver: FieldResolver?
    /// Whether only administrators may set it (Nuxeo's secured properties: `dc:creator`, `dc:created`, …).
    public var secured: Bool

    /// A field named `name` of `type`, its values resolved by `resolver` if any.
    public init(name: String, type: FieldType, resolver: FieldResolver? = nil, secured: Bool = false) {
        self.name = name
        self.type = type
        self.resolver = resolver
        self.secured = secured
    }
}

/// A document schema.
public struct Schema: Sendable, Hashable {
    public var name: String
    /// Prefix of property keys (`dc`); the schema name when it has none.
    public var prefix: String
    public var fields: [Field]

    public init(name: String, prefix: String, fields: [Field]) {
        self.name = name
        self.prefix = prefix
        self.fields = fields
    }
}

/// A facet, possibly adding schemas.
public struct Facet: Sendable, Hashable {
    public var name: String
    public var schemas: [String]

    public init(name: String, schemas: [String]) {
        self.name = name
        self.schemas = schemas
    }
}

/// A lifecycle transition.
public struct LifecycleTransition: Sendable, Hashable {
    public var name: String
    public var from: [String]
    public var to: String

    public init(name: String, from: [String], to: String) {
        self.name = name
        self.from = from
        self.to = to
    }
}

/// A lifecycle.
public struct Lifecycle: Sendable, Hashable {
    public var name: String
    public var initial: String
    public var states: [String]
    public var transitions: [LifecycleTransition]

    public init(name: String, initial: String, states: [String], transitions: [LifecycleTransition]) {
        self.name = name
        self.initial = initial
        self.states = states
        self.transitions = transitions
    }
}

/// A document type as declared (own schemas and facets; inheritance is resolved by the registry).
public struct DocumentTypeDefinition: Sendable, Hashable {
    public var name: String
    public var parent: String?
    public var schemas: [String]
    public var facets: [String]
    public var lifecycle: String?
    public var subtypes: [String]

    public init(name: String, parent: String?, schemas: [String], facets: [String], lifecycle: String?, subtypes: [String]) {
        self.name = name
        self.parent = parent
        self.schemas = schemas
        self.facets = facets
        self.lifecycle = lifecycle
        self.subtypes = subtypes
    }
}

/// A document created on first start.
public struct SeedDocument: Sendable, Hashable {
    public var path: String
    public var type: String
    public var title: String?

    public init(path: String, type: String, title: String?) {
        self.path = path
        self.type = type
        self.title = title
    }
}
