import NXSpec

/// Converters as `NXCore.ConverterDescriptor` values (`NXSchemas+Converters.swift`), by name.
extension SchemaEmitter {
    static func convertersFile(_ model: SpecModel) -> GeneratedFile? {
        guard !model.converters.isEmpty else { return nil }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The converters of `Spec/converters/`, by name."], [
                .block("public static let converters: [ConverterDescriptor] = [", model.converters.map(converter), close: "]"),
            ]),
        ])
        let sources = Set(model.converters.map(\.origin.file))
        return GeneratedFile(path: "NXSchemas/NXSchemas+Converters.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources).sorted(), imports: ["NXCore"], decls: [decl])))
    }

    static func converter(_ c: ConverterDef) -> SwiftStmt {
        let run: SwiftStmt
        switch c.run {
        case .tool(let executable, let arguments, let output, let package):
            run = .line("run: .tool(executable: \(Naming.literal(executable)), arguments: [\(arguments.map(Naming.literal).joined(separator: ", "))], "
                        + "output: \(Naming.literal(output)), package: \(Naming.literal(package))),")
        case .chain(let steps):
            run = .line("run: .chain([\(steps.map(Naming.literal).joined(separator: ", "))]),")
        case .builtin(let name):
            run = .line("run: .builtin(\(Naming.literal(name))),")
        }
        return .block("ConverterDescriptor(", [
            .line("name: \(Naming.literal(c.name)),"),
            .line("description: \(Naming.literal(c.description)),"),
            .line("sourceMimeTypes: [\(c.sourceMimeTypes.map(Naming.literal).joined(separator: ", "))],"),
            .line("destinationMimeType: \(Naming.literal(c.destinationMimeType)),"),
            run,
            c.params.isEmpty ? .line("params: [],") : .block("params: [", c.params.map { p in
                .line("ConverterDescriptor.Param(name: \(Naming.literal(p.name)), type: \(Naming.literal(p.type)), "
                      + "defaultValue: \(Naming.literal(p.defaultValue)), min: \(p.min.map(String.init) ?? "nil"), "
                      + "max: \(p.max.map(String.init) ?? "nil"), values: [\(p.values.map(Naming.literal).joined(separator: ", "))]),")
            }, close: "],"),
            .line("timeout: \(c.timeout)"),
        ], close: "),")
    }
}
