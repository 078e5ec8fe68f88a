import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime
import NXSchemas

/// The `workflow`, `task` and `graph` entities as Nuxeo's DocumentRouteWriter, TaskWriter and GraphRouteWriter write them
/// (server-behaviour-2.md §3.2). One writer serves one response.
struct WorkflowJSON {
    let workflows: WorkflowService
    let users: UserDirectory
    let documents: DocumentJSON
    let call: NXCallContext
    /// `fetch.workflow` / `fetch.task` parts.
    var fetch: [String] = []

    var repository: Repository { workflows.repository }
    /// `http://host/nuxeo/api/v1`.
    var apiURL: String { call.baseURL + "api/v1" }
    /// `http://host/nuxeo`.
    var siteURL: String { String(call.baseURL.dropLast()) }

    /// A running (or ended) instance.
    func entity(_ instance: WorkflowInstance) async throws -> WorkflowEntity {
        let model = workflows.model(instance.modelName)
        return WorkflowEntity(
            id: instance.id, name: instance.name, title: instance.title, state: instance.state.rawValue, workflowModelName: instance.modelName,
            initiator: try await user(instance.initiator, fetched: fetch.contains("initiator")),
            attachedDocumentIds: try await documentIds(instance.documentIds, fetched: fetch.contains("attachedDocumentIds")),
            variables: ordered(instance.variables, as: model?.variables.map(\.name) ?? []),
            graphResource: "\(apiURL)/workflow/\(PercentEncoding.encodePathSegment(instance.id))/graph")
    }

    /// A model: state `validated`, no initiator, no documents, its default variables.
    func entity(_ model: WorkflowModel) -> WorkflowEntity {
        WorkflowEntity(
            id: model.name, name: model.name, title: model.title, state: "validated", workflowModelName: model.name, initiator: .null,
            attachedDocumentIds: [], variables: model.initialVariables,
            graphResource: "\(apiURL)/workflowModel/\(PercentEncoding.encodePathSegment(model.name))/graph")
    }

    /// A task; the workflow fields when its instance exists, the form (`taskInfo`) when its node does.
    func entity(_ task: WorkflowTask, instance: WorkflowInstance?, nodeState: WorkflowNodeState?, existing: Set<String>) async throws -> TaskEntity {
        let model = instance.flatMap { workflows.model($0.modelName) }
        let node = model?.node(task.nodeId)
        var variables = JSONObject()
        if let node {
            for variable in node.variables { variables[variable.name] = nodeState?.variables[variable.name] ?? variable.type.emptyValue }
            for name in node.globalVariables {
                variables[name] = instance?.variables[name] ?? model?.variables.first { $0.name == name }?.type.emptyValue ?? .null
            }
        }
        let taskURL = "\(apiURL)/task/\(PercentEncoding.encodePathSegment(task.id))"
        let info = node.map { node in
            TaskInfo(
                allowTaskReassignment: node.allowReassignment,
                taskActions: node.buttons.sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }.map {
                    TaskAction(name: $0.name, url: "\(taskURL)/\(PercentEncoding.encodePathSegment($0.name))", label: $0.label, validate: $0.validate)
                },
                layoutResource: LayoutResource(name: node.layout, url: "\(siteURL)/site/layout-manager/layouts/?layoutName=\(node.layout ?? "")"),
                schemas: [TaskSchema(name: "var_" + node.id, url: "\(apiURL)/config/schemas/var_\(node.id)")])
        }
        return TaskEntity(
            id: task.id, name: task.name, workflowInstanceId: instance?.id, workflowModelName: instance?.modelName,
            workflowInitiator: try await instance.asyncMap { try await user($0.initiator, fetched: fetch.contains("workflowInitiator")) },
            workflowTitle: instance?.title, workflowLifeCycleState: instance?.state.rawValue,
            graphResource: instance.map { "\(apiURL)/workflow/\(PercentEncoding.encodePathSegment($0.id))/graph" },
            state: task.state.rawValue, directive: task.directive, created: NXDate.format(millis: task.created),
            dueDate: NXDate.format(millis: task.dueDate), nodeName: task.nodeId,
            targetDocumentIds: try await documentIds(task.targetDocumentIds.filter(existing.contains), fetched: fetch.contains("targetDocumentIds")),
            actors: try await actors(task.actors), delegatedActors: try await actors(task.delegatedActors),
            comments: task.comments.map { TaskComment(author: $0.author, text: $0.text, date: NXDate.format(millis: $0.date)) },
            variables: variables, taskInfo: info)
    }

    /// Tasks with their instances, the states of their nodes and their target documents, all read in one transaction.
    func entities(_ tasks: [WorkflowTask]) async throws -> [TaskEntity] {
        let instanceIds = Set(tasks.map(\.instanceId))
        let nodes = Set(tasks.map { NodeKey(instance: $0.instanceId, node: $0.nodeId) })
        let documentIds = Set(tasks.flatMap(\.targetDocumentIds))
        let (instances, states, existing) = try await repository.store.read { tx in
            var instances: [String: WorkflowInstance] = [:]
            var states: [NodeKey: WorkflowNodeState] = [:]
            for id in instanceIds { instances[id] = try tx.workflowInstance(id: id) }
            for key in nodes { states[key] = try tx.workflowNodeState(instanceId: key.instance, nodeId: key.node) }
            return (instances, states, Set(try documentIds.filter { try tx.documentExists(id: $0) }))
        }
        var result: [TaskEntity] = []
        for task in tasks {
            result.append(try await entity(task, instance: instances[task.instanceId], nodeState: states[NodeKey(instance: task.instanceId, node: task.nodeId)],
                                           existing: existing))
        }
        return result
    }

    struct NodeKey: Hashable, Sendable {
        var instance: String
        var node: String
    }

    /// The graph of a model, or of an instance with its nodes' states; titles and labels in `locale`.
    static func graph(_ model: WorkflowModel, states: [String: WorkflowNodeState]?, acceptLanguage: String?) -> GraphEntity {
        let locale = MessageBundles.locale(acceptLanguage: acceptLanguage) ?? NXSchemas.messages.defaultLocale
        func translate(_ key: String) -> String { NXSchemas.messages.message(key, locale: locale) ?? key }
        let nodes = model.nodes.map { node in
            let state = states.map { $0[node.id].map(\.state) ?? "ready" } ?? "validated"
            return GraphNode(
                x: node.x, y: node.y, isForkNode: node.isFork, isStartNode: node.kind == .start, isEndNode: node.kind == .stop, id: node.id,
                title: translate(node.title), state: state.hasPrefix("running") ? "running" : state, isMerge: node.merge != nil,
                isMultiTask: node.multipleTasks, hasSubWorkflow: false, endNode: node.kind == .stop, forkNode: node.isFork,
                startNode: node.kind == .start)
        }
        let transitions = model.nodes.flatMap { node in
            node.transitions.map {
                GraphTransition(nodeSourceId: node.id, nodeTargetId: $0.target, label: translate($0.label),
                                path: $0.path.map { GraphPoint(x: $0.x, y: $0.y) })
            }
        }
        return GraphEntity(nodes: nodes, transitions: transitions)
    }

    /// The model's variables in its order, then any other.
    func ordered(_ variables: JSONObject, as names: [String]) -> JSONObject {
        var result = JSONObject()
        for name in names { result[name] = variables[name] ?? .null }
        for (name, value) in variables where result[name] == nil { result[name] = value }
        return result
    }

    /// A user name, or the user entity when fetched and the user exists.
    func user(_ name: String, fetched: Bool) async throws -> JSONValue {
        guard fetched, let record = try await users.user(name) else { return .string(name) }
        return try await UserJSON(users: users).entity(record).jsonValue
    }

    /// `{"id": …}` objects, or the readable documents' entities when fetched.
    func documentIds(_ ids: [String], fetched: Bool) async throws -> [JSONValue] {
        guard fetched else { return ids.map { .object(["id": .string($0)]) } }
        var result: [JSONValue] = []
        let options = RenderOptions(properties: ["*"], context: call)
        for id in ids {
            guard let document = try? await repository.document(.id(id), principal: call.user) else { continue }
            result.append(try await documents.entity(document, options).jsonValue)
        }
        return result
    }

    /// Actor ids as `{"id": …}`, or users and groups when fetched.
    func actors(_ names: [String]) async throws -> [JSONValue] {
        var result: [JSONValue] = []
        for name in names {
            if fetch.contains("actors") {
                let bare = name.hasPrefix("user:") ? String(name.dropFirst(5)) : name.hasPrefix("group:") ? String(name.dropFirst(6)) : name
                if !name.hasPrefix("group:"), let record = try await users.user(bare) {
                    result.append(try await UserJSON(users: users).entity(record).jsonValue)
                    continue
                }
                if let group = try await users.group(bare) {
                    result.append(UserJSON.entity(group, fetch: []).jsonValue)
                    continue
                }
            }
            result.append(.object(["id": .string(name)]))
        }
        return result
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
