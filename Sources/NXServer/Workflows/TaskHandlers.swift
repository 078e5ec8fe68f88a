import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `/task` and `@task` (server-behaviour-2.md §3.1).
extension APIHandlers {
    /// Most tasks an unpaginated list holds.
    static let maxListedTasks = 1000

    func taskFilter(userId: String?, workflowInstanceId: String?, workflowModelName: String?, documentId: String?,
                    caller: Principal) async throws -> WorkflowTaskFilter {
        var filter = WorkflowTaskFilter(instanceId: workflowInstanceId, documentId: documentId, modelName: workflowModelName)
        if let userId, !userId.isEmpty {
            // The caller's own names need no directory lookup: authentication resolved its groups.
            filter.actors = userId == caller.name ? WorkflowService.actorNames(of: caller) : try await WorkflowService.actorNames(of: userId, in: users)
        }
        return filter
    }

    func listTasks(repository: String, userId: String?, workflowInstanceId: String?, workflowModelName: String?, currentPageIndex: Int,
                   pageSize: Int, offset: Int?, fetchTask: [String], context: NXCallContext) async throws -> ListTasksOutput {
        let filter = try await taskFilter(userId: userId, workflowInstanceId: workflowInstanceId, workflowModelName: workflowModelName, documentId: nil,
                                          caller: context.user)
        let json = try workflowJSON(repository, fetch: fetchTask, context: context)
        if workflowModelName != nil {
            // Nuxeo filters the page provider's result by model: a plain list, no paging fields.
            let (tasks, _) = try await workflows.openTasks(filter, principal: context.user, limit: Self.maxListedTasks, offset: 0)
            return .ok(TasksEntity(entries: try await json.entities(tasks)))
        }
        let pagination = Pagination(PageRequest(pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset), defaultPageSize: 50)
        let (tasks, total) = try await workflows.openTasks(filter, principal: context.user, limit: pagination.limit, offset: pagination.offset)
        let page = pagination.page(try await json.entities(tasks), counted: total)
        return .ok(TasksEntity(page: page))
    }

    /// A task the caller may see: an actor or delegate, its workflow's initiator, or an administrator; else 404 as
    /// for an unknown id.
    func visibleTask(_ id: String, context: NXCallContext) async throws -> WorkflowTask {
        let task = try await workflows.task(id)
        let user = context.user
        if user.isAdministrator || WorkflowService.isActor(user, of: task) { return task }
        if let instance = try await workflows.repository.store.read({ try $0.workflowInstance(id: task.instanceId) }), instance.initiator == user.name {
            return task
        }
        throw NXError.notFound(id)
    }

    func getTask(repository: String, taskId: String, fetchTask: [String], context: NXCallContext) async throws -> GetTaskOutput {
        let task = try await visibleTask(taskId, context: context)
        let json = try workflowJSON(repository, fetch: fetchTask, context: context)
        guard let entity = try await json.entities([task]).first else { throw NXError.notFound(taskId) }
        return .ok(entity)
    }

    /// The body of a completion: `entity-type` task, the task's `id` (required, the URL's), a comment and variables.
    static func completionRequest(_ body: JSONValue, taskId: String) throws -> (comment: String?, variables: JSONObject) {
        guard let object = body.objectValue, object["entity-type"]?.stringValue == "task" else {
            throw NXError.invalid("Invalid task: the body must be an object with \"entity-type\": \"task\"")
        }
        guard let id = object["id"]?.stringValue else { throw NXError.invalid("Invalid task: id is missing") }
        guard id == taskId else { throw NXError.invalid("Invalid task: the id \(id) of the body is not the task \(taskId) of the URL") }
        var variables = JSONObject()
        if let given = object["variables"], !given.isNull {
            guard let values = given.objectValue else { throw NXError.invalid("Invalid task: variables must be an object") }
            variables = values
        }
        let comment = object["comment"].flatMap { $0.isNull ? nil : $0.stringValue }
        return (comment, variables)
    }

    func completeTask(repository: String, taskId: String, action: String, fetchTask: [String], body: JSONValue, context: NXCallContext)
        async throws -> CompleteTaskOutput {
        _ = try await workflows.task(taskId)
        let request = try Self.completionRequest(body, taskId: taskId)
        let task = try await workflows.complete(taskId, action: action, comment: request.comment, variables: request.variables, principal: context.user)
        let json = try workflowJSON(repository, fetch: fetchTask, context: context)
        guard let entity = try await json.entities([task]).first else { throw NXError.notFound(taskId) }
        return .ok(entity)
    }

    func reassignTask(repository: String, taskId: String, actors: [String]?, comment: String?, context: NXCallContext) async throws
        -> ReassignTaskOutput {
        try await workflows.reassign(taskId, actors: actors ?? [], comment: comment, principal: context.user)
        return .ok
    }

    func delegateTask(repository: String, taskId: String, delegatedActors: [String]?, comment: String?, context: NXCallContext) async throws
        -> DelegateTaskOutput {
        try await workflows.delegate(taskId, actors: delegatedActors ?? [], comment: comment, principal: context.user)
        return .ok
    }

    func getDocumentTasks(repository: String, doc: DocumentRef, userId: String?, workflowInstanceId: String?, workflowModelName: String?,
                          fetchTask: [String], context: NXCallContext) async throws -> GetDocumentTasksOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let filter = try await taskFilter(userId: userId, workflowInstanceId: workflowInstanceId, workflowModelName: workflowModelName,
                                          documentId: document.id, caller: context.user)
        let (tasks, _) = try await workflows.openTasks(filter, principal: context.user, limit: Self.maxListedTasks, offset: 0)
        return .ok(TasksEntity(entries: try await workflowJSON(repository, fetch: fetchTask, context: context).entities(tasks)))
    }

    func completeDocumentTask(repository: String, doc: DocumentRef, taskId: String, action: String, fetchTask: [String], body: JSONValue,
                              context: NXCallContext) async throws -> CompleteDocumentTaskOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let task = try await workflows.task(taskId)
        guard task.targetDocumentIds.contains(document.id) else { throw NXError.notFound(taskId) }
        return try await completeTask(repository: repository, taskId: taskId, action: action, fetchTask: fetchTask, body: body, context: context)
    }
}
