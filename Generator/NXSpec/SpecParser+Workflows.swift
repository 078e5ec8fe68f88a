/// `Spec/workflows/*.yaml`:
///
/// ```yaml
/// workflows:
///   - name: SerialDocumentReview                  # what clients start by workflowModelName
///     title: wf.serialDocumentReview.SerialDocumentReview
///     variables:                                  # workflow variables, in JSON order
///       - { name: index, type: integer, default: 0 }
///     availability: { permission: ReadWrite, types: [File, Note], excludedStates: [approved], unlocked: true }
///     cancelChain: NRD-AC-PR-UnlockDocument       # run on the documents when an instance is cancelled
///     nodes:
///       - id: Task38e
///         kind: task                              # start | automatic | task | stop
///         title: wf.serialDocumentReview.chooseParticipants
///         directive: wf.serialDocumentReview.pleaseSelect
///         position: [420, 100]
///         assignees: workflowInitiator            # an expression giving actor ids
///         permission: ReadWrite                   # granted to the actors while a task is open
///         dueDate: CurrentDate.days(5)
///         allowReassignment: false                # default true
///         multipleTasks: false                    # one task per actor when true
///         merge: all                              # one | all: wait for incoming transitions
///         inputChain: …                           # chains: Spec/chains/ or an operation id
///         outputChain: initInitiatorComment
///         layout: Task38e@taskLayout
///         variables: [{ name: comment, type: string }]
///         globalVariables: [participants]         # workflow variables a task shows and may write
///         required: [participants]                # needed by a validating button
///         buttons: [{ name: start_review, label: wf.serialDocumentReview.startReview, validate: true }]
///         transitions:
///           - { id: toReview, label: sdr_start_review, condition: 'NodeVariables["button"] == "start_review"',
///               target: Task6d8, chain: …, path: [[180, 0], [180, 24]] }
///         escalations: [{ id: forceNext, condition: '…', chain: …, multipleExecution: false }]
/// ```
extension SpecParser {
    static let workflowKeys = ["name", "title", "variables", "availability", "cancelChain", "nodes"]
    static let workflowNodeKeys = [
        "id", "kind", "title", "directive", "position", "assignees", "staticAssignees", "permission", "dueDate", "allowReassignment",
        "multipleTasks", "merge", "inputChain", "outputChain", "layout", "notificationTemplate", "executeOnlyFirstTransition",
        "variables", "globalVariables", "required", "buttons", "transitions", "escalations",
    ]

    static func parseWorkflows(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for item in sequenceItems(node, "workflows", &d) {
            guard let f = item.fields("a workflow", allowed: workflowKeys, required: ["name", "title", "nodes"], d: &d),
                  let nameNode = f["name"], let name = nameNode.string("name", &d), let title = f["title"]?.string("title", &d)
            else { continue }
            checkName(name, "workflow name", at: nameNode.location, &d)
            var availability = WorkflowAvailabilityDef(permission: nil, types: [], excludedStates: [], requiresUnlocked: false)
            if let a = f["availability"], let af = a.fields("availability of '\(name)'", allowed: ["permission", "types", "excludedStates", "unlocked"], d: &d) {
                availability.permission = af["permission"]?.string("permission", &d)
                availability.types = af["types"]?.strings("types", &d).map(\.0) ?? []
                availability.excludedStates = af["excludedStates"]?.strings("excludedStates", &d).map(\.0) ?? []
                availability.requiresUnlocked = af["unlocked"]?.bool("unlocked", &d) ?? false
                for (type, location) in af["types"]?.strings("types", &d) ?? [] { raw.docTypeRefs.append((type, location)) }
            }
            let nodes = sequenceItems(f["nodes"], "nodes of '\(name)'", &d).compactMap { parseWorkflowNode($0, workflow: name, into: &raw, &d) }
            raw.workflows.append(WorkflowDef(
                name: name, title: title, variables: parseWorkflowVariables(f["variables"], "variables of '\(name)'", &d),
                availability: availability, nodes: nodes, cancelChain: located(f["cancelChain"], "cancelChain", &d),
                origin: origin(node.file, name, nameNode.location)))
        }
    }

    static func parseWorkflowNode(_ node: SpecNode, workflow: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> WorkflowNodeDef? {
        guard let f = node.fields("a node of '\(workflow)'", allowed: workflowNodeKeys, required: ["id", "kind", "title"], d: &d),
              let id = f["id"]?.string("id", &d), let kindNode = f["kind"], let kind = kindNode.string("kind", &d),
              let title = f["title"]?.string("title", &d)
        else { return nil }
        let what = "node '\(id)' of '\(workflow)'"
        let kinds = ["start", "automatic", "task", "stop"]
        if !kinds.contains(kind) { d.unknown(.invalidValue, kind: "node kind", name: kind, candidates: kinds, at: kindNode.location) }
        var x = 0, y = 0
        if let position = f["position"] {
            let values = position.items?.compactMap { $0.int("a coordinate", &d) } ?? []
            if values.count == 2 { (x, y) = (values[0], values[1]) } else {
                d.error(.invalidValue, "position of \(what) must be [x, y]", at: position.location)
            }
        }
        var merge: String?
        if let m = f["merge"], let text = m.string("merge", &d) {
            if ["one", "all"].contains(text) { merge = text } else { d.unknown(.invalidValue, kind: "merge", name: text, candidates: ["one", "all"], at: m.location) }
        }
        var buttons: [WorkflowButtonDef] = []
        for item in sequenceItems(f["buttons"], "buttons of \(what)", &d) {
            guard let bf = item.fields("a button of \(what)", allowed: ["name", "label", "validate"], required: ["name", "label"], d: &d),
                  let name = bf["name"]?.string("name", &d), let label = bf["label"]?.string("label", &d) else { continue }
            buttons.append(WorkflowButtonDef(name: name, label: label, validate: bf["validate"]?.bool("validate", &d) ?? true))
        }
        var transitions: [WorkflowTransitionDef] = []
        for item in sequenceItems(f["transitions"], "transitions of \(what)", &d) {
            guard let tf = item.fields("a transition of \(what)", allowed: ["id", "label", "condition", "target", "chain", "path"],
                                       required: ["id", "condition", "target"], d: &d),
                  let tid = tf["id"]?.string("id", &d), let conditionNode = tf["condition"], let condition = conditionNode.string("condition", &d),
                  let targetNode = tf["target"], let target = targetNode.string("target", &d) else { continue }
            var path: [(x: Double, y: Double)] = []
            for point in sequenceItems(tf["path"], "path of transition '\(tid)'", &d) {
                let values = point.items?.compactMap { $0.scalar.flatMap(Double.init) } ?? []
                if values.count == 2 { path.append((values[0], values[1])) } else {
                    d.error(.invalidValue, "a point of the path of transition '\(tid)' must be [x, y]", at: point.location)
                }
            }
            transitions.append(WorkflowTransitionDef(
                id: tid, label: tf["label"]?.string("label", &d) ?? "", condition: condition, conditionLocation: valueLocation(conditionNode),
                target: target, targetLocation: targetNode.location, chain: located(tf["chain"], "chain", &d), path: path, location: item.location))
        }
        var escalations: [WorkflowEscalationDef] = []
        for item in sequenceItems(f["escalations"], "escalations of \(what)", &d) {
            guard let ef = item.fields("an escalation of \(what)", allowed: ["id", "condition", "chain", "multipleExecution"],
                                       required: ["id", "condition", "chain"], d: &d),
                  let eid = ef["id"]?.string("id", &d), let conditionNode = ef["condition"], let condition = conditionNode.string("condition", &d),
                  let chain = located(ef["chain"], "chain", &d) else { continue }
            escalations.append(WorkflowEscalationDef(id: eid, condition: condition, conditionLocation: valueLocation(conditionNode), chain: chain,
                                                     multipleExecution: ef["multipleExecution"]?.bool("multipleExecution", &d) ?? false))
        }
        func expression(_ key: String) -> (text: String, location: SourceLocation)? {
            guard let n = f[key], let text = n.string(key, &d) else { return nil }
            return (text, valueLocation(n))
        }
        return WorkflowNodeDef(
            id: id, kind: kind, title: title, directive: f["directive"]?.string("directive", &d), x: x, y: y, assignees: expression("assignees"),
            staticAssignees: f["staticAssignees"]?.strings("staticAssignees", &d).map(\.0) ?? [], permission: f["permission"]?.string("permission", &d),
            dueDate: expression("dueDate"), allowReassignment: f["allowReassignment"]?.bool("allowReassignment", &d) ?? true,
            multipleTasks: f["multipleTasks"]?.bool("multipleTasks", &d) ?? false, merge: merge,
            inputChain: located(f["inputChain"], "inputChain", &d), outputChain: located(f["outputChain"], "outputChain", &d),
            layout: f["layout"]?.string("layout", &d), notificationTemplate: f["notificationTemplate"]?.string("notificationTemplate", &d),
            executeOnlyFirstTransition: f["executeOnlyFirstTransition"]?.bool("executeOnlyFirstTransition", &d) ?? false,
            variables: parseWorkflowVariables(f["variables"], "variables of \(what)", &d),
            globalVariables: f["globalVariables"]?.strings("globalVariables", &d) ?? [],
            requiredVariables: f["required"]?.strings("required", &d) ?? [], buttons: buttons, transitions: transitions,
            escalations: escalations, location: node.location)
    }

    static func parseWorkflowVariables(_ node: SpecNode?, _ what: String, _ d: inout Diagnostics) -> [WorkflowVariableDef] {
        sequenceItems(node, what, &d).compactMap { item in
            guard let vf = item.fields("a variable of \(what)", allowed: ["name", "type", "default", "maxLength"], required: ["name", "type"], d: &d),
                  let name = vf["name"]?.string("name", &d), let typeNode = vf["type"], let type = typeNode.string("type", &d) else { return nil }
            let types = ["string", "stringList", "integer", "boolean", "date", "blob"]
            if !types.contains(type) { d.unknown(.unknownType, kind: "variable type", name: type, candidates: types, at: typeNode.location) }
            return WorkflowVariableDef(name: name, type: type, defaultValue: vf["default"]?.string("default", &d),
                                       maxLength: vf["maxLength"]?.int("maxLength", &d), location: item.location)
        }
    }

    /// A scalar with where it was written.
    static func located(_ node: SpecNode?, _ what: String, _ d: inout Diagnostics) -> (name: String, location: SourceLocation)? {
        guard let node, let text = node.string(what, &d) else { return nil }
        return (text, node.location)
    }

    /// Where a scalar's text starts (after the opening quote of a quoted scalar).
    static func valueLocation(_ node: SpecNode) -> SourceLocation {
        var location = node.location
        if node.isQuoted { location.column += 1 }
        return location
    }
}
