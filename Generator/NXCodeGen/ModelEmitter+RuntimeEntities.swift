import NXSpec

extension ModelEmitter {
    /// An entity implemented by hand in NXRuntime (`runtimeType:` in its spec file): the model names the runtime type
    /// so generated code and handlers keep using the spec's Swift name, and the runtimes need no generated module.
    static func runtimeEntityFile(_ entity: EntityDef, runtimeType: String) -> GeneratedFile {
        let decl: SwiftDecl = .typealias(
            docs: [entity.description, "", "Implemented by `\(runtimeType)` in NXRuntime.", "", "Generated from \(entity.origin)"],
            text: "\(entity.swiftName) = \(runtimeType)")
        return GeneratedFile(
            path: "NXModel/Entities/\(entity.swiftName).swift",
            contents: SwiftRenderer.render(SwiftFile(sources: [entity.origin.file], imports: ["NXRuntime"], decls: [decl])))
    }
}
