import NXSpec

/// Emits `NXConformance`: scenarios compiled to data, one file per spec file, and the suite index.
enum ConformanceEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let byFile = Dictionary(grouping: model.scenarios, by: \.origin.file)
        var files: [GeneratedFile] = []
        var lists: [String] = []
        for (file, scenarios) in byFile.sorted(by: { $0.key < $1.key }) {
            let name = Naming.lowerCamel(fileStem(file))
            lists.append(name)
            let items: [SwiftStmt] = scenarios.map(scenario)
            let decl = SwiftDecl.type(kind: .extension, name: "ConformanceSuite", conformances: [], docs: [], members: [
                .property(docs: ["Scenarios of \(file)."], modifiers: "public static var", name: name, type: "[ConformanceScenario]",
                          value: nil, body: [.block("[", items, close: "]")])
            ])
            files.append(GeneratedFile(path: "NXConformance/Scenarios+\(Naming.upperCamel(name)).swift",
                                       contents: SwiftRenderer.render(SwiftFile(sources: [file], imports: ["NXConformanceKit", "NXRuntime"], decls: [decl]))))
        }
        let index = SwiftDecl.type(kind: .enum, name: "ConformanceSuite", conformances: [], docs: ["Every conformance scenario of `Spec/conformance/`."], members: [
            .property(docs: ["All scenarios, by file then id."], modifiers: "public static var", name: "all", type: "[ConformanceScenario]",
                      value: nil, body: [.line(lists.isEmpty ? "[]" : lists.joined(separator: " + "))])
        ])
        files.append(GeneratedFile(path: "NXConformance/ConformanceSuite.swift",
                                   contents: SwiftRenderer.render(SwiftFile(sources: Array(byFile.keys), imports: ["NXConformanceKit"], decls: [index]))))
        return files
    }

    static func fileStem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.split(separator: ".").first.map(String.init) ?? last
    }

    static func scenario(_ s: ScenarioDef) -> SwiftStmt {
        .block("ConformanceScenario(id: \(Naming.literal(s.id)), description: \(Naming.literal(s.description)), origin: \(Naming.literal(s.origin.description)), steps: [",
               s.steps.map(step), close: "]),")
    }

    static func step(_ step: StepDef) -> SwiftStmt {
        var args = ["method: \(Naming.literal(step.method))", "path: \(Naming.literal(step.path))"]
        if !step.headers.isEmpty { args.append("headers: \(pairs(step.headers))") }
        if !step.query.isEmpty { args.append("query: \(pairs(step.query))") }
        if let body = step.body { args.append("body: \(json(body))") }
        switch step.auth {
        case .default: break
        case .none: args.append("auth: .none")
        case .basic(let user, let password): args.append("auth: .basic(user: \(Naming.literal(user)), password: \(Naming.literal(password)))")
        }
        args.append("status: \(step.status)")
        if let body = step.expectBody { args.append("expectBody: \(json(body))") }
        if !step.forbidFields.isEmpty { args.append("forbidFields: [\(step.forbidFields.map(Naming.literal).joined(separator: ", "))]") }
        if !step.requireHeaders.isEmpty { args.append("requireHeaders: \(pairs(step.requireHeaders))") }
        if !step.captures.isEmpty { args.append("captures: \(pairs(step.captures))") }
        args.append("location: \(Naming.literal(step.location.description))")
        return .line("ConformanceStep(\(args.joined(separator: ", "))),")
    }

    static func pairs(_ items: [(String, String)]) -> String {
        "[" + items.map { "(\(Naming.literal($0.0)), \(Naming.literal($0.1)))" }.joined(separator: ", ") + "]"
    }

    /// A Swift expression building the JSON value.
    static func json(_ value: SpecJSON) -> String {
        switch value {
        case .null: return "JSONValue.null"
        case .bool(let b): return "JSONValue.bool(\(b))"
        case .int(let i): return "JSONValue.int(\(i))"
        case .double(let d): return "JSONValue.double(\(d))"
        case .string(let s): return "JSONValue.string(\(Naming.literal(s)))"
        case .array(let items): return "JSONValue.array([" + items.map(json).joined(separator: ", ") + "])"
        case .object(let pairs):
            return "JSONValue.object(JSONObject([" + pairs.map { "(\(Naming.literal($0.key)), \(json($0.value)))" }.joined(separator: ", ") + "]))"
        }
    }
}
