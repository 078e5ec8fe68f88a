import NXExpression
import NXRuntime

/// What transition conditions, assignee and due-date expressions see: `WorkflowVariables`, `NodeVariables` and the
/// contextual values (`workflowInitiator`, `nodeId`…) as roots; `CurrentDate` at the repository's clock.
struct WorkflowEnvironment: ExpressionEnvironment {
    let context: WorkflowChainContext
    let now: ExpressionDate
    /// The workflow variables of type date: instants in expressions (`WorkflowVariables["end_date"].time`).
    var dates: Set<String> = []

    func root(_ name: String) -> ExpressionValue? {
        switch name {
        case "WorkflowVariables":
            return .map(context.workflowVariables.map { key, value in
                if dates.contains(key), let text = value.stringValue, let ms = NXDate.parse(text) {
                    return (key: key, value: .date(ExpressionDate(millisecondsSince1970: ms)))
                }
                return (key: key, value: ExpressionValue(json: value))
            })
        case "NodeVariables": return ExpressionValue(json: .object(context.nodeVariables))
        default: return context.values[name].map(ExpressionValue.init(json:))
        }
    }

    /// Evaluates `source`; a syntax or evaluation error → 400 naming what was evaluated.
    func evaluate(_ source: String, what: String) throws -> ExpressionValue {
        do {
            return try NXExpression.parse(source).evaluate(in: self)
        } catch {
            throw NXError.invalid("Can not evaluate \(what) from \(source): \(error.description)")
        }
    }
}
