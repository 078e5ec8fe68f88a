/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Hashable, Sendable {
    /// The spec cannot be compiled; the run fails.
    case error
    /// The spec compiles but something looks wrong; the run fails only with `--warnings-as-errors`.
    case warning
}

/// A place related to a diagnostic, printed on its own line after it (`file:line:col: note: …`).
public struct DiagnosticNote: Hashable, Sendable, CustomStringConvertible {
    /// Where the related thing is.
    public var location: SourceLocation
    /// What it is.
    public var message: String

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `Spec/x.yaml:3:5: note: message`.
    public var description: String { "\(location): note: \(message)" }
}
