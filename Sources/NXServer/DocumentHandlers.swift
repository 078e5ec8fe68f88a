import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime
import NXSchemas


/// Implements every generated handler protocol on top of the repository (one extension per concern).
struct APIHandlers: NXAPIHandlers {
    let repositories: [String: Repository]
    /// Users, groups and tokens.
    let users: UserDirectory
    /// Directories (vocabularies) of the server.
    let directories: DirectoryService
    /// Upload batches.
    let batches: BatchManager
    /// Largest upload, in bytes.
    let maxUploadSize: Int64
    /// Background automation executions (`@async`).
    let asyncExecutions: AsyncExecutions
    /// Automation call traces.
    let traces: AutomationTraces
    /// The JSON stack display of exception entities.
    let stackDisplay: StackDisplay
    /// The SMTP relay of `Document.Mail`, if configured.
    let mail: MailConfiguration?
    /// The routing engine: workflows and tasks.
    let workflows: WorkflowService
    /// The bulk action framework.
    let bulk: BulkService
    /// Probes, scheduler and configuration of the management API.
    let management: ManagementState
    /// The server state (the management API reads its stores and workers).
    let state: ServerState

    init(_ state: ServerState) {
        repositories = [state.repository.name: state.repository]
        users = state.users
        directories = state.directories
        batches = state.batches
        maxUploadSize = state.maxUploadSize
        asyncExecutions = state.asyncExecutions
        traces = state.traces
        stackDisplay = state.stackDisplay
        mail = state.mail
        workflows = state.workflows
        bulk = state.bulk
        management = state.management
        self.state = state
    }

    func repository(_ name: String) throws -> (Repository, DocumentJSON) {
        guard let repository = repositories[name] else { throw NXError.notFound("Repository \(name) does not exist") }
        return (repository, DocumentJSON(repository: repository, repositoryName: name, users: users, directories: directories,
                                         workflows: workflows,
                                         renditions: state.renditions(repository)))
    }

    func getDocument(
        repository: String,
        doc: DocumentRef,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> GetDocumentOutput {
        let (repository, json) = try self.repository(repository)
        return .ok(try await json.entity(try await repository.document(doc, principal: context.user), documentRendering.options(context)))
    }

    func createDocument(
        repository: String,
        doc: DocumentRef,
        documentRendering: DocumentRenderingParameters,
        xVersioningOption: VersioningOption?,
        xBatchNoDrop: String?,
        body: DocumentEntity,
        context: NXCallContext
    ) async throws -> CreateDocumentOutput {
        let (repository, json) = try self.repository(repository)
        let versioning = try Self.increment(xVersioningOption)
        var created = try await droppingBatches(body.properties, noDrop: xBatchNoDrop) {
            try await repository.create(in: doc, type: body.type, name: body.name, properties: body.properties, principal: context.user,
                                        blobs: blobInput(context))
        }
        if let versioning, repository.isVersionable(created) {
            created = try await repository.checkIn(.id(created.id), increment: versioning, principal: context.user)
        }
        return .created(try await json.entity(created, documentRendering.options(context)))
    }

    /// A PUT saves the given properties; with `X-Versioning-Option: MINOR|MAJOR` the saved document is checked in and
    /// the new version is returned, as Nuxeo does.
    func updateDocument(
        repository: String,
        doc: DocumentRef,
        documentRendering: DocumentRenderingParameters,
        xVersioningOption: VersioningOption?,
        updateComment: String?,
        xBatchNoDrop: String?,
        body: DocumentEntity,
        context: NXCallContext
    ) async throws -> UpdateDocumentOutput {
        let (repository, json) = try self.repository(repository)
        let versioning = try Self.increment(xVersioningOption)
        let updated = try await droppingBatches(body.properties, noDrop: xBatchNoDrop) {
            try await repository.update(
                doc, properties: body.properties, changeToken: body.uid.isEmpty ? nil : body.changeToken,
                userChange: !body.uid.isEmpty, principal: context.user, versioning: versioning, comment: updateComment, blobs: blobInput(context))
        }
        return .ok(try await json.entity(updated, documentRendering.options(context)))
    }

    func deleteDocument(
        repository: String,
        doc: DocumentRef,
        context: NXCallContext
    ) async throws -> DeleteDocumentOutput {
        let (repository, _) = try self.repository(repository)
        try await repository.delete(doc, principal: context.user)
        return .noContent
    }

    /// `@children`: the page provider `CURRENT_DOC_CHILDREN` with the document's id as its parameter.
    func getChildren(
        repository: String,
        doc: DocumentRef,
        currentPageIndex: Int?,
        offset: Int?,
        pageSize: Int,
        maxResults: String?,
        sortBy: [String]?,
        sortOrder: [SortOrder]?,
        documentRendering: DocumentRenderingParameters,
        context: NXCallContext
    ) async throws -> GetChildrenOutput {
        let executor = try executor(repository)
        let result = try await executor.documentPage(
            "CURRENT_DOC_CHILDREN", of: doc, pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset, maxResults: maxResults,
            sortBy: sortBy, sortOrder: sortOrder, context: context)
        return .ok(try await executor.page(result, documentRendering.options(context), highlight: []))
    }

    /// `X-Versioning-Option`: NONE → no version; MINOR/MAJOR → the increment; anything else → 400.
    static func increment(_ option: VersioningOption?) throws -> VersionIncrement? {
        switch option {
        case nil, .none?: return nil
        case .minor?: return .minor
        case .major?: return .major
        case .unknown(let value)?: throw NXError.invalid("Invalid X-Versioning-Option: \(value)")
        }
    }
}
