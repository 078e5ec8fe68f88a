import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// Implements every generated handler protocol on top of the repository (one extension per concern).
struct APIHandlers: NXAPIHandlers {
    let repositories: [String: Repository]

    func repository(_ name: String) throws -> (Repository, DocumentJSON) {
        guard let repository = repositories[name] else { throw NXError.notFound("Repository \(name) does not exist") }
        return (repository, DocumentJSON(registry: repository.registry, repositoryName: name))
    }

    func getDocument(_ input: GetDocumentInput, context: NXCallContext) async throws -> GetDocumentOutput {
        let (repository, json) = try repository(input.repository)
        return .ok(json.entity(try await repository.document(input.doc), properties: input.properties))
    }

    func createDocument(_ input: CreateDocumentInput, context: NXCallContext) async throws -> CreateDocumentOutput {
        let (repository, json) = try repository(input.repository)
        try checkVersioning(input.xVersioningOption)
        let created = try await repository.create(
            in: input.doc, type: input.body.type, name: input.body.name, properties: input.body.properties, principal: context.principal.name)
        return .created(json.entity(created, properties: input.properties))
    }

    func updateDocument(_ input: UpdateDocumentInput, context: NXCallContext) async throws -> UpdateDocumentOutput {
        let (repository, json) = try repository(input.repository)
        try checkVersioning(input.xVersioningOption)
        let updated = try await repository.update(
            input.doc, properties: input.body.properties, changeToken: input.body.uid == nil ? nil : input.body.changeToken,
            userChange: input.body.uid != nil, principal: context.principal.name)
        return .ok(json.entity(updated, properties: input.properties))
    }

    func deleteDocument(_ input: DeleteDocumentInput, context: NXCallContext) async throws -> DeleteDocumentOutput {
        let (repository, _) = try repository(input.repository)
        try await repository.delete(input.doc)
        return .noContent
    }

    /// `@children`: the page provider `CURRENT_DOC_CHILDREN` with the document's id as its parameter.
    func getChildren(_ input: GetChildrenInput, context: NXCallContext) async throws -> GetChildrenOutput {
        let executor = try executor(input.repository)
        let document = try await executor.repository.document(input.doc)
        let p = Self.execution(query: nil, pageSize: input.pageSize, currentPageIndex: input.currentPageIndex, offset: input.offset,
                               maxResults: input.maxResults, sortBy: input.sortBy, sortOrder: input.sortOrder?.map(\.rawValue),
                               queryParams: [document.id], highlight: nil, quickFilters: nil)
        return .ok(try await executor.run(try executor.provider("CURRENT_DOC_CHILDREN"), p, named: [:], context: context,
                                          defaultPageSize: 50, properties: input.properties))
    }

    /// Versioning on save arrives with the document-model work; `NONE` is accepted, unknown values are 400.
    func checkVersioning(_ option: VersioningOption?) throws {
        guard let option else { return }
        switch option {
        case .none: return
        case .unknown(let value): throw NXError.invalid("Invalid X-Versioning-Option: \(value)")
        case .minor, .major: throw NXError.unsupported("X-Versioning-Option \(option.rawValue) is not supported yet")
        }
    }
}
