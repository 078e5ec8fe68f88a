import NXSpec

/// Workflow models as `NXCore.WorkflowModel` values (`NXSchemas+Workflows.swift`), in spec order.
extension SchemaEmitter {
    static func workflowsFile(_ model: SpecModel) -> GeneratedFile? {
        guard !model.workflows.isEmpty else { return nil }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The workflow models of `Spec/workflows/`, in spec order."], [
                .block("public static let workflowModels: [WorkflowModel] = [", model.workflows.map(workflow), close: "]"),
            ]),
        ])
        let sources = Set(model.workflows.map(\.origin.file))
        return GeneratedFile(path: "NXSchemas/NXSchemas+Workflows.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources).sorted(), imports: ["NXCore"], decls: [decl])))
    }

    static func workflow(_ w: WorkflowDef) -> SwiftStmt {
        let a = w.availability
        return .block("WorkflowModel(", [
            .line("name: \(Naming.literal(w.name)),"),
            .line("title: \(Naming.literal(w.title)),"),
            variables("variables", w.variables),
            .line("availability: WorkflowAvailability(permission: \(optional(a.permission)), types: \(strings(a.types)), "
                  + "excludedStates: \(strings(a.excludedStates)), requiresUnlocked: \(a.requiresUnlocked)),"),
            .block("nodes: [", w.nodes.map(workflowNode), close: "],"),
            .line("cancelChain: \(optional(w.cancelChain?.name))"),
        ], close: "),")
    }

    static func variables(_ label: String, _ variables: [WorkflowVariableDef]) -> SwiftStmt {
        guard !variables.isEmpty else { return .line("\(label): [],") }
        return .block("\(label): [", variables.map { v in
            var text = "WorkflowVariable(name: \(Naming.literal(v.name)), type: .\(v.type)"
            if let value = v.defaultValue {
                switch v.type {
                case "integer", "boolean": text += ", defaultValue: \(value)"
                default: text += ", defaultValue: .string(\(Naming.literal(value)))"
                }
            }
            if let max = v.maxLength { text += ", maxLength: \(max)" }
            return .line(text + "),")
        }, close: "],")
    }

    static func workflowNode(_ n: WorkflowNodeDef) -> SwiftStmt {
        var lines: [SwiftStmt] = [
            .line("id: \(Naming.literal(n.id)), kind: .\(n.kind), x: \(n.x), y: \(n.y),"),
            .line("title: \(Naming.literal(n.title)),"),
            .line("directive: \(optional(n.directive)),"),
        ]
        if n.kind == "task" {
            lines.append(.line("assignees: \(optional(n.assignees?.text)),"))
            lines.append(.line("staticAssignees: \(strings(n.staticAssignees)), permission: \(optional(n.permission)),"))
            lines.append(.line("dueDate: \(optional(n.dueDate?.text)), allowReassignment: \(n.allowReassignment), multipleTasks: \(n.multipleTasks),"))
        }
        if let merge = n.merge { lines.append(.line("merge: .\(merge),")) }
        lines.append(.line("inputChain: \(optional(n.inputChain?.name)), outputChain: \(optional(n.outputChain?.name)),"))
        if n.kind == "task" {
            lines.append(.line("layout: \(optional(n.layout)), notificationTemplate: \(optional(n.notificationTemplate)),"))
        }
        if n.executeOnlyFirstTransition { lines.append(.line("executeOnlyFirstTransition: true,")) }
        lines.append(variables("variables", n.variables))
        lines.append(.line("globalVariables: \(strings(n.globalVariables.map(\.0))), requiredVariables: \(strings(n.requiredVariables.map(\.0))),"))
        lines.append(n.buttons.isEmpty ? .line("buttons: [],") : .block("buttons: [", n.buttons.map { b in
            .line("WorkflowButton(name: \(Naming.literal(b.name)), label: \(Naming.literal(b.label)), validate: \(b.validate)),")
        }, close: "],"))
        lines.append(n.transitions.isEmpty ? .line("transitions: [],") : .block("transitions: [", n.transitions.map { t in
            let path = t.path.map { "WorkflowPoint(x: \(double($0.x)), y: \(double($0.y)))" }.joined(separator: ", ")
            return .line("WorkflowTransition(id: \(Naming.literal(t.id)), label: \(Naming.literal(t.label)), condition: \(Naming.literal(t.condition)), "
                         + "target: \(Naming.literal(t.target)), chain: \(optional(t.chain?.name)), path: [\(path)]),")
        }, close: "],"))
        lines.append(n.escalations.isEmpty ? .line("escalations: []") : .block("escalations: [", n.escalations.map { e in
            .line("WorkflowEscalation(id: \(Naming.literal(e.id)), condition: \(Naming.literal(e.condition)), chain: \(Naming.literal(e.chain.name)), "
                  + "multipleExecution: \(e.multipleExecution)),")
        }, close: "]"))
        return .block("WorkflowNode(", lines, close: "),")
    }

    /// A Double literal that always has a fraction (`180.0`).
    static func double(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : String(value)
    }
}
