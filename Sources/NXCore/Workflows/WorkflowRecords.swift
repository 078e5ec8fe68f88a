import NXRuntime

/// A running (or ended) workflow: an instance of a model on some documents (Nuxeo's route instance).
public struct WorkflowInstance: Sendable, Hashable, Codable {
    public var id: String
    /// The instance name: the model's name.
    public var name: String
    public var modelName: String
    /// The model's title key.
    public var title: String
    public var state: WorkflowState
    /// Who started it.
    public var initiator: String
    /// ms since 1970.
    public var created: Int64
    /// The workflow variables.
    public var variables: JSONObject
    /// The attached documents.
    public var documentIds: [String]

    public init(id: String, name: String, modelName: String, title: String, state: WorkflowState, initiator: String, created: Int64,
                variables: JSONObject, documentIds: [String]) {
        self.id = id
        self.name = name
        self.modelName = modelName
        self.title = title
        self.state = state
        self.initiator = initiator
        self.created = created
        self.variables = variables
        self.documentIds = documentIds
    }
}

/// The lifecycle of a workflow instance, as Nuxeo names its states.
public enum WorkflowState: String, Sendable, Hashable, Codable {
    case running, done, canceled
}

/// Where an instance stands at one node (Nuxeo keeps this on each instance's copy of the node).
public struct WorkflowNodeState: Sendable, Hashable, Codable {
    public var instanceId: String
    public var nodeId: String
    /// `ready` (idle or ended), `suspended` (waiting for its tasks), `waiting` (a merge waiting for its inputs).
    public var state: String
    /// How many times the node ran.
    public var count: Int
    public var startDate: Int64?
    public var endDate: Int64?
    /// Who completed its last task.
    public var lastActor: String?
    /// The action of its last completed task.
    public var button: String?
    /// Node variables.
    public var variables: JSONObject
    /// The transitions that arrived since the node last ran (for merges).
    public var arrivedTransitions: [String]
    /// The tasks of its current run: actor, comment, status, task id, ended.
    public var tasksInfo: [WorkflowTaskInfo]
    /// Escalation rules already run.
    public var executedEscalations: [String]

    public init(instanceId: String, nodeId: String, state: String = "ready", count: Int = 0, startDate: Int64? = nil, endDate: Int64? = nil,
                lastActor: String? = nil, button: String? = nil, variables: JSONObject = JSONObject(), arrivedTransitions: [String] = [],
                tasksInfo: [WorkflowTaskInfo] = [], executedEscalations: [String] = []) {
        self.instanceId = instanceId
        self.nodeId = nodeId
        self.state = state
        self.count = count
        self.startDate = startDate
        self.endDate = endDate
        self.lastActor = lastActor
        self.button = button
        self.variables = variables
        self.arrivedTransitions = arrivedTransitions
        self.tasksInfo = tasksInfo
        self.executedEscalations = executedEscalations
    }
}

/// One task of a node run, as Nuxeo's `rnode:tasksInfo` records it.
public struct WorkflowTaskInfo: Sendable, Hashable, Codable {
    public var taskId: String
    public var actor: String?
    public var comment: String?
    /// The action it was completed with; nil while open or when cancelled.
    public var status: String?
    public var ended: Bool

    public init(taskId: String, actor: String? = nil, comment: String? = nil, status: String? = nil, ended: Bool = false) {
        self.taskId = taskId
        self.actor = actor
        self.comment = comment
        self.status = status
        self.ended = ended
    }
}

/// A task: work a node asks of its actors (Nuxeo's `RoutingTask` document).
public struct WorkflowTask: Sendable, Hashable, Codable {
    public var id: String
    public var instanceId: String
    public var nodeId: String
    /// The node title (i18n key).
    public var name: String
    public var directive: String?
    public var state: WorkflowTaskState
    /// ms since 1970.
    public var created: Int64
    public var dueDate: Int64
    /// Actor ids as assigned (`user:john`, `group:members`, `john`).
    public var actors: [String]
    public var delegatedActors: [String]
    public var comments: [WorkflowTaskComment]
    public var targetDocumentIds: [String]
    /// The action it was completed with.
    public var status: String?
    /// Who completed it.
    public var endedBy: String?
    /// The permission its ACL grants on the target documents, nil for none.
    public var permission: String?

    public init(id: String, instanceId: String, nodeId: String, name: String, directive: String?, state: WorkflowTaskState, created: Int64,
                dueDate: Int64, actors: [String], delegatedActors: [String] = [], comments: [WorkflowTaskComment] = [],
                targetDocumentIds: [String], status: String? = nil, endedBy: String? = nil, permission: String? = nil) {
        self.id = id
        self.instanceId = instanceId
        self.nodeId = nodeId
        self.name = name
        self.directive = directive
        self.state = state
        self.created = created
        self.dueDate = dueDate
        self.actors = actors
        self.delegatedActors = delegatedActors
        self.comments = comments
        self.targetDocumentIds = targetDocumentIds
        self.status = status
        self.endedBy = endedBy
        self.permission = permission
    }

    /// The name of its ACL on the target documents.
    public var aclName: String { "routing/\(id)" }
    /// The name of its delegation ACL.
    public var delegationACLName: String { "delegation/\(id)" }
}

/// The lifecycle of a task.
public enum WorkflowTaskState: String, Sendable, Hashable, Codable {
    case opened, ended, cancelled
}

/// A comment logged in a task (Nuxeo's `nt:taskComments`).
public struct WorkflowTaskComment: Sendable, Hashable, Codable {
    public var author: String
    public var text: String
    /// ms since 1970.
    public var date: Int64

    public init(author: String, text: String, date: Int64) {
        self.author = author
        self.text = text
        self.date = date
    }
}

/// Which tasks `GET /task` lists: open tasks, optionally of some actors, one instance, one document.
public struct WorkflowTaskFilter: Sendable, Hashable {
    /// The actor ids to match (a user's names and groups, prefixed and not); nil = every task the caller may see.
    public var actors: [String]?
    public var instanceId: String?
    public var documentId: String?
    /// Only tasks of instances of this model.
    public var modelName: String?

    public init(actors: [String]? = nil, instanceId: String? = nil, documentId: String? = nil, modelName: String? = nil) {
        self.actors = actors
        self.instanceId = instanceId
        self.documentId = documentId
        self.modelName = modelName
    }
}
