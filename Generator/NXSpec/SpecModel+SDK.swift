/// A resource of the Swift SDK's API (`Spec/sdk.yaml`): `client.<name>.<method>(…)`, each method one endpoint.
public struct SDKResourceDef: Sendable {
    /// The property of `NXClient` (`documents`).
    public var name: String
    /// What it groups (its doc comment).
    public var description: String
    /// Methods, in written order.
    public var methods: [SDKMethodDef]
    /// Where it was defined.
    public var origin: SpecOrigin

    /// A resource.
    public init(name: String, description: String, methods: [SDKMethodDef], origin: SpecOrigin) {
        self.name = name
        self.description = description
        self.methods = methods
        self.origin = origin
    }
}

/// A method of an SDK resource: one endpoint under a name a caller reads (`documents.get`, `search.nxql`).
public struct SDKMethodDef: Sendable {
    /// The Swift method name.
    public var name: String
    /// The endpoint it calls.
    public var endpoint: String
    /// Argument labels by parameter name (a path, query or form parameter, a parameter set, a header, `body`,
    /// `repository`); `_` for none.
    public var labels: [String: String]
    /// When set, a second method of this name returns every entry of every page as an `AsyncSequence` (paged
    /// endpoints with a page index only).
    public var sequence: String?
    /// Where it was written.
    public var location: SourceLocation

    /// A method.
    public init(name: String, endpoint: String, labels: [String: String], sequence: String? = nil, location: SourceLocation) {
        self.name = name
        self.endpoint = endpoint
        self.labels = labels
        self.sequence = sequence
        self.location = location
    }
}
