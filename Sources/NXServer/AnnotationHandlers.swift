import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `@annotation`: comments on a file of a document (server-behaviour-2.md §4.4).
extension APIHandlers {
    func getAnnotations(repository: String, doc: DocumentRef, xpath: String?, context: NXCallContext) async throws -> GetAnnotationsOutput {
        guard let xpath, !xpath.isEmpty else { throw NXError.invalid("Query parameter 'xpath' is required") }
        let (repository, _) = try self.repository(repository)
        let json = CommentJSON(repository: repository, principal: context.user, fetch: [])
        var entries: [AnnotationEntity] = []
        for annotation in try await repository.annotations(on: doc, xpath: xpath, principal: context.user) {
            entries.append(try await json.annotation(annotation))
        }
        return .ok(AnnotationsEntity(entries: entries))
    }

    func createAnnotation(repository: String, doc: DocumentRef, body: JSONValue, context: NXCallContext) async throws -> CreateAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        let created = try await repository.createComment(on: doc, try CommentJSON.fields(body), type: Repository.annotationType,
                                                        principal: context.user)
        return .created(try await CommentJSON(repository: repository, principal: context.user, fetch: []).annotation(created))
    }

    func getAnnotation(repository: String, doc: DocumentRef, annotationId: String, context: NXCallContext) async throws -> GetAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        let annotation = try await repository.comment(annotationId, principal: context.user, kind: "annotation")
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: []).annotation(annotation))
    }

    func updateAnnotation(
        repository: String, doc: DocumentRef, annotationId: String, body: JSONValue, context: NXCallContext
    ) async throws -> UpdateAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        let annotation = try await repository.comment(annotationId, principal: context.user, kind: "annotation")
        let updated = try await repository.updateComment(annotation.id, try CommentJSON.fields(body), principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: []).annotation(updated))
    }

    func deleteAnnotation(repository: String, doc: DocumentRef, annotationId: String, context: NXCallContext) async throws
        -> DeleteAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        let annotation = try await repository.comment(annotationId, principal: context.user, kind: "annotation")
        try await repository.deleteComment(annotation.id, principal: context.user)
        return .noContent
    }

    /// `POST @annotation/comments` with a JSON array of annotation ids: every comment on them.
    func getCommentsOfAnnotations(repository: String, doc: DocumentRef, body: JSONValue, context: NXCallContext) async throws
        -> GetCommentsOfAnnotationsOutput {
        let items: [JSONValue]
        switch body {
        case .null: items = []
        case .object(let object) where object.isEmpty: items = []   // no body (read as {}): no annotation
        case .array(let list): items = list
        default: throw NXError.invalid("Unable to read payload")
        }
        var ids: [String] = []
        for item in items {
            guard let id = item.stringValue else { throw NXError.invalid("Unable to read payload") }
            ids.append(id)
        }
        let (repository, _) = try self.repository(repository)
        let json = CommentJSON(repository: repository, principal: context.user, fetch: [])
        var entries: [CommentEntity] = []
        for comment in try await repository.comments(ofAnnotations: ids, on: doc, principal: context.user) { entries.append(try await json.entity(comment)) }
        return .ok(CommentsEntity(totalSize: entries.count, entries: entries))
    }

    func getExternalAnnotation(repository: String, doc: DocumentRef, entityId: String, context: NXCallContext) async throws
        -> GetExternalAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        let annotation = try await repository.externalComment(entityId, under: doc, principal: context.user, kind: "annotation")
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: []).annotation(annotation))
    }

    func updateExternalAnnotation(
        repository: String, doc: DocumentRef, entityId: String, body: JSONValue, context: NXCallContext
    ) async throws -> UpdateExternalAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        let annotation = try await repository.externalComment(entityId, under: doc, principal: context.user, kind: "annotation")
        let updated = try await repository.updateComment(annotation.id, try CommentJSON.fields(body), principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: []).annotation(updated))
    }

    func deleteExternalAnnotation(repository: String, doc: DocumentRef, entityId: String, context: NXCallContext) async throws
        -> DeleteExternalAnnotationOutput {
        let (repository, _) = try self.repository(repository)
        let annotation = try await repository.externalComment(entityId, under: doc, principal: context.user, kind: "annotation")
        try await repository.deleteComment(annotation.id, principal: context.user)
        return .noContent
    }
}
