/// A workflow model (`Spec/workflows/*.yaml`): variables, availability, and a graph of nodes joined by transitions.
public struct WorkflowDef: Sendable {
    public var name: String
    /// i18n key.
    public var title: String
    public var variables: [WorkflowVariableDef]
    public var availability: WorkflowAvailabilityDef
    public var nodes: [WorkflowNodeDef]
    /// Chain run on the attached documents when an instance is cancelled.
    public var cancelChain: (name: String, location: SourceLocation)?
    public var origin: SpecOrigin
}

/// A workflow or node variable.
public struct WorkflowVariableDef: Sendable {
    public var name: String
    /// `string`, `stringList`, `integer`, `boolean`, `date` or `blob`.
    public var type: String
    /// The default value as YAML text (`validation`, `0`), nil for none.
    public var defaultValue: String?
    public var maxLength: Int?
    public var location: SourceLocation
}

/// Which documents a model may start on.
public struct WorkflowAvailabilityDef: Sendable {
    public var permission: String?
    public var types: [String]
    public var excludedStates: [String]
    public var requiresUnlocked: Bool
}

/// A node of a workflow model.
public struct WorkflowNodeDef: Sendable {
    public var id: String
    /// `start`, `automatic`, `task` or `stop`.
    public var kind: String
    public var title: String
    public var directive: String?
    public var x: Int
    public var y: Int
    public var assignees: (text: String, location: SourceLocation)?
    public var staticAssignees: [String]
    public var permission: String?
    public var dueDate: (text: String, location: SourceLocation)?
    public var allowReassignment: Bool
    public var multipleTasks: Bool
    /// `one` or `all`, nil for none.
    public var merge: String?
    public var inputChain: (name: String, location: SourceLocation)?
    public var outputChain: (name: String, location: SourceLocation)?
    public var layout: String?
    public var notificationTemplate: String?
    public var executeOnlyFirstTransition: Bool
    public var variables: [WorkflowVariableDef]
    public var globalVariables: [(String, SourceLocation)]
    public var requiredVariables: [(String, SourceLocation)]
    public var buttons: [WorkflowButtonDef]
    public var transitions: [WorkflowTransitionDef]
    public var escalations: [WorkflowEscalationDef]
    public var location: SourceLocation
}

/// A task button.
public struct WorkflowButtonDef: Sendable {
    public var name: String
    public var label: String
    public var validate: Bool
}

/// A transition of a node.
public struct WorkflowTransitionDef: Sendable {
    public var id: String
    public var label: String
    public var condition: String
    public var conditionLocation: SourceLocation
    public var target: String
    public var targetLocation: SourceLocation
    public var chain: (name: String, location: SourceLocation)?
    public var path: [(x: Double, y: Double)]
    public var location: SourceLocation
}

/// An escalation rule of a node.
public struct WorkflowEscalationDef: Sendable {
    public var id: String
    public var condition: String
    public var conditionLocation: SourceLocation
    public var chain: (name: String, location: SourceLocation)
    public var multipleExecution: Bool
}
