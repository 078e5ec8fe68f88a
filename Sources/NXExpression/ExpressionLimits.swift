/// The bounds that keep parsing and evaluation cheap whatever the input: exceeding one is an
/// ``ExpressionError``, never a crash or a hang.
public struct ExpressionLimits: Sendable, Hashable {
    /// Longest accepted source, in characters.
    public var maxSourceLength: Int = 4096
    /// Deepest nesting of parentheses, unary operators, arguments, indexes and conditionals.
    public var maxDepth: Int = 64
    /// Most syntax nodes (and host calls) one evaluation may visit.
    public var maxSteps: Int = 10_000
    /// Longest string an operation may produce (concatenation, `replace`, templates…), in UTF-8 bytes.
    public var maxStringBytes: Int = 1 << 20
    /// Most bytes of strings one evaluation may produce in all.
    public var maxProducedBytes: Int = 64 << 20
    /// Most elements of a list literal.
    public var maxListLiteralElements: Int = 1000
    /// Most elements a built-in may produce (`split`).
    public var maxListElements: Int = 100_000

    /// The default bounds.
    public init() {}

    /// The default bounds (source 4096 characters, depth 64, 10,000 steps, strings 1 MiB, list literals 1000).
    public static let `default` = ExpressionLimits()
}
