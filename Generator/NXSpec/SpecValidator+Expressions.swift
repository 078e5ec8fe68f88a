import NXExpression

extension SpecValidator {
    /// An `expr:` value must parse with the server's evaluator; its error column points into the YAML value.
    static func checkExpression(_ text: String, at location: SourceLocation, _ d: inout Diagnostics) {
        do {
            _ = try NXExpression.parse(text)
        } catch {
            let column = location.column + 5 + max(0, error.column - 1)
            d.error(.invalidExpression, "invalid expression 'expr:\(text)': \(error.message)",
                    at: SourceLocation(file: location.file, line: location.line, column: column))
        }
    }
}
