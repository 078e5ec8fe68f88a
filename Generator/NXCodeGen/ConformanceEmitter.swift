import NXSpec

/// Emits `NXConformance`: every scenario of `Spec/conformance/` once, as data — one Swift file holding the JSON document
/// `ScenarioDocument` writes — read by NXConformanceKit's `ScenarioLoader` (the one loader the tests and `nxconform` share).
enum ConformanceEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let files = Set(model.scenarios.map(\.origin.file)).sorted()
        let scenarios = files.flatMap { file in model.scenarios.filter { $0.origin.file == file } }
        let hashes = rawHashes(ScenarioDocument.json(scenarios))
        let text = ScenarioDocument.json(scenarios, continuation: "\\" + hashes)
        let decl = SwiftDecl.type(kind: .enum, name: "ConformanceSuite", conformances: [], docs: ["Every conformance scenario of `Spec/conformance/`."], members: [
            .property(docs: ["The scenarios as one JSON document (the format `ScenarioLoader` reads), by file, then in spec order."],
                      modifiers: "public static let", name: "json", type: "String",
                      value: hashes + "\"\"\"\n" + text + "\"\"\"" + hashes, body: nil),
            .function(docs: ["Every scenario, read from `json`."],
                      signature: "public static func load() throws(ScenarioLoadError) -> [ConformanceScenario]",
                      body: [.line("try ScenarioLoader.load(json: json)")]),
        ])
        return [GeneratedFile(path: "NXConformance/ConformanceSuite.swift",
                              contents: SwiftRenderer.render(SwiftFile(sources: files, imports: ["NXConformanceKit"], decls: [decl])))]
    }

    /// Enough `#`s that nothing in `text` ends a raw multi-line literal holding it or escapes inside it.
    static func rawHashes(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes
    }
}
