import NXRuntime

/// A workflow model (Nuxeo's route model, a `DocumentRoute` in state `validated`): a graph of nodes joined by guarded
/// transitions, with the variables every instance carries. Declared in `Spec/workflows/` and emitted as a registry.
public struct WorkflowModel: Sendable {
    /// The model's name (`SerialDocumentReview`): what clients start by `workflowModelName`.
    public var name: String
    /// Its title, an i18n key (`wf.serialDocumentReview.SerialDocumentReview`), written untranslated.
    public var title: String
    /// The workflow variables, in the order the `variables` JSON writes them.
    public var variables: [WorkflowVariable]
    /// Which documents the model may start on.
    public var availability: WorkflowAvailability
    /// The nodes, in graph order (the `graph` JSON lists them so).
    public var nodes: [WorkflowNode]
    /// The chain run on each attached document when an instance is cancelled (Nuxeo's `workflowCanceled` handler).
    public var cancelChain: String?

    public init(name: String, title: String, variables: [WorkflowVariable], availability: WorkflowAvailability, nodes: [WorkflowNode],
                cancelChain: String? = nil) {
        self.name = name
        self.title = title
        self.variables = variables
        self.availability = availability
        self.nodes = nodes
        self.cancelChain = cancelChain
    }

    /// The node `id`.
    public func node(_ id: String) -> WorkflowNode? { nodes.first { $0.id == id } }

    /// The start node (validation guarantees exactly one).
    public var startNode: WorkflowNode? { nodes.first { $0.kind == .start } }

    /// The transitions that lead into node `id`, with their source nodes.
    public func incoming(_ id: String) -> [(source: WorkflowNode, transition: WorkflowTransition)] {
        nodes.flatMap { node in node.transitions.filter { $0.target == id }.map { (node, $0) } }
    }

    /// The variables with their defaults (absent ones null, lists empty): a new instance's variables.
    public var initialVariables: JSONObject {
        JSONObject(variables.map { ($0.name, $0.defaultValue ?? $0.type.emptyValue) })
    }
}

/// A workflow or node variable (a field of Nuxeo's `var_…` schemas).
public struct WorkflowVariable: Sendable, Hashable {
    public var name: String
    public var type: WorkflowVariableType
    /// The value of a new instance (the schema default), nil for none.
    public var defaultValue: JSONValue?
    /// Longest accepted string, when bounded.
    public var maxLength: Int?

    public init(name: String, type: WorkflowVariableType, defaultValue: JSONValue? = nil, maxLength: Int? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.maxLength = maxLength
    }
}

/// The types a workflow variable may have.
public enum WorkflowVariableType: String, Sendable, Hashable, CaseIterable {
    case string, stringList, integer, boolean, date, blob

    /// What an unset variable reads as: `[]` for lists, else null.
    public var emptyValue: JSONValue { self == .stringList ? .array([]) : .null }
}

/// Which documents a model may be started on (Nuxeo's action filter of the model): every attached document must pass.
public struct WorkflowAvailability: Sendable, Hashable {
    /// The permission the starting user needs on the document, nil for none.
    public var permission: String?
    /// The document types accepted (empty = every type).
    public var types: [String]
    /// Lifecycle states that refuse the document.
    public var excludedStates: [String]
    /// Whether a locked document is refused.
    public var requiresUnlocked: Bool

    public init(permission: String? = nil, types: [String] = [], excludedStates: [String] = [], requiresUnlocked: Bool = false) {
        self.permission = permission
        self.types = types
        self.excludedStates = excludedStates
        self.requiresUnlocked = requiresUnlocked
    }
}

/// What a node does when the instance reaches it.
public enum WorkflowNodeKind: String, Sendable, Hashable {
    /// Where an instance begins; runs its chains and follows its transitions at once.
    case start
    /// Runs its chains and follows its transitions at once.
    case automatic
    /// Creates tasks and waits until they are completed.
    case task
    /// Ends the instance.
    case stop
}

/// How a node with several incoming transitions waits for them.
public enum WorkflowMerge: String, Sendable, Hashable {
    /// Runs when the first incoming transition arrives.
    case one
    /// Runs once every incoming transition has arrived.
    case all
}

/// A node of a workflow model (Nuxeo's `RouteNode`, schema `route_node`).
public struct WorkflowNode: Sendable {
    /// Node id (`Task38e`).
    public var id: String
    public var kind: WorkflowNodeKind
    /// Title: an i18n key, the task's `name`.
    public var title: String
    /// The task directive (i18n key).
    public var directive: String?
    /// Position in the graph editor.
    public var x: Int
    public var y: Int
    /// Expression giving the task actors (`workflowInitiator`, `WorkflowVariables["participants"]`), nil for none.
    public var assignees: String?
    /// Actors always assigned, besides those of `assignees`.
    public var staticAssignees: [String]
    /// The permission granted to the actors on the attached documents while a task is open (ACL `routing/<taskId>`).
    public var permission: String?
    /// Expression giving the task due date (`CurrentDate.days(5)`); nil = now.
    public var dueDate: String?
    /// Whether `PUT /task/{id}/reassign` is allowed.
    public var allowReassignment: Bool
    /// One task per actor instead of one task for all.
    public var multipleTasks: Bool
    /// How incoming transitions are awaited, nil when the node runs on every arrival.
    public var merge: WorkflowMerge?
    /// Chain run when the node starts (before its tasks are created).
    public var inputChain: String?
    /// Chain run when the node ends (before its transitions are evaluated).
    public var outputChain: String?
    /// The task form's layout name.
    public var layout: String?
    /// The notification template of its tasks.
    public var notificationTemplate: String?
    /// Whether evaluation stops at the first true transition.
    public var executeOnlyFirstTransition: Bool
    /// Node variables (`var_<id>`), in JSON order.
    public var variables: [WorkflowVariable]
    /// The workflow variables a task of this node shows and may write (`var_global_<id>`), in JSON order.
    public var globalVariables: [String]
    /// Variables (of the node or shown workflow ones) that must hold a value to complete a task with a validating button.
    public var requiredVariables: [String]
    /// Task buttons, in declared order.
    public var buttons: [WorkflowButton]
    /// Outgoing transitions, in evaluation order.
    public var transitions: [WorkflowTransition]
    /// Escalation rules, sorted by id when run.
    public var escalations: [WorkflowEscalation]

    public init(id: String, kind: WorkflowNodeKind, x: Int = 0, y: Int = 0, title: String, directive: String? = nil,
                assignees: String? = nil, staticAssignees: [String] = [], permission: String? = nil, dueDate: String? = nil,
                allowReassignment: Bool = true, multipleTasks: Bool = false, merge: WorkflowMerge? = nil, inputChain: String? = nil,
                outputChain: String? = nil, layout: String? = nil, notificationTemplate: String? = nil,
                executeOnlyFirstTransition: Bool = false, variables: [WorkflowVariable] = [], globalVariables: [String] = [],
                requiredVariables: [String] = [], buttons: [WorkflowButton] = [], transitions: [WorkflowTransition] = [], escalations: [WorkflowEscalation] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.directive = directive
        self.x = x
        self.y = y
        self.assignees = assignees
        self.staticAssignees = staticAssignees
        self.permission = permission
        self.dueDate = dueDate
        self.allowReassignment = allowReassignment
        self.multipleTasks = multipleTasks
        self.merge = merge
        self.inputChain = inputChain
        self.outputChain = outputChain
        self.layout = layout
        self.notificationTemplate = notificationTemplate
        self.executeOnlyFirstTransition = executeOnlyFirstTransition
        self.variables = variables
        self.globalVariables = globalVariables
        self.requiredVariables = requiredVariables
        self.buttons = buttons
        self.transitions = transitions
        self.escalations = escalations
    }

    /// Whether the node splits the flow (more than one outgoing transition).
    public var isFork: Bool { transitions.count > 1 }
}

/// A task button: its name is the action `PUT /task/{id}/{action}` completes with.
public struct WorkflowButton: Sendable, Hashable {
    public var name: String
    /// i18n key.
    public var label: String
    /// Whether the task form is validated before the action.
    public var validate: Bool

    public init(name: String, label: String, validate: Bool = true) {
        self.name = name
        self.label = label
        self.validate = validate
    }
}

/// A transition from a node: followed when its condition is true once the node ends.
public struct WorkflowTransition: Sendable, Hashable {
    /// Transition id (`sdr_start_reviewTask38e`).
    public var id: String
    /// i18n key shown in the graph.
    public var label: String
    /// Boolean expression over `WorkflowVariables` and `NodeVariables`.
    public var condition: String
    /// The target node id.
    public var target: String
    /// Chain run when the transition is followed.
    public var chain: String?
    /// Bend points in the graph editor.
    public var path: [WorkflowPoint]

    public init(id: String, label: String, condition: String, target: String, chain: String? = nil, path: [WorkflowPoint] = []) {
        self.id = id
        self.label = label
        self.condition = condition
        self.target = target
        self.chain = chain
        self.path = path
    }
}

/// A point of a transition's drawn path.
public struct WorkflowPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An escalation rule of a task node: when its condition holds (checked by the escalation timer), its chain runs.
public struct WorkflowEscalation: Sendable, Hashable {
    public var id: String
    public var condition: String
    public var chain: String
    /// Whether the rule may run again after it ran once.
    public var multipleExecution: Bool

    public init(id: String, condition: String, chain: String, multipleExecution: Bool = false) {
        self.id = id
        self.condition = condition
        self.chain = chain
        self.multipleExecution = multipleExecution
    }
}
