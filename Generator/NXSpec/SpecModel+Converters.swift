/// A converter (`Spec/converters/*.yaml`): what `@convert`, `Blob.Convert`, renditions and thumbnails name, the mime
/// types it reads and writes, and how it runs — an external tool with an argument template, or a chain of converters.
public struct ConverterDef: Sendable {
    public var name: String
    public var description: String
    /// Mime types it accepts (`*` accepts any; a `type/*` pattern accepts a family).
    public var sourceMimeTypes: [String]
    /// The mime type it writes.
    public var destinationMimeType: String
    /// How it runs.
    public var run: ConverterRun
    /// Parameters a caller may pass (query parameters of `@convert`, operation parameters), with their defaults.
    public var params: [ConverterParamDef]
    /// Seconds a run may take before it is killed.
    public var timeout: Int
    public var origin: SpecOrigin
}

/// How a converter runs.
public enum ConverterRun: Sendable, Equatable {
    /// An executable found on `PATH`, with arguments where `{source}`, `{target}`, `{workDir}` and the parameters'
    /// names are replaced (each argument stays one argument: no shell); the result is read from `output` (`{target}`,
    /// or a path under `{workDir}` for tools that name their output themselves); `package` is the Debian package
    /// providing it.
    case tool(executable: String, arguments: [String], output: String, package: String)
    /// Converters run in turn, each on the previous one's result.
    case chain([String])
    /// Implemented by nx itself (text extraction, Markdown, HTML to text): one of `SpecParser.builtinConverters`.
    case builtin(String)
}

/// A parameter of a converter: an integer within bounds, or a string matching one of `values`.
public struct ConverterParamDef: Sendable {
    public var name: String
    /// `integer` or `string`.
    public var type: String
    public var defaultValue: String
    /// Inclusive bounds of an integer.
    public var min: Int?
    public var max: Int?
    /// The accepted values of a string.
    public var values: [String]
    public var location: SourceLocation
}
