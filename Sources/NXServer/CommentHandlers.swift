import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `@comment`: the comments of a document or the replies to a comment (server-behaviour-2.md §4.2).
extension APIHandlers {
    func getComments(
        repository: String, doc: DocumentRef, pageSize: Int, currentPageIndex: Int, fetchComment: [String], context: NXCallContext
    ) async throws -> GetCommentsOutput {
        let (repository, _) = try self.repository(repository)
        let (entries, total) = try await repository.comments(on: doc, pageSize: pageSize, pageIndex: currentPageIndex, principal: context.user)
        let json = CommentJSON(repository: repository, principal: context.user, fetch: fetchComment)
        var entities: [CommentEntity] = []
        for comment in entries { entities.append(try await json.entity(comment)) }
        return .ok(CommentsEntity(totalSize: total, entries: entities))
    }

    func createComment(
        repository: String, doc: DocumentRef, fetchComment: [String], body: JSONValue, context: NXCallContext
    ) async throws -> CreateCommentOutput {
        let (repository, _) = try self.repository(repository)
        let created = try await repository.createComment(on: doc, try CommentJSON.fields(body), principal: context.user)
        return .created(try await CommentJSON(repository: repository, principal: context.user, fetch: fetchComment).entity(created))
    }

    func getComment(
        repository: String, doc: DocumentRef, commentId: String, fetchComment: [String], context: NXCallContext
    ) async throws -> GetCommentOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        let comment = try await repository.comment(commentId, principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: fetchComment).entity(comment))
    }

    func updateComment(
        repository: String, doc: DocumentRef, commentId: String, fetchComment: [String], body: JSONValue, context: NXCallContext
    ) async throws -> UpdateCommentOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        let updated = try await repository.updateComment(commentId, try CommentJSON.fields(body), principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: fetchComment).entity(updated))
    }

    func deleteComment(repository: String, doc: DocumentRef, commentId: String, context: NXCallContext) async throws -> DeleteCommentOutput {
        let (repository, _) = try self.repository(repository)
        _ = try await repository.document(doc)
        try await repository.deleteComment(commentId, principal: context.user)
        return .noContent
    }

    func getExternalComment(
        repository: String, doc: DocumentRef, entityId: String, fetchComment: [String], context: NXCallContext
    ) async throws -> GetExternalCommentOutput {
        let (repository, _) = try self.repository(repository)
        let comment = try await repository.externalComment(entityId, under: doc, principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: fetchComment).entity(comment))
    }

    func updateExternalComment(
        repository: String, doc: DocumentRef, entityId: String, fetchComment: [String], body: JSONValue, context: NXCallContext
    ) async throws -> UpdateExternalCommentOutput {
        let (repository, _) = try self.repository(repository)
        let comment = try await repository.externalComment(entityId, under: doc, principal: context.user)
        let updated = try await repository.updateComment(comment.id, try CommentJSON.fields(body), principal: context.user)
        return .ok(try await CommentJSON(repository: repository, principal: context.user, fetch: fetchComment).entity(updated))
    }

    func deleteExternalComment(repository: String, doc: DocumentRef, entityId: String, context: NXCallContext) async throws
        -> DeleteExternalCommentOutput {
        let (repository, _) = try self.repository(repository)
        let comment = try await repository.externalComment(entityId, under: doc, principal: context.user)
        try await repository.deleteComment(comment.id, principal: context.user)
        return .noContent
    }
}

/// The `comment` entity as Nuxeo's CommentJsonWriter writes it, and the fields a request body gives. One writer serves
/// one response: the caller's permissions on a commented document are computed once for all its comments.
final class CommentJSON {
    let repository: Repository
    let principal: Principal
    /// `fetch.comment` parts (`repliesSummary`).
    let fetch: [String]
    /// Permissions by commented document id, for this response.
    var permissions: [String: [String]] = [:]

    init(repository: Repository, principal: Principal, fetch: [String]) {
        self.repository = repository
        self.principal = principal
        self.fetch = fetch
    }

    func entity(_ comment: DocumentRecord) async throws -> CommentEntity {
        let p = comment.properties
        let top = try await repository.commentedDocument(of: comment)
        let granted: [String]
        if let known = permissions[top.id] {
            granted = known
        } else {
            granted = try await repository.permissions(on: top, principal: principal)
            permissions[top.id] = granted
        }
        var entity = CommentEntity(
            id: comment.id, parentId: p["comment:parentId"]?.stringValue ?? comment.parentId ?? "",
            ancestorIds: p["comment:ancestorIds"]?.arrayValue?.compactMap(\.stringValue) ?? [], author: p["comment:author"]?.stringValue,
            text: p["comment:text"]?.stringValue, creationDate: Self.instant(p["comment:creationDate"]),
            modificationDate: Self.instant(p["comment:modificationDate"]), entityId: p["externalEntity:entityId"]?.stringValue,
            origin: p["externalEntity:origin"]?.stringValue, entity: p["externalEntity:entity"]?.stringValue,
            permissions: granted)
        if fetch.contains("repliesSummary") {
            let summary = try await repository.replySummary(of: comment)
            entity.numberOfReplies = summary.count
            entity.lastReplyDate = summary.last.map(Self.instant(millis:))
        }
        return entity
    }

    /// The `annotation` entity (AnnotationJsonWriter): the comment fields, the xpath, the permissions on the document.
    func annotation(_ document: DocumentRecord) async throws -> AnnotationEntity {
        let c = try await entity(document)
        return AnnotationEntity(
            id: c.id, parentId: c.parentId, ancestorIds: c.ancestorIds, author: c.author, text: c.text, creationDate: c.creationDate,
            modificationDate: c.modificationDate, entityId: c.entityId, origin: c.origin, entity: c.entity,
            xpath: document.properties["annotation:xpath"]?.stringValue, permissions: c.permissions)
    }

    /// A stored date as Java's `Instant.toString()`: `…T21:57:25.123Z`, or `…T21:57:25Z` when the milliseconds are 0.
    static func instant(_ value: JSONValue?) -> String? {
        value?.stringValue.flatMap(NXDate.parse).map(instant(millis:))
    }

    static func instant(millis: Int64) -> String {
        let text = NXDate.format(millis: millis)
        return text.hasSuffix(".000Z") ? String(text.dropLast(5)) + "Z" : text
    }

    /// The comment fields of a request body (`entity-type` `comment`); `id`, `parentId`, `ancestorIds`, `author` and
    /// `permissions` are not taken from it. A field of the wrong type or a bad date → 400.
    static func fields(_ body: JSONValue) throws -> CommentFields {
        guard case .object(let object) = body else { throw NXError.invalid("Unable to read payload: a comment object is expected") }
        let type = object["entity-type"]?.stringValue
        guard type == "comment" || type == "annotation" else {
            throw NXError.invalid("Json object entity-type is wrong. Expected is comment but was \(type ?? "null")")
        }
        func text(_ key: String) throws -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: throw NXError.invalid("Unable to read payload: '\(key)' must be a string")
            }
        }
        func date(_ key: String) throws -> Int64? {
            guard let value = try text(key) else { return nil }
            guard let millis = NXDate.parse(value) else { throw NXError.invalid("Unable to read payload: '\(key)' is not an ISO-8601 instant: \(value)") }
            return millis
        }
        return CommentFields(text: try text("text"), creationDate: try date("creationDate"), modificationDate: try date("modificationDate"),
                             entityId: try text("entityId"), origin: try text("origin"), entity: try text("entity"), xpath: try text("xpath"))
    }
}
