/// Definitions as parsed, before cross-references are checked.
struct RawSpec {
    var api: (APIInfo, SourceLocation)?
    var headers: [HeaderDef] = []
    var enums: [EnumDef] = []
    var entities: [EntityDef] = []
    var endpoints: [EndpointDef] = []
    var paramSets: [ParamSetDef] = []
    /// Parameter sets endpoints include: (endpoint id, set name, where), resolved once every set is known.
    var paramSetRefs: [(String, String, SourceLocation)] = []
    var schemas: [SchemaDef] = []
    var facets: [FacetDef] = []
    var lifecycles: [LifecycleDef] = []
    var docTypes: [DocTypeDef] = []
    var content: [(ContentItem, SourceLocation)] = []
    var scenarios: [ScenarioDef] = []
    var pageProviders: [PageProviderDef] = []
    var operations: [OperationDef] = []
    var chains: [ChainDef] = []
    var workflows: [WorkflowDef] = []
    var bulkActions: [BulkActionDef] = []
    var converters: [ConverterDef] = []
    var renditions: [RenditionDef] = []
    /// Converters named by chains, checked once every converter is known.
    var converterRefs: [(String, SourceLocation)] = []
    var businessObjects: [BusinessObjectDef] = []
    var enrichers: [EnricherDef] = []
    var sdkResources: [SDKResourceDef] = []
    /// The SDK resource that runs typed operations, and where it was named.
    var sdkOperations: (String, SourceLocation)?
    var directories: [DirectoryDef] = []
    var messageBundles: [MessageBundleDef] = []
    /// Directory names and aliases with where they were written: one namespace.
    var directoryNameLocations: [(String, SourceLocation)] = []
    /// Directory references (field resolvers, parents), checked once every directory is known.
    var directoryRefs: [(String, SourceLocation)] = []
    /// Operation ids and aliases with where they were written: one namespace.
    var operationNameLocations: [(String, SourceLocation)] = []
    /// Locations of type references, checked by the validator: (what, name, where).
    var schemaRefs: [(String, SourceLocation)] = []
    var facetRefs: [(String, SourceLocation)] = []
    var docTypeRefs: [(String, SourceLocation)] = []
    var lifecycleRefs: [(String, SourceLocation)] = []
    var entityRefs: [(String, SourceLocation)] = []
    var headerRefs: [(String, SourceLocation)] = []
    var typeRefs: [(TypeRef, SourceLocation)] = []
    /// Required body fields: (entity or object, field, where), checked against its fields.
    var bodyRequiredRefs: [(String, String, SourceLocation)] = []
}
