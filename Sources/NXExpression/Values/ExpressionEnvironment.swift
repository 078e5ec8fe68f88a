/// What an expression's roots resolve to at evaluation: the operation context of an automation chain.
public protocol ExpressionEnvironment {
    /// The value of a root (`Context`, `Document`, `CurrentUser`…), or nil when this environment has none
    /// (an "unknown variable" error at run time). `CurrentDate` is built in and never asked for.
    func root(_ name: String) -> ExpressionValue?
    /// The instant `CurrentDate` stands for (read once per evaluation).
    var now: ExpressionDate { get }
}
