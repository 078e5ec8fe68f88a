/// The validated, typed model of the whole spec: what every emitter reads.
public struct SpecModel: Sendable {
    /// `api.yaml`'s root information.
    public var api: APIInfo
    /// Rendering-context and other headers endpoints may reference, sorted by name.
    public var headers: [HeaderDef]
    /// Closed value sets, sorted by name.
    public var enums: [EnumDef]
    /// Entities, sorted by name.
    public var entities: [EntityDef]
    /// Endpoints and adapters, sorted by id.
    public var endpoints: [EndpointDef]
    /// Parameter sets endpoints include, sorted by name.
    public var paramSets: [ParamSetDef] = []
    /// Document schemas, sorted by name.
    public var schemas: [SchemaDef]
    /// Facets, sorted by name.
    public var facets: [FacetDef]
    /// Lifecycles, sorted by name.
    public var lifecycles: [LifecycleDef]
    /// Document types, in written order.
    public var docTypes: [DocTypeDef]
    /// Content created on first start, in order.
    public var content: [ContentItem]
    /// Conformance scenarios, sorted by id.
    public var scenarios: [ScenarioDef]
    /// Page providers, sorted by name.
    public var pageProviders: [PageProviderDef]
    /// Automation operations, sorted by id.
    public var operations: [OperationDef]
    /// Automation chains, sorted by id.
    public var chains: [ChainDef] = []
    /// Workflow models, in file order (the registry's order).
    public var workflows: [WorkflowDef] = []
    /// Bulk actions (`Spec/bulk/`), by id.
    public var bulkActions: [BulkActionDef] = []
    /// Converters (`Spec/converters/`), by name.
    public var converters: [ConverterDef] = []
    /// Renditions (`Spec/renditions/`), in spec order (the enricher lists them so).
    public var renditions: [RenditionDef] = []
    /// Business objects of the `@bo` adapter, sorted by name.
    public var businessObjects: [BusinessObjectDef] = []
    /// Content enrichers, by file path then written order.
    public var enrichers: [EnricherDef]
    /// Directories (vocabularies), sorted by name.
    public var directories: [DirectoryDef] = []
    /// Message bundles (labels by locale), the default one first, then by locale.
    public var messageBundles: [MessageBundleDef] = []
    /// Resources of the Swift SDK's API, in written order (empty: one resource per endpoint file).
    public var sdkResources: [SDKResourceDef] = []
    /// The SDK resource whose `run` sends typed operations (`automation`), if any.
    public var sdkOperationsResource: String?

    /// The entity named `name`.
    public func entity(_ name: String) -> EntityDef? { entities.first { $0.name == name } }
    /// The header named `name`.
    public func header(_ name: String) -> HeaderDef? { headers.first { $0.name == name } }
    /// The enum named `name`.
    public func enumDef(_ name: String) -> EnumDef? { enums.first { $0.name == name } }
    /// The parameter set named `name`.
    public func paramSet(_ name: String) -> ParamSetDef? { paramSets.first { $0.name == name } }
    /// The page provider named `name`.
    public func pageProvider(_ name: String) -> PageProviderDef? { pageProviders.first { $0.name == name } }
}

/// Where a definition comes from: `Spec/endpoints/documents.yaml#getDocument`.
public struct SpecOrigin: Hashable, Sendable, CustomStringConvertible {
    /// Display path of the file.
    public var file: String
    /// The definition's id within it.
    public var id: String
    /// Where it was written.
    public var location: SourceLocation
    /// `file#id`.
    public var description: String { "\(file)#\(id)" }
}

/// Root information of the API.
public struct APIInfo: Sendable {
    /// Title of the API.
    public var title: String
    /// Version string.
    public var version: String
    /// Base paths every endpoint is served under.
    public var basePaths: [String]
    /// Path prefix selecting a repository, e.g. `/repo/{repo}`.
    public var repositoryPrefix: String
    /// Header selecting a repository.
    public var repositoryHeader: String
    /// Query parameter selecting a repository.
    public var repositoryQuery: String
    /// Default repository name.
    public var defaultRepository: String
    /// Basic auth realm.
    public var basicRealm: String
    /// Other path prefixes answered as if they were the given paths under a base path
    /// (`/nuxeo/site/automation` → `/nuxeo/site/api/v1/automation`).
    public var pathAliases: [(from: String, to: String)] = []
}

/// A header (with aliases and an optional query twin) an endpoint can take.
public struct HeaderDef: Sendable {
    /// Canonical name, as endpoints reference it.
    public var name: String
    /// What it means.
    public var description: String
    /// Every accepted spelling, matched case-insensitively.
    public var aliases: [String]
    /// Whether the query parameters of the same names count too.
    public var query: Bool
    /// Whether the value is a comma-separated list.
    public var list: Bool
    /// The value's type, if any: an enum's name, or `boolean`.
    public var type: String?
    /// Where it was defined.
    public var origin: SpecOrigin
    /// The Swift name of its argument or field when the header's name would mean something else in Swift
    /// (`properties`, the schemas to write, is `schemas`: `properties` is a document's property map).
    public var swiftName: String? = nil

    /// The `type` of a header whose value is `true` or `false`.
    public static let booleanType = "boolean"
    /// Whether the value is `true` or `false` (`type: boolean`).
    public var isBoolean: Bool { type == Self.booleanType }
    /// The enum the value is one of, if its `type` names one.
    public var enumType: String? { isBoolean ? nil : type }
}

/// A closed set of string values.
public struct EnumDef: Sendable {
    /// Name as referenced by types.
    public var name: String
    /// What it means.
    public var description: String
    /// The values, in written order.
    public var values: [String]
    /// Whether decoding ignores case.
    public var caseInsensitive: Bool
    /// Whether the server reads an unknown value as a default (true) instead of answering 400 (false): the OpenAPI
    /// then documents the values but accepts any string, as the server does.
    public var lenient: Bool = false
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A type expression of an entity field or parameter.
public indirect enum TypeRef: Hashable, Sendable, CustomStringConvertible {
    /// `string`
    case string
    /// `boolean`
    case boolean
    /// `integer` or `long`: a 64-bit integer on the wire.
    case integer
    /// `double`
    case double
    /// `object`: an arbitrary JSON object.
    case object
    /// `json`: any JSON value.
    case json
    /// `integerString`: a 64-bit integer carried as a JSON string (Nuxeo writes saved-search numbers so); written as a
    /// string of digits or null, read from such a string, an integer or null. Swift sees the raw `JSONValue`.
    case integerString
    /// `docRef`: a document addressed by id or path (path parameters only).
    case docRef
    /// `xpath`: a property xpath, one or more path segments up to the next `@adapter` segment (path parameters only:
    /// `@blob/files:files/0/file`).
    case xpath
    /// `[T]`
    case list(TypeRef)
    /// An enum, entity or object type by name.
    case named(String)

    public var description: String {
        switch self {
        case .string: return "string"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .double: return "double"
        case .object: return "object"
        case .json: return "json"
        case .integerString: return "integerString"
        case .docRef: return "docRef"
        case .xpath: return "xpath"
        case .list(let t): return "[\(t)]"
        case .named(let n): return n
        }
    }

    /// Names this type refers to (for reference checks).
    public var referencedNames: [String] {
        switch self {
        case .list(let t): return t.referencedNames
        case .named(let n): return [n]
        default: return []
        }
    }
}

/// A field of an entity or object.
public struct FieldDef: Sendable {
    /// JSON name.
    public var name: String
    /// Type.
    public var type: TypeRef
    /// Written as `null` when absent (`T?`).
    public var nullable: Bool
    /// Left out when absent.
    public var omit: Bool
    /// Read from requests but never written.
    public var inputOnly: Bool
    /// The server tells this field left out of a request from one holding its zero value (`"grouplabel": ""` sets an
    /// empty label; leaving it out keeps the label): the SDK keeps it optional although the server always writes it.
    public var presenceMatters = false
    /// What it means.
    public var description: String
    /// Swift property name when the JSON name does not make a distinct one (`@prefix` next to `prefix`).
    public var swiftName: String?
    /// The fewest characters a string value may have, when the server checks it (`minLength: 1`: not empty).
    public var minLength: Int? = nil
    /// Where it was written.
    public var location: SourceLocation

    /// Creates a field.
    public init(name: String, type: TypeRef, nullable: Bool, omit: Bool, inputOnly: Bool, description: String, swiftName: String? = nil,
                location: SourceLocation) {
        self.name = name
        self.swiftName = swiftName
        self.type = type
        self.nullable = nullable
        self.omit = omit
        self.inputOnly = inputOnly
        self.description = description
        self.location = location
    }
}

/// An auxiliary JSON object type declared inside an entity file.
public struct ObjectDef: Sendable {
    /// Name as referenced by types.
    public var name: String
    /// What it means.
    public var description: String
    /// Fields in written order.
    public var fields: [FieldDef]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// An entity: a JSON object carrying `"entity-type": name`.
public struct EntityDef: Sendable {
    /// The `entity-type` value.
    public var name: String
    /// Swift type name.
    public var swiftName: String
    /// What it means.
    public var description: String
    /// Fields in written order (after `entity-type`).
    public var fields: [FieldDef]
    /// Whether this is a Nuxeo paginable list.
    public var paginable: Bool
    /// Whether the list also writes `totalSize`, `pageIndex`, `pageCount` (document lists).
    public var totalSize: Bool
    /// Entity type of list entries, for lists.
    public var entries: String?
    /// Auxiliary object types.
    public var objects: [ObjectDef]
    /// Example JSON documents (round-trip tests).
    public var examples: [ExampleDef]
    /// Where it was defined.
    public var origin: SpecOrigin
    /// A hand-written runtime type (in NXRuntime) that implements this entity, e.g. `NXException`; the generated
    /// model then names it (`typealias <swiftName> = <runtimeType>`) instead of declaring a struct.
    public var runtimeType: String? = nil
}

/// An example instance of an entity.
public struct ExampleDef: Sendable {
    /// Its name.
    public var name: String
    /// The JSON text.
    public var json: String
    /// Where it was written.
    public var location: SourceLocation
}

/// Where a parameter is read from.
public enum ParamLocation: String, Sendable {
    /// A path template segment.
    case path
    /// A query parameter.
    case query
    /// A field of an `application/x-www-form-urlencoded` body (JAX-RS `@FormParam`).
    case form
}

/// A path, query or form parameter.
public struct ParamDef: Sendable {
    /// Name.
    public var name: String
    /// Where it is read from.
    public var location: ParamLocation
    /// Type.
    public var type: TypeRef
    /// Whether a request must carry it.
    public var required: Bool
    /// Default value (text) when absent.
    public var defaultValue: String?
    /// The OpenAPI string format of the value, or of each item of a list (`nxql`, `date-time`): documentation,
    /// and what fuzzers generate values from.
    public var format: String? = nil
    /// A regular expression the value (or each item) matches; the server rejects others.
    public var pattern: String? = nil
    /// What it means.
    public var description: String
    /// Where it was written.
    public var sourceLocation: SourceLocation
    /// The parameter set it comes from, nil when the endpoint declares it itself.
    public var paramSet: String? = nil
}

/// What a response writes.
public enum ResponseKind: Hashable, Sendable {
    /// An entity (`application/json; nuxeo-entity=<name>`).
    case entity(String)
    /// Any JSON value (`application/json`, no nuxeo-entity).
    case json
    /// Whatever the handler decides: entity, JSON, bytes or nothing (`NXBody`).
    case any
    /// No body.
    case empty
}

/// A response of an endpoint.
public struct ResponseDef: Sendable {
    /// HTTP status.
    public var status: Int
    /// What the body holds.
    public var kind: ResponseKind
    /// Entity written, or nil when the body is not an entity.
    public var entity: String? {
        if case .entity(let name) = kind { return name }
        return nil
    }
    /// Whether the client gets a paging sequence for it.
    public var paged: Bool
    /// The shape of a `json` body (`json: true, type: "[schemaSummary]"`), documented in the OpenAPI; nil = any JSON.
    public var jsonType: TypeRef? = nil
    /// Where it was written.
    public var location: SourceLocation
}

/// An HTTP endpoint (adapters are endpoints whose path ends with `@adapter`).
public struct EndpointDef: Sendable {
    /// Unique id; the handler method name.
    public var id: String
    /// One line summary.
    public var summary: String
    /// HTTP method.
    public var method: String
    /// Path template relative to the base path (`{doc}`, `{doc}/@children`, `/user/{name}`).
    public var path: String
    /// Adapter name for adapters.
    public var adapter: String?
    /// Parameters: its own in written order, then those of its parameter sets (`ParamDef.paramSet` says which).
    public var params: [ParamDef]
    /// Names of the parameter sets it includes, in written order; their headers are part of `headers`.
    public var paramSets: [String] = []
    /// Referenced header names, in written order.
    public var headers: [String]
    /// Request body entity.
    public var body: String?
    /// Whether the request body is raw JSON (`body: { json: true }`), read whatever its Content-Type.
    public var jsonBody: Bool
    /// Whether the request body is raw bytes streamed to the handler (`body: { binary: true }`), never read whole.
    public var binaryBody: Bool = false
    /// The media types a binary body is documented with (`contentTypes:`); empty = `application/octet-stream`.
    public var binaryContentTypes: [String] = []
    /// The shape of a raw JSON body (`body: { json: true, type: passwordChange }`), documented in the OpenAPI; nil = any JSON.
    public var jsonBodyType: TypeRef? = nil
    /// Fields of the body (entity or named object) the handler requires (`body: { entity: document, required: [type] }`):
    /// a request without them is answered 400.
    public var bodyRequired: [String] = []
    /// What the handler checks beyond decoding, as a JSON Schema (OpenAPI 3.0 dialect) the body must also match
    /// (`body: { entity: savedSearch, schema: { oneOf: … } }`); documented in the OpenAPI only.
    public var bodySchema: SpecJSON? = nil
    /// Responses by status, ascending.
    public var responses: [ResponseDef]
    /// The handler group (spec file stem, e.g. `documents`, `children`).
    public var group: String
    /// Where it was defined.
    public var origin: SpecOrigin

    /// The success response (lowest 2xx).
    public var success: ResponseDef? { responses.first { (200..<300).contains($0.status) } }
    /// Whether its success is a paged list whose pages it picks by `currentPageIndex` (what an SDK sequence needs).
    public var isPagedByIndex: Bool { success?.paged == true && params.contains { $0.name == "currentPageIndex" } }
}

/// A document schema field type.
public indirect enum SchemaFieldType: Hashable, Sendable, CustomStringConvertible {
    /// string, long, integer, double, boolean, date, blob
    case primitive(String)
    /// `T[]` of a primitive.
    case list(String)
    /// `complex` with sub-fields.
    case complex([SchemaFieldDef])
    /// `complex[]` with sub-fields.
    case complexList([SchemaFieldDef])

    public var description: String {
        switch self {
        case .primitive(let p): return p
        case .list(let p): return "\(p)[]"
        case .complex: return "complex"
        case .complexList: return "complex[]"
        }
    }
}

/// A field of a document schema.
public struct SchemaFieldDef: Hashable, Sendable {
    /// Name (without prefix).
    public var name: String
    /// Type.
    public var type: SchemaFieldType
    /// What the values reference (`resolver: { directory: nature }`), if anything.
    public var resolver: FieldResolverDef? = nil
    /// Whether only administrators may set it (`secured: true`; the server maintains it otherwise).
    public var secured: Bool = false
}

/// A document schema.
public struct SchemaDef: Sendable {
    /// Name.
    public var name: String
    /// Prefix of property keys (the name when none is given).
    public var prefix: String
    /// Fields in written order.
    public var fields: [SchemaFieldDef]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A facet.
public struct FacetDef: Sendable {
    /// Name.
    public var name: String
    /// Schemas it adds.
    public var schemas: [String]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A lifecycle.
public struct LifecycleDef: Sendable {
    /// Name.
    public var name: String
    /// Initial state.
    public var initial: String
    /// States.
    public var states: [String]
    /// Transitions: name, allowed source states, destination.
    public var transitions: [(name: String, from: [String], to: String)]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A document type.
public struct DocTypeDef: Sendable {
    /// Name.
    public var name: String
    /// Parent type.
    public var extends: String?
    /// Own schemas (inheritance resolved by consumers).
    public var schemas: [String]
    /// Own facets.
    public var facets: [String]
    /// Lifecycle (inherited when nil).
    public var lifecycle: String?
    /// Allowed subtypes.
    public var subtypes: [String]
    /// What it is.
    public var description: String
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// A document created on first start.
public struct ContentItem: Sendable {
    /// Absolute path.
    public var path: String
    /// Document type.
    public var type: String
    /// dc:title, if any.
    public var title: String?
}

/// A conformance scenario: ordered HTTP steps with expectations.
public struct ScenarioDef: Sendable {
    /// Unique id.
    public var id: String
    /// What it checks.
    public var description: String
    /// Steps in order.
    public var steps: [StepDef]
    /// What the scenario needs of the server beyond the API (its configuration), checked first by a step: when that
    /// step's expectations fail, a runner against any server reports the scenario as skipped, with `why`.
    public var requires: (why: String, step: StepDef)? = nil
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// Credentials of a step: the runner's defaults, none, or explicit ones.
public enum StepAuth: Hashable, Sendable {
    /// The runner's user and password.
    case `default`
    /// No Authorization header.
    case none
    /// Explicit Basic credentials.
    case basic(user: String, password: String)
}

/// A JSON value written in YAML (for bodies and expectations), keeping key order.
public indirect enum SpecJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SpecJSON])
    case object([SpecJSONPair])
}

/// One key/value of a `SpecJSON` object.
public struct SpecJSONPair: Hashable, Sendable {
    public var key: String
    public var value: SpecJSON
    public init(key: String, value: SpecJSON) {
        self.key = key
        self.value = value
    }
}

/// One step of a scenario.
public struct StepDef: Sendable {
    /// HTTP method.
    public var method: String
    /// Path relative to the base path (may hold `{{capture}}`).
    public var path: String
    /// Request headers.
    public var headers: [(String, String)]
    /// Query parameters.
    public var query: [(String, String)]
    /// JSON body.
    public var body: SpecJSON?
    /// Credentials.
    public var auth: StepAuth
    /// Expected status.
    public var status: Int
    /// Expected body subset.
    public var expectBody: SpecJSON?
    /// JSON paths (`$.a.b`) that must be absent.
    public var forbidFields: [String]
    /// Headers that must be present, with an expected value prefix ("" = any).
    public var requireHeaders: [(String, String)]
    /// Captures: name → JSON path in the response.
    public var captures: [(String, String)]
    /// Where it was written.
    public var location: SourceLocation
    /// A raw text body (`request.text`), sent as UTF-8 bytes instead of JSON.
    public var bodyText: String? = nil
    /// A generated file body (`request.file: { size, pattern }`): `pattern` repeated to `size` bytes.
    public var bodyFile: FileBodyDef? = nil
    /// The exact response body text (`expect.text`).
    public var expectText: String? = nil
    /// The response body length in bytes (`expect.length`).
    public var expectLength: Int? = nil
    /// The lowercase hex MD5 of the response body (`expect.md5`).
    public var expectMD5: String? = nil
    /// Attempts, 100 ms apart, until the expectations hold (`poll`: a background job finishing); nil = one.
    public var poll: Int? = nil
    /// A file of the repository sent as the body (`request.file: { fixture }`), read by the loader.
    public var bodyFixture: FixtureDef? = nil
    /// The number of pages of the PDF answered (`expect.pdfPages`).
    public var expectPDFPages: Int? = nil
    /// The width and height in pixels of the image answered (`expect.imageSize: WxH`).
    public var expectImageSize: ImageSizeDef? = nil
}

/// A file of the repository sent as a request body: its path relative to the repository (the spec directory's
/// parent), and its bytes once `SpecCompiler` has read it.
public struct FixtureDef: Sendable, Hashable {
    /// The path, relative to the repository (`Tests/Fixtures/conversions/letter.docx`).
    public var path: String
    /// Where the path is written.
    public var location: SourceLocation
    /// The file's bytes (empty until read).
    public var contents: [UInt8] = []

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}

/// An image's expected size in pixels.
public struct ImageSizeDef: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A generated binary request body: `pattern` (UTF-8) repeated to `size` bytes.
public struct FileBodyDef: Sendable, Hashable {
    public var size: Int
    public var pattern: String

    public init(size: Int, pattern: String) {
        self.size = size
        self.pattern = pattern
    }
}
