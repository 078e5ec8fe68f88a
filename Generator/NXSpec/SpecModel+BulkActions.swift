/// A bulk action (`Spec/bulk/*.yaml`): what clients name in `/bulk/{actionId}` and the management API, and its rules.
public struct BulkActionDef: Sendable {
    public var id: String
    public var description: String
    /// Whether non-administrators may submit it over REST (Nuxeo's `httpEnabled`).
    public var httpEnabled: Bool
    /// Whether a second command of it is refused (409) while one is active.
    public var exclusive: Bool
    /// Whether any property xpath is a parameter too (`setProperties`).
    public var xpathParams: Bool
    public var params: [BulkActionParamDef]
    public var origin: SpecOrigin
}

/// A declared parameter of a bulk action.
public struct BulkActionParamDef: Sendable {
    public var name: String
    /// `string`, `boolean`, `integer`, `[string]` or `object`.
    public var type: String
    public var description: String
    public var location: SourceLocation
}
