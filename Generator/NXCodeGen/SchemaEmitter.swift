import NXSpec

/// Emits `NXSchemas`: the repository's schemas, facets, lifecycles, document types, initial content and page providers
/// as NXCore values.
enum SchemaEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        var body: [SwiftStmt] = [.line("SchemaRegistry(")]
        body.append(.block("schemas: [", model.schemas.map { s in
            .line("Schema(name: \(Naming.literal(s.name)), prefix: \(Naming.literal(s.prefix)), fields: \(fields(s.fields))),")
        }, close: "],"))
        body.append(.block("facets: [", model.facets.map { f in
            .line("Facet(name: \(Naming.literal(f.name)), schemas: \(strings(f.schemas))),")
        }, close: "],"))
        body.append(.block("lifecycles: [", model.lifecycles.map { l in
            let transitions = l.transitions.map { "LifecycleTransition(name: \(Naming.literal($0.name)), from: \(strings($0.from)), to: \(Naming.literal($0.to)))" }
            return .line("Lifecycle(name: \(Naming.literal(l.name)), initial: \(Naming.literal(l.initial)), states: \(strings(l.states)), "
                         + "transitions: [\(transitions.joined(separator: ", "))]),")
        }, close: "],"))
        body.append(.block("types: [", model.docTypes.map { t in
            .line("DocumentTypeDefinition(name: \(Naming.literal(t.name)), parent: \(t.extends.map(Naming.literal) ?? "nil"), "
                  + "schemas: \(strings(t.schemas)), facets: \(strings(t.facets)), lifecycle: \(t.lifecycle.map(Naming.literal) ?? "nil"), "
                  + "subtypes: \(strings(t.subtypes))),")
        }, close: "],"))
        body.append(.block("content: [", model.content.map { c in
            .line("SeedDocument(path: \(Naming.literal(c.path)), type: \(Naming.literal(c.type)), title: \(c.title.map(Naming.literal) ?? "nil")),")
        }, close: "],"))
        body.append(.line("pageProviders: pageProviders" + (model.directories.isEmpty ? "" : ",")))
        if !model.directories.isEmpty { body.append(.line("directories: directories")) }
        body.append(.line(")"))
        let full = SwiftDecl.type(kind: .enum, name: "NXSchemas", conformances: [], docs: ["The repository definition of `Spec/repository/` and the page providers of `Spec/pageproviders/`."], members: [
            .function(docs: ["Schemas, facets, lifecycles, types, initial content and page providers."], signature: "public static func makeRegistry() -> SchemaRegistry",
                      body: body),
            .property(docs: ["The registry, built once."], modifiers: "public static let", name: "registry", type: "SchemaRegistry",
                      value: "makeRegistry()", body: nil),
        ])
        let sources = Set(model.schemas.map(\.origin.file) + model.facets.map(\.origin.file) + model.docTypes.map(\.origin.file)
                          + model.lifecycles.map(\.origin.file))
        return [GeneratedFile(path: "NXSchemas/NXSchemas.swift",
                              contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["NXCore"], decls: [full])))]
            + [pageProvidersFile(model)] + [directoriesFile(model), messagesFile(model), workflowsFile(model), bulkActionsFile(model), convertersFile(model), renditionsFile(model)].compactMap { $0 }
    }

    static func strings(_ items: [String]) -> String { "[" + items.map(Naming.literal).joined(separator: ", ") + "]" }

    static func fields(_ fields: [SchemaFieldDef]) -> String {
        "[" + fields.map { "Field(name: \(Naming.literal($0.name)), type: \(type($0.type))\(resolver($0))\($0.secured ? ", secured: true" : ""))" }.joined(separator: ", ") + "]"
    }

    static func type(_ type: SchemaFieldType) -> String {
        switch type {
        case .primitive(let p): return ".\(p)"
        case .list(let p): return ".list(.\(p))"
        case .complex(let sub): return ".complex(\(fields(sub)))"
        case .complexList(let sub): return ".complexList(\(fields(sub)))"
        }
    }
}
