import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension GetDocumentInput: DocumentRenderingInput {}
extension CreateDocumentInput: DocumentRenderingInput {}
extension UpdateDocumentInput: DocumentRenderingInput {}
extension GetChildrenInput: DocumentRenderingInput {}

/// Implements every generated handler protocol on top of the repository (one extension per concern).
struct APIHandlers: NXAPIHandlers {
    let repositories: [String: Repository]
    /// Users, groups and tokens.
    let users: UserDirectory
    /// Directories (vocabularies) of the server.
    let directories: DirectoryService

    func repository(_ name: String) throws -> (Repository, DocumentJSON) {
        guard let repository = repositories[name] else { throw NXError.notFound("Repository \(name) does not exist") }
        return (repository, DocumentJSON(repository: repository, repositoryName: name, users: users, directories: directories))
    }

    func getDocument(_ input: GetDocumentInput, context: NXCallContext) async throws -> GetDocumentOutput {
        let (repository, json) = try repository(input.repository)
        return .ok(try await json.entity(try await repository.document(input.doc, principal: context.user), input.render(context)))
    }

    func createDocument(_ input: CreateDocumentInput, context: NXCallContext) async throws -> CreateDocumentOutput {
        let (repository, json) = try repository(input.repository)
        let versioning = try Self.increment(input.xVersioningOption)
        var created = try await repository.create(
            in: input.doc, type: input.body.type, name: input.body.name, properties: input.body.properties, principal: context.user)
        if let versioning, repository.isVersionable(created) {
            created = try await repository.checkIn(.id(created.id), increment: versioning, principal: context.user)
        }
        return .created(try await json.entity(created, input.render(context)))
    }

    /// A PUT saves the given properties; with `X-Versioning-Option: MINOR|MAJOR` the saved document is checked in and
    /// the new version is returned, as Nuxeo does.
    func updateDocument(_ input: UpdateDocumentInput, context: NXCallContext) async throws -> UpdateDocumentOutput {
        let (repository, json) = try repository(input.repository)
        let updated = try await repository.update(
            input.doc, properties: input.body.properties, changeToken: input.body.uid == nil ? nil : input.body.changeToken,
            userChange: input.body.uid != nil, principal: context.user, versioning: try Self.increment(input.xVersioningOption),
            comment: input.updateComment)
        return .ok(try await json.entity(updated, input.render(context)))
    }

    func deleteDocument(_ input: DeleteDocumentInput, context: NXCallContext) async throws -> DeleteDocumentOutput {
        let (repository, _) = try repository(input.repository)
        try await repository.delete(input.doc, principal: context.user)
        return .noContent
    }

    /// `@children`: the page provider `CURRENT_DOC_CHILDREN` with the document's id as its parameter.
    func getChildren(_ input: GetChildrenInput, context: NXCallContext) async throws -> GetChildrenOutput {
        let executor = try executor(input.repository)
        let document = try await executor.repository.document(input.doc, principal: context.user)
        let p = Self.execution(query: nil, pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: input.offset,
                               maxResults: input.maxResults, sortBy: input.sortBy, sortOrder: input.sortOrder?.map(\.rawValue),
                               queryParams: [document.id], highlight: nil, quickFilters: nil)
        return .ok(try await executor.run(try executor.provider("CURRENT_DOC_CHILDREN"), p, named: [:], context: context,
                                          defaultPageSize: 50, render: input.render(context)))
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
