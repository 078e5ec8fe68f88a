import Foundation
import NXExpression

extension SpecValidator {
    /// Node variables every node has besides its declared ones (Nuxeo's `getWorkflowContextualInfo`).
    static let builtInNodeVariables = ["button", "numberOfTasks", "numberOfProcessedTasks", "tasks"]

    /// Workflow models: unique names and node ids, one start node and at least one stop node, transitions to known nodes,
    /// every node reachable from the start, known chains, expressions that parse and name only declared variables,
    /// shown and required variables that exist. Returns the models in file order.
    static func checkWorkflows(_ raw: RawSpec, _ d: inout Diagnostics) -> [WorkflowDef] {
        checkUnique(raw.workflows.map { ($0.name, $0.origin.location) }, "workflow", &d)
        var runnable = Set(raw.chains.map(\.id))
        for op in raw.operations { runnable.insert(op.id); runnable.formUnion(op.aliases) }
        func checkChain(_ chain: (name: String, location: SourceLocation)?) {
            guard let chain, !runnable.contains(chain.name) else { return }
            d.unknown(.unknownOperation, kind: "chain", name: chain.name, candidates: runnable.sorted(), at: chain.location)
        }
        for workflow in raw.workflows {
            checkChain(workflow.cancelChain)
            let ids = workflow.nodes.map(\.id)
            checkUnique(workflow.nodes.map { ($0.id, $0.location) }, "node of workflow '\(workflow.name)'", &d)
            checkUnique(workflow.variables.map { ($0.name, $0.location) }, "variable of workflow '\(workflow.name)'", &d)
            let starts = workflow.nodes.filter { $0.kind == "start" }
            if starts.count != 1 {
                d.error(.invalidWorkflow, "workflow '\(workflow.name)' must have exactly one start node, found \(starts.count)", at: workflow.origin.location)
            }
            if !workflow.nodes.contains(where: { $0.kind == "stop" }) {
                d.error(.invalidWorkflow, "workflow '\(workflow.name)' has no stop node", at: workflow.origin.location)
            }
            for variable in workflow.variables { checkVariable(variable, &d) }
            let workflowVariables = workflow.variables.map(\.name)
            for node in workflow.nodes {
                checkWorkflowNode(node, workflow: workflow, nodeIds: ids, workflowVariables: workflowVariables, &d)
                checkChain(node.inputChain)
                checkChain(node.outputChain)
                for transition in node.transitions { checkChain(transition.chain) }
                for escalation in node.escalations { checkChain(escalation.chain) }
            }
            if let start = starts.first {
                var reached: Set<String> = [start.id]
                var frontier = [start.id]
                while let id = frontier.popLast() {
                    for transition in workflow.nodes.first(where: { $0.id == id })?.transitions ?? [] where reached.insert(transition.target).inserted {
                        frontier.append(transition.target)
                    }
                }
                for node in workflow.nodes where !reached.contains(node.id) {
                    d.error(.unreachableNode, "node '\(node.id)' of workflow '\(workflow.name)' is not reachable from its start node", at: node.location)
                }
            }
        }
        return raw.workflows
    }

    static func checkWorkflowNode(_ node: WorkflowNodeDef, workflow: WorkflowDef, nodeIds: [String], workflowVariables: [String], _ d: inout Diagnostics) {
        let what = "node '\(node.id)' of workflow '\(workflow.name)'"
        checkUnique(node.variables.map { ($0.name, $0.location) }, "variable of \(what)", &d)
        for variable in node.variables { checkVariable(variable, &d) }
        let nodeVariables = node.variables.map(\.name) + builtInNodeVariables
        for (name, location) in node.globalVariables where !workflowVariables.contains(name) {
            d.unknown(.unknownVariable, kind: "workflow variable", name: name, candidates: workflowVariables, at: location)
        }
        for (name, location) in node.requiredVariables where !(node.variables.map(\.name) + node.globalVariables.map(\.0)).contains(name) {
            d.error(.unknownVariable, "required variable '\(name)' is neither a variable of \(what) nor a workflow variable it shows",
                    at: location, subject: name)
        }
        switch node.kind {
        case "stop":
            if !node.transitions.isEmpty { d.error(.invalidWorkflow, "stop \(what) cannot have transitions", at: node.location) }
        default:
            if node.transitions.isEmpty { d.error(.invalidWorkflow, "\(what) has no transition", at: node.location) }
        }
        if node.kind == "task" {
            if node.assignees == nil && node.staticAssignees.isEmpty {
                d.error(.missingKey, "task \(what) needs assignees or staticAssignees", at: node.location)
            }
        } else if !node.buttons.isEmpty || node.assignees != nil {
            d.error(.invalidWorkflow, "only task nodes have buttons and assignees (\(what) is a \(node.kind) node)", at: node.location)
        }
        for transition in node.transitions {
            if !nodeIds.contains(transition.target) {
                d.unknown(.unknownWorkflowNode, kind: "node", name: transition.target, candidates: nodeIds, at: transition.targetLocation)
            }
            checkWorkflowExpression(transition.condition, at: transition.conditionLocation, workflowVariables: workflowVariables,
                                    nodeVariables: nodeVariables, &d)
        }
        for escalation in node.escalations {
            checkWorkflowExpression(escalation.condition, at: escalation.conditionLocation, workflowVariables: workflowVariables,
                                    nodeVariables: nodeVariables, &d)
        }
        for expression in [node.assignees, node.dueDate].compactMap({ $0 }) {
            checkWorkflowExpression(expression.text, at: expression.location, workflowVariables: workflowVariables, nodeVariables: nodeVariables, &d)
        }
    }

    static func checkVariable(_ variable: WorkflowVariableDef, _ d: inout Diagnostics) {
        guard let value = variable.defaultValue else { return }
        let valid: Bool
        switch variable.type {
        case "integer": valid = Int64(value) != nil
        case "boolean": valid = value == "true" || value == "false"
        case "string": valid = true
        default: valid = false
        }
        if !valid { d.error(.invalidDefault, "default '\(value)' is not a valid \(variable.type) for variable '\(variable.name)'", at: variable.location) }
    }

    /// An expression must parse, and each `WorkflowVariables["x"]` / `NodeVariables["x"]` it reads must be declared.
    static func checkWorkflowExpression(_ text: String, at location: SourceLocation, workflowVariables: [String], nodeVariables: [String],
                                        _ d: inout Diagnostics) {
        do {
            _ = try NXExpression.parse(text)
        } catch {
            let column = location.column + max(0, error.column - 1)
            d.error(.invalidExpression, "invalid expression '\(text)': \(error.message)",
                    at: SourceLocation(file: location.file, line: location.line, column: column))
            return
        }
        let characters = Array(text)
        for (root, known) in [("WorkflowVariables", workflowVariables), ("NodeVariables", nodeVariables)] {
            var searchStart = text.startIndex
            while let range = text.range(of: root + "[", range: searchStart..<text.endIndex) {
                searchStart = range.upperBound
                var index = text.distance(from: text.startIndex, to: range.upperBound)
                while index < characters.count, characters[index] == " " { index += 1 }
                guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else { continue }
                let quote = characters[index]
                var end = index + 1
                while end < characters.count, characters[end] != quote { end += 1 }
                guard end < characters.count else { continue }
                let name = String(characters[(index + 1)..<end])
                if !known.contains(name) {
                    d.unknown(.unknownVariable, kind: root == "WorkflowVariables" ? "workflow variable" : "node variable", name: name,
                              candidates: known, at: SourceLocation(file: location.file, line: location.line, column: location.column + index + 1))
                }
            }
        }
    }
}
