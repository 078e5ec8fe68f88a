import NXSpec

/// Renditions as `NXCore.RenditionDescriptor` values (`NXSchemas+Renditions.swift`), in spec order.
extension SchemaEmitter {
    static func renditionsFile(_ model: SpecModel) -> GeneratedFile? {
        guard !model.renditions.isEmpty else { return nil }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The renditions of `Spec/renditions/`, in the order the `renditions` enricher lists them."], [
                .block("public static let renditions: [RenditionDescriptor] = [", model.renditions.map(rendition), close: "]"),
            ]),
        ])
        let sources = Set(model.renditions.map(\.origin.file))
        return GeneratedFile(path: "NXSchemas/NXSchemas+Renditions.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources).sorted(), imports: ["NXCore"], decls: [decl])))
    }

    static func rendition(_ r: RenditionDef) -> SwiftStmt {
        func optional(_ text: String?) -> String { text.map(Naming.literal) ?? "nil" }
        let producer: String
        switch r.producer {
        case .convertTo(let type): producer = ".convertTo(\(Naming.literal(type)))"
        case .converter(let name): producer = ".converter(\(Naming.literal(name)))"
        case .builtin(let name): producer = ".builtin(\(Naming.literal(name)))"
        case .pictureView(let title): producer = ".pictureView(\(Naming.literal(title)))"
        }
        return .block("RenditionDescriptor(", [
            .line("name: \(Naming.literal(r.name)), label: \(optional(r.label)), icon: \(optional(r.icon)), kind: \(optional(r.kind)),"),
            .line("contentType: \(optional(r.contentType)), visible: \(r.visible), allowEmptyBlob: \(r.allowEmptyBlob),"),
            .line("folderish: \(r.filter.folderish.map { String($0) } ?? "nil"), facet: \(optional(r.filter.facet)),"),
            .line("producer: \(producer)"),
        ], close: "),")
    }
}
