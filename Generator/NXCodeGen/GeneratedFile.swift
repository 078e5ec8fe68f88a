import NXSpec

/// One output file: a path relative to the output directory and its bytes.
public struct GeneratedFile: Sendable, Equatable {
    /// Path relative to `Generated/`.
    public var path: String
    /// Full contents.
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Runs every emitter over a model; output sorted by path, deterministic.
public enum CodeGenerator {
    /// All generated files.
    public static func generate(_ model: SpecModel) -> [GeneratedFile] {
        let openAPI = OpenAPIEmitter.emit(model)
        let files = ModelEmitter.emit(model) + APIEmitter.emit(model) + ClientEmitter.emit(model)
            + ConformanceEmitter.emit(model) + SchemaEmitter.emit(model) + openAPI
            + APIReferenceEmitter.emit(model, openAPI: openAPI.first?.contents ?? "")
            + OperationEmitter.emit(model) + ChainEmitter.emit(model) + BusinessObjectEmitter.emit(model) + EnricherEmitter.emit(model)
            + ParamSetEmitter.emit(model)
        return files.sorted { $0.path < $1.path }
    }
}
