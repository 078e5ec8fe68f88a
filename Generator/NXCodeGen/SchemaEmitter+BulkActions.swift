import NXSpec

/// Bulk actions as `NXCore.BulkActionDescriptor` values (`NXSchemas+BulkActions.swift`), by id.
extension SchemaEmitter {
    static func bulkActionsFile(_ model: SpecModel) -> GeneratedFile? {
        guard !model.bulkActions.isEmpty else { return nil }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The bulk actions of `Spec/bulk/`, by id."], [
                .block("public static let bulkActions: [BulkActionDescriptor] = [", model.bulkActions.map(bulkAction), close: "]"),
            ]),
        ])
        let sources = Set(model.bulkActions.map(\.origin.file))
        return GeneratedFile(path: "NXSchemas/NXSchemas+BulkActions.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources).sorted(), imports: ["NXCore"], decls: [decl])))
    }

    static func bulkAction(_ a: BulkActionDef) -> SwiftStmt {
        .block("BulkActionDescriptor(", [
            .line("id: \(Naming.literal(a.id)),"),
            .line("description: \(Naming.literal(a.description)),"),
            .line("httpEnabled: \(a.httpEnabled), exclusive: \(a.exclusive), xpathParams: \(a.xpathParams),"),
            a.params.isEmpty ? .line("params: []") : .block("params: [", a.params.map { p in
                .line("BulkActionDescriptor.Param(name: \(Naming.literal(p.name)), type: \(Naming.literal(p.type)), "
                      + "description: \(Naming.literal(p.description))),")
            }, close: "]"),
        ], close: "),")
    }
}
