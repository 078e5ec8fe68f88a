import NXSpec

/// Directories as `NXCore.DirectoryDefinition` values in their own file (`NXSchemas+Directories.swift`), one directory per
/// block, one seed entry per line with its values in written order.
extension SchemaEmitter {
    /// The file declaring `NXSchemas.directories`, or nil when the spec has no directories.
    static func directoriesFile(_ model: SpecModel) -> GeneratedFile? {
        guard !model.directories.isEmpty else { return nil }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The directories of `Spec/directories/`, sorted by name."], [
                .block("public static let directories: [DirectoryDefinition] = [", model.directories.map(directory), close: "]"),
            ]),
        ])
        let sources = Set(model.directories.map(\.origin.file))
        return GeneratedFile(path: "NXSchemas/NXSchemas+Directories.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["NXCore"], decls: [decl])))
    }

    static func directory(_ d: DirectoryDef) -> SwiftStmt {
        var arguments: [SwiftStmt] = [
            .line("name: \(Naming.literal(d.name)),"),
            .line("schema: \(Naming.literal(d.schema)),"),
            .line("idField: \(Naming.literal(d.idField)),"),
            .line("parent: \(optional(d.parent)),"),
            .line("readOnly: \(d.readOnly),"),
            .line("types: \(strings(d.types)),"),
            .line("aliases: \(strings(d.aliases)),"),
        ]
        if d.entries.isEmpty {
            arguments.append(.line("entries: []"))
        } else {
            arguments.append(.block("entries: [", d.entries.map { entry in
                .line("[" + entry.values.map { "\(Naming.literal($0.field)): \(Naming.literal($0.value))" }.joined(separator: ", ") + "],")
            }, close: "]"))
        }
        return .block("DirectoryDefinition(", arguments, close: "),")
    }

    /// `, resolver: .directory("…")` or `, resolver: .user` for a field with a resolver, else nothing.
    static func resolver(_ field: SchemaFieldDef) -> String {
        switch field.resolver {
        case .directory(let name)?: return ", resolver: .directory(\(Naming.literal(name)))"
        case .user?: return ", resolver: .user"
        case nil: return ""
        }
    }
}
