/// What a source parses to: one expression, or a template of literal text and `@{…}` holes.
enum Program: Sendable {
    case expression(Node)
    case template([TemplatePart])
}

/// A piece of a template.
enum TemplatePart: Sendable {
    case text(String)
    case hole(Node)
}
