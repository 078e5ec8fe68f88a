import NXSpec

/// Emits `NXAPI/Operations/NXChains.swift`: the automation chains of `Spec/chains/` as descriptors, looked up by id
/// (with or without Nuxeo's `Chain.` prefix).
enum ChainEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        guard !model.operations.isEmpty else { return [] }
        var list: [SwiftStmt] = []
        for chain in model.chains { list += descriptor(chain) }
        let registry = SwiftDecl.type(kind: .enum, name: "NXChains", conformances: [], docs: [
            "The automation chains: descriptors and lookup by id (`Chain.` prefix accepted).",
        ], members: [
            .statements(docs: ["Every chain, sorted by id."],
                        [list.isEmpty ? .line("public static let descriptors: [ChainDescriptor] = []")
                            : .block("public static let descriptors: [ChainDescriptor] = [", list, close: "]")]),
            .statements(docs: ["Descriptors by id."],
                        [.line("static let byId: [String: ChainDescriptor] = Dictionary(descriptors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })")]),
            .function(docs: ["The chain `id` (`Chain.{id}` too); nil when there is none."],
                      signature: "public static func descriptor(_ id: String) -> ChainDescriptor?",
                      body: [.line("byId[id] ?? (id.hasPrefix(\"Chain.\") ? byId[String(id.dropFirst(6))] : nil)")]),
        ])
        let files = Array(Set(model.chains.map(\.origin.file))).sorted()
        let sources = files.isEmpty ? ["Spec/chains/ (none)"] : files
        return [GeneratedFile(path: "NXAPI/Operations/NXChains.swift",
                              contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: OperationEmitter.imports, decls: [registry])))]
    }

    static func descriptor(_ chain: ChainDef) -> [SwiftStmt] {
        let signature = "[" + chain.signature.map { "OperationSignature(input: \(Naming.literal($0.input)), output: \(Naming.literal($0.output)))" }
            .joined(separator: ", ") + "]"
        let params = chain.params.sorted(by: OperationEmitter.documentationOrder).map(OperationEmitter.paramDescriptor)
        let steps: [SwiftStmt] = chain.steps.map { step in
            if step.params.isEmpty { return .line("ChainStep(operation: \(Naming.literal(step.operation))),") }
            let values = step.params.map { "(\(Naming.literal($0.name)), \(Naming.literal($0.value)))" }
            return .block("ChainStep(operation: \(Naming.literal(step.operation)), params: [", values.map { .line($0 + ",") }, close: "]),")
        }
        return [.block("ChainDescriptor(", [
            .line("id: \(Naming.literal(chain.id)),"),
            .line("description: \(chain.description.map(Naming.literal) ?? "nil"),"),
            params.isEmpty ? .line("params: [],") : .block("params: [", params, close: "],"),
            .line("signature: \(signature),"),
            .block("steps: [", steps, close: "]"),
        ], close: "),")]
    }
}
