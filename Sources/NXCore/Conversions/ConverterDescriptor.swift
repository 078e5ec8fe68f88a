import Foundation

/// A converter as `Spec/converters/` declares it (emitted into `NXSchemas.converters`): the mime types it reads and
/// writes, its parameters and how it runs.
public struct ConverterDescriptor: Sendable, Hashable {
    /// How a converter runs.
    public enum Run: Sendable, Hashable {
        /// An executable looked up on `PATH`, with an argument template (`{source}`, `{target}`, `{workDir}` and the
        /// parameters' names); the result is read from `output` (`{target}`, or a path under `{workDir}`); `package` is
        /// the Debian package that provides it.
        case tool(executable: String, arguments: [String], output: String, package: String)
        /// Converters run in turn, each on the previous one's result.
        case chain([String])
        /// Implemented by nx itself.
        case builtin(String)
    }

    /// A parameter a caller may pass: an integer within bounds, or a string among `values`.
    public struct Param: Sendable, Hashable {
        public var name: String
        public var type: String
        public var defaultValue: String
        public var min: Int?
        public var max: Int?
        public var values: [String]

        public init(name: String, type: String, defaultValue: String, min: Int? = nil, max: Int? = nil, values: [String] = []) {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.min = min
            self.max = max
            self.values = values
        }
    }

    public var name: String
    public var description: String
    public var sourceMimeTypes: [String]
    public var destinationMimeType: String
    public var run: Run
    public var params: [Param]
    /// Seconds a run may take.
    public var timeout: Int

    public init(name: String, description: String, sourceMimeTypes: [String], destinationMimeType: String, run: Run, params: [Param] = [],
                timeout: Int = 120) {
        self.name = name
        self.description = description
        self.sourceMimeTypes = sourceMimeTypes
        self.destinationMimeType = destinationMimeType
        self.run = run
        self.params = params
        self.timeout = timeout
    }

    /// How closely it names `mimeType`: 2 for the type itself, 1 for its family (`image/*`), 0 for `*`, -1 when it does
    /// not read it.
    public func specificity(for mimeType: String) -> Int {
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let patterns = sourceMimeTypes.map { $0.lowercased() }
        if patterns.contains(type) { return 2 }
        if patterns.contains(where: { $0.hasSuffix("/*") && type.hasPrefix($0.dropLast()) }) { return 1 }
        return patterns.contains("*") ? 0 : -1
    }

    /// Whether it reads `mimeType` (parameters after `;` ignored; `type/*` and `*` patterns).
    public func accepts(_ mimeType: String) -> Bool { specificity(for: mimeType) >= 0 }
}
