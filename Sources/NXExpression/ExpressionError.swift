/// Why an expression could not be parsed or evaluated, located in the expression's source.
///
/// `message` never includes the location; `column` is 1-based and counts characters of
/// ``NXExpression/source`` (the text after `expr:`), so a spec loader can report it as a located diagnostic.
/// A host object may throw an error with `column` 0 ("not located"): the evaluator then locates it
/// at the member, index or call that reached the host.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, e.g. `Unknown variable 'Foo'`.
    public var message: String
    /// 1-based column in the source; 0 when not located yet.
    public var column: Int

    /// An error with a message, located at `column` (0: not located).
    public init(_ message: String, column: Int = 0) {
        self.message = message
        self.column = column
    }

    /// An error with a message, located at `column` (0: not located).
    public init(message: String, column: Int) {
        self.init(message, column: column)
    }

    /// `message at column N`, or the bare message when not located.
    public var description: String {
        column > 0 ? "\(message) at column \(column)" : message
    }

    /// For hosts: the object has no member of that name (`Member 'x' is not allowed on a document`).
    public static func unknownMember(_ name: String, on receiver: String) -> ExpressionError {
        ExpressionError("Member '\(name)' is not allowed on \(receiver)")
    }

    /// For hosts: the object has no method of that name (`Method 'x' is not allowed on a document`).
    public static func unknownMethod(_ name: String, on receiver: String) -> ExpressionError {
        ExpressionError("Method '\(name)' is not allowed on \(receiver)")
    }

    /// For hosts: the object cannot be indexed with that key.
    public static func unknownIndex(_ key: ExpressionValue, on receiver: String) -> ExpressionError {
        ExpressionError("Index \(key.quotedText) is not allowed on \(receiver)")
    }

    /// This error located at `column` unless it already has a location.
    func located(at column: Int) -> ExpressionError {
        self.column > 0 ? self : ExpressionError(message, column: column)
    }
}
