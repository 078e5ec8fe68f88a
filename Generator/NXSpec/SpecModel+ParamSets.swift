/// A named group of request parameters and headers declared once and included by endpoints
/// (`paramSets: { searchExecution: { params: …, headers: […] } }`, `include: [searchExecution]`).
///
/// Generated code gives each set one shared value type; an endpoint's input holds one value per included set.
public struct ParamSetDef: Sendable {
    /// Name, as endpoints include it.
    public var name: String
    /// What the group is.
    public var description: String
    /// Query parameters, in written order (`paramSet` is this set's name).
    public var params: [ParamDef]
    /// Header names, in written order.
    public var headers: [String]
    /// Where it was defined.
    public var origin: SpecOrigin
}

extension EndpointDef {
    /// Parameters the endpoint declares itself (not from a parameter set).
    public var ownParams: [ParamDef] { params.filter { $0.paramSet == nil } }

    /// Headers the endpoint lists itself (not from a parameter set).
    public func ownHeaders(_ model: SpecModel) -> [String] {
        let inherited = Set(paramSets.compactMap(model.paramSet).flatMap(\.headers))
        return headers.filter { !inherited.contains($0) }
    }
}
