import NXSpec

/// Small in-memory specs for unit tests: a base api.yaml plus the given files.
enum InMemorySpec {
    static let api = SpecFile(path: "Spec/api.yaml", text: """
        api:
          title: T
          basePaths: [/nuxeo/api/v1]
        headers:
          properties:
            aliases: [properties]
            list: true
        """)

    /// The files, with `api.yaml` added.
    static func files(_ files: [String: String]) -> [SpecFile] {
        [api] + files.sorted { $0.key < $1.key }.map { SpecFile(path: "Spec/\($0.key)", text: $0.value) }
    }

    /// Compiles the files, with `api.yaml` added; nil (and the diagnostics) on failure.
    static func compile(_ files: [String: String]) -> Result<SpecModel, SpecErrors> {
        SpecCompiler.compile(Self.files(files))
    }
}
