/// A parsed automation expression (the MVEL subset Nuxeo chains use) or template.
///
/// In a chain, a parameter value `expr:<source>` is evaluated in the operation context; when the source
/// contains `@{`, it is a template: literal text with `@{expression}` holes replaced by the values' text.
/// Parsing checks everything it can statically (syntax, root names, the methods of built-in values), so a
/// spec loader reports mistakes with their column; host members are checked when evaluated.
/// Evaluation is sandboxed: no assignment, loops, object creation or reflection, only whitelisted members,
/// and bounded by ``ExpressionLimits``.
public struct NXExpression: Sendable, Hashable {
    /// The text after `expr:`.
    public let source: String
    /// The roots referenced (`Context`, `Document`…).
    public let roots: Set<String>
    let program: Program

    /// Whether the source is a template (contains `@{`); a template evaluates to a string.
    public var isTemplate: Bool {
        if case .template = program { return true }
        return false
    }

    /// The root identifiers an expression may start with (besides `true`, `false`, `null` and `empty`).
    public static let knownRoots: Set<String> = Set<String>([
        "Context", "ctx", "ChainParameters", "Document", "This", "CurrentDate", "CurrentUser", "currentUser", "Env", "Fn",
        "WorkflowVariables", "NodeVariables", "params", "Event", "docs", "Session",
    ]).union(workflowRoots)

    /// The contextual values a workflow puts beside its variables (Nuxeo's `getWorkflowContextualInfo`): bare names in
    /// the expressions of nodes, transitions and the chains they run.
    public static let workflowRoots: Set<String> = [
        "workflowInitiator", "workflowStartTime", "workflowInstanceId", "workflowParent", "workflowParentNode", "taskDueTime",
        "workflowDocuments", "documents", "nodeId", "nodeState", "nodeStartTime", "nodeEndTime", "nodeLastActor", "transition",
    ]

    /// Parses an expression or template with the default limits.
    public static func parse(_ text: String) throws(ExpressionError) -> NXExpression {
        try parse(text, limits: .default)
    }

    /// Parses an expression or template; errors carry the 1-based column in `text`.
    public static func parse(_ text: String, limits: ExpressionLimits) throws(ExpressionError) -> NXExpression {
        let chars = Array(text)
        guard chars.count <= limits.maxSourceLength else {
            throw ExpressionError(
                "Expression is longer than \(limits.maxSourceLength) characters", column: limits.maxSourceLength + 1)
        }
        if text.contains("@{") {
            let (parts, roots) = try TemplateScanner.parse(chars, limits: limits)
            return NXExpression(source: text, roots: roots, program: .template(parts))
        }
        let (node, roots) = try Parser.parse(chars, from: 0, to: chars.count, limits: limits)
        return NXExpression(source: text, roots: roots, program: .expression(node))
    }

    /// Evaluates in an environment with the default limits.
    public func evaluate(in environment: some ExpressionEnvironment) throws(ExpressionError) -> ExpressionValue {
        try evaluate(in: environment, limits: .default)
    }

    /// Evaluates in an environment; run-time errors carry the column of the failing part.
    public func evaluate(in environment: some ExpressionEnvironment, limits: ExpressionLimits) throws(ExpressionError)
        -> ExpressionValue
    {
        var evaluator = Evaluator(environment: environment, limits: limits, source: source)
        switch program {
        case .expression(let node):
            return try evaluator.evaluate(node)
        case .template(let parts):
            var out = ""
            for part in parts {
                switch part {
                case .text(let text):
                    out += text
                case .hole(let node):
                    out += try evaluator.evaluate(node).text
                    try evaluator.checkLength(out, at: node.column)
                }
            }
            return .string(out)
        }
    }

    /// Expressions are equal when their sources are.
    public static func == (lhs: NXExpression, rhs: NXExpression) -> Bool {
        lhs.source == rhs.source
    }

    /// Hashes the source.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
    }
}
