import NXAPIRuntime
import NXCore
import NXRuntime

/// The routing enrichers of Spec/enrichers/routing.yaml (Nuxeo's PendingTasksJsonEnricher, RunningWorkflowJsonEnricher,
/// RunnableWorkflowJsonEnricher).
extension DocumentEnrichment {
    func routingJSON() -> WorkflowJSON? {
        guard let workflows = json.workflows, let users = json.users else { return nil }
        let call = NXCallContext(principal: options.principal, baseURL: options.baseURL, logger: .init(label: "nx.enrichers"))
        return WorkflowJSON(workflows: workflows, users: users, documents: json, call: call)
    }

    /// The current user's open tasks on the document.
    func pendingTasks(_ record: DocumentRecord) async throws -> JSONValue? {
        guard let writer = routingJSON() else { return .array([]) }
        let filter = WorkflowTaskFilter(actors: WorkflowService.actorNames(of: options.user), documentId: record.id)
        let (tasks, _) = try await writer.workflows.openTasks(filter, principal: options.user, limit: APIHandlers.maxListedTasks, offset: 0)
        return .array(try await writer.entities(tasks).map(\.jsonValue))
    }

    /// The running workflows the document is attached to.
    func runningWorkflows(_ record: DocumentRecord) async throws -> JSONValue? {
        guard let writer = routingJSON() else { return .array([]) }
        var entries: [JSONValue] = []
        for instance in try await writer.workflows.runningInstances(on: record.id) { entries.append(try await writer.entity(instance).jsonValue) }
        return .array(entries)
    }

    /// The models that may start on the document for the current user.
    func runnableWorkflows(_ record: DocumentRecord) async throws -> JSONValue? {
        guard let writer = routingJSON() else { return .array([]) }
        return .array(try await writer.workflows.runnableModels(on: record, principal: options.user).map { writer.entity($0).jsonValue })
    }
}
