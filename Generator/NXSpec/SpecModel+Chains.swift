/// An automation chain (`Spec/chains/*.yaml`): operations run in order, each one's output the next one's input.
public struct ChainDef: Sendable {
    /// Chain id, callable as `{id}` and `Chain.{id}`.
    public var id: String
    /// What it does (the registry writes `null` when absent).
    public var description: String?
    /// Chain parameters: values callers give in `params`, read by steps as `expr:ChainParameters['name']`.
    public var params: [OperationParamDef]
    /// The operations, in order.
    public var steps: [ChainStepDef]
    /// Input → output pairs through every step, computed by the validator.
    public var signature: [OperationSignatureDef] = []
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// One operation of a chain with its parameter values as Nuxeo's chain XML gives them: text (`expr:` expressions and
/// `@{…}` templates included), `key=value` lines for properties, comma-separated text for lists.
public struct ChainStepDef: Sendable {
    /// Operation id or alias.
    public var operation: String
    /// Parameter values, in written order.
    public var params: [(name: String, value: String, location: SourceLocation)]
    /// Where the step was written.
    public var location: SourceLocation
}
