/// One operation of a chain and the parameter values the chain gives it, as text (Nuxeo's chain XML): `expr:`
/// expressions and `@{…}` templates are evaluated when the step runs.
public struct ChainStep: Sendable, Hashable {
    /// Operation id or alias.
    public var operation: String
    /// Parameter values by name, in written order.
    public var params: [(name: String, value: String)]

    public init(operation: String, params: [(name: String, value: String)] = []) {
        self.operation = operation
        self.params = params
    }

    public static func == (lhs: ChainStep, rhs: ChainStep) -> Bool {
        lhs.operation == rhs.operation && lhs.params.map(\.name) == rhs.params.map(\.name) && lhs.params.map(\.value) == rhs.params.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(operation)
        for param in params {
            hasher.combine(param.name)
            hasher.combine(param.value)
        }
    }
}

/// An automation chain of the registry: operations run in order, the output of one the input of the next; callers'
/// `params` are the chain parameters.
public struct ChainDescriptor: Sendable, Hashable {
    /// Chain id (callable as `{id}` and `Chain.{id}`).
    public var id: String
    /// What it does; nil when the spec gives none (the registry writes `null`).
    public var description: String?
    /// Declared chain parameters.
    public var params: [OperationParamDescriptor]
    /// Input → output pairs through every step.
    public var signature: [OperationSignature]
    /// The operations.
    public var steps: [ChainStep]

    public init(id: String, description: String?, params: [OperationParamDescriptor], signature: [OperationSignature], steps: [ChainStep]) {
        self.id = id
        self.description = description
        self.params = params
        self.signature = signature
        self.steps = steps
    }
}
