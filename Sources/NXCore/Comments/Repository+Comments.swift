import NXRuntime

/// The fields of a comment a request gives; nil = not given (an update leaves it as it is).
public struct CommentFields: Sendable, Equatable {
    public var text: String?
    /// ms since 1970.
    public var creationDate: Int64?
    /// ms since 1970.
    public var modificationDate: Int64?
    /// The entity the comment mirrors in another system (facet ExternalEntity).
    public var entityId: String?
    public var origin: String?
    public var entity: String?

    public init(text: String? = nil, creationDate: Int64? = nil, modificationDate: Int64? = nil, entityId: String? = nil,
                origin: String? = nil, entity: String? = nil) {
        self.text = text
        self.creationDate = creationDate
        self.modificationDate = modificationDate
        self.entityId = entityId
        self.origin = origin
        self.entity = entity
    }

    var isExternal: Bool { entityId != nil || origin != nil || entity != nil }

    /// The properties these fields set.
    var properties: JSONObject {
        var values = JSONObject()
        if let text { values["comment:text"] = .string(text) }
        if let creationDate { values["comment:creationDate"] = .string(NXDate.format(millis: creationDate)) }
        if let modificationDate { values["comment:modificationDate"] = .string(NXDate.format(millis: modificationDate)) }
        if let entityId { values["externalEntity:entityId"] = .string(entityId) }
        if let origin { values["externalEntity:origin"] = .string(origin) }
        if let entity { values["externalEntity:entity"] = .string(entity) }
        return values
    }
}

/// Comments in Nuxeo's default tree model: a document's comments are `Comment` documents in its `Comments` folder
/// (a hidden `CommentRoot`, created with the first comment), a reply is a child of the comment it answers. Comments
/// inherit the document's ACLs, so whoever reads the document reads its comments; they are written with the rights of
/// the system on behalf of their author, and removed with their document.
extension Repository {
    static let commentType = "Comment"
    static let commentRootType = "CommentRoot"
    static let commentsFolderName = "Comments"
    /// Deepest reply chain followed up to the commented document.
    static let maxCommentDepth = 1_000

    /// The comments of a document, or the replies to a comment, newest first: `pageSize` 0 gives them all (at most
    /// 10,000). Returns the page and the total count.
    public func comments(on ref: DocumentRef, pageSize: Int, pageIndex: Int, principal: Principal) async throws
        -> (entries: [DocumentRecord], total: Int) {
        let target = try await document(ref)
        guard try canRead(target, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) does not have access to the comments of document \(target.id)")
        }
        let parentId: String
        if target.type == Self.commentType {
            parentId = target.id
        } else if let folder = try? await document(.path(Self.childPath(target, Self.commentsFolderName))) {
            parentId = folder.id
        } else {
            return ([], 0)
        }
        guard pageSize >= 0, pageIndex >= 0 else { throw NXError.invalid("pageSize and currentPageIndex must not be negative") }
        let nxql = "SELECT * FROM \(Self.commentType) WHERE ecm:parentId = '\(parentId)' ORDER BY comment:creationDate DESC, ecm:uuid DESC"
        let request = PageRequest(pageSize: pageSize, currentPageIndex: pageIndex)
        let result = try await query(nxql, options: QueryOptions(request: request, maxPageSize: 10_000, principal: principal))
        return (result.page.entries, result.page.resultsCount)
    }

    /// Comments on a document, or replies to a comment, as `principal` (Read on the commented document is enough).
    public func createComment(on ref: DocumentRef, _ fields: CommentFields, principal: Principal) async throws -> DocumentRecord {
        let target = try await document(ref)
        let top = try await commentedDocument(of: target)
        guard try canRead(top, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) can not create comments on document \(top.id)")
        }
        var ancestors = [target.id]
        if target.type == Self.commentType {
            ancestors += target.properties["comment:ancestorIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        let parent: DocumentRecord
        if target.type == Self.commentType {
            parent = target
        } else {
            parent = try await commentsFolder(of: target)
        }
        let time = now()
        var properties = fields.properties
        properties["comment:author"] = .string(principal.name)
        properties["comment:parentId"] = .string(target.id)
        properties["comment:ancestorIds"] = .array(ancestors.map(JSONValue.string))
        if fields.creationDate == nil { properties["comment:creationDate"] = .string(NXDate.format(millis: time)) }
        if fields.modificationDate == nil { properties["comment:modificationDate"] = properties["comment:creationDate"] }
        return try await create(in: .id(parent.id), type: Self.commentType, name: "comment", properties: properties,
                                principal: .unrestricted(principal.name), facets: fields.isExternal ? ["ExternalEntity"] : [])
    }

    /// A comment by id: anything else → 404 `The comment <id> does not exist.`; not readable → 403.
    public func comment(_ id: String, principal: Principal) async throws -> DocumentRecord {
        guard let comment = try? await document(.id(id)), comment.type == Self.commentType else {
            throw NXError.notFound("The comment \(id) does not exist.")
        }
        guard try canRead(comment, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) does not have access to the comment \(id)")
        }
        return comment
    }

    /// The comment mirroring external entity `entityId` under `ref` (a document or a comment) → 404 when none.
    public func externalComment(_ entityId: String, under ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let target = try await document(ref)
        let nxql = "SELECT * FROM \(Self.commentType) WHERE externalEntity:entityId = \(PageProviderQuery.escape(entityId))"
            + " AND ecm:ancestorId = '\(target.id)'"
        let found = try await query(nxql, options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system)).page.entries.first
        guard let found else { throw NXError.notFound("The external comment \(entityId) does not exist.") }
        return try await comment(found.id, principal: principal)
    }

    /// Changes the given fields of a comment (its modification date defaults to now): its author, an administrator or a
    /// holder of Everything on the commented document only.
    public func updateComment(_ id: String, _ fields: CommentFields, principal: Principal) async throws -> DocumentRecord {
        let stored = try await comment(id, principal: principal)
        let top = try await commentedDocument(of: stored)
        guard try await mayManage(stored, top: top, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) cannot edit comments of document \(top.id)")
        }
        var properties = fields.properties
        if fields.modificationDate == nil { properties["comment:modificationDate"] = .string(NXDate.format(millis: now())) }
        var current = stored
        if fields.isExternal, !current.instanceFacets.contains("ExternalEntity") {
            current = try await addFacet("ExternalEntity", to: .id(id), principal: .system)
        }
        return try await update(.id(current.id), properties: properties, changeToken: nil, userChange: false, principal: .unrestricted(principal.name))
    }

    /// Removes a comment and its replies: its author, an administrator or a holder of Everything on the commented
    /// document only.
    public func deleteComment(_ id: String, principal: Principal) async throws {
        let stored = try await comment(id, principal: principal)
        let top = try await commentedDocument(of: stored)
        guard try await mayManage(stored, top: top, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) cannot delete comments of the document \(top.id)")
        }
        try await delete(.id(id), principal: .unrestricted(principal.name))
    }

    /// How many replies a comment has, and when the newest was written (ms since 1970).
    public func replySummary(of comment: DocumentRecord) async throws -> (count: Int, last: Int64?) {
        let nxql = "SELECT * FROM \(Self.commentType) WHERE ecm:parentId = '\(comment.id)' ORDER BY comment:creationDate DESC"
        let page = try await query(nxql, options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system)).page
        let last = page.entries.first?.properties["comment:creationDate"]?.stringValue.flatMap(NXDate.parse)
        return (page.resultsCount, last)
    }

    /// The document a comment (or reply) is about: up the parents past every comment and comments folder.
    public func commentedDocument(of document: DocumentRecord) async throws -> DocumentRecord {
        var current = document
        var steps = 0
        while current.type == Self.commentType || current.type == Self.commentRootType {
            guard let parentId = current.parentId, steps < Self.maxCommentDepth else { break }
            current = try await self.document(.id(parentId))
            steps += 1
        }
        return current
    }

    func mayManage(_ comment: DocumentRecord, top: DocumentRecord, principal: Principal) async throws -> Bool {
        if principal.isAdministrator || comment.properties["comment:author"]?.stringValue == principal.name { return true }
        return try await permissions(on: top, principal: principal).contains("Everything")
    }

    /// `<document>/Comments`, created (by the system) with the first comment; two first comments at once create it once.
    func commentsFolder(of document: DocumentRecord) async throws -> DocumentRecord {
        let path = Self.childPath(document, Self.commentsFolderName)
        if let folder = try? await self.document(.path(path)) { return folder }
        do {
            return try await create(in: .id(document.id), type: Self.commentRootType, name: Self.commentsFolderName, properties: nil,
                                    principal: .system, uniqueName: false)
        } catch let error as NXError where error.code == .conflict {
            return try await self.document(.path(path))
        }
    }

    static func childPath(_ parent: DocumentRecord, _ name: String) -> String {
        parent.path == "/" ? "/" + name : parent.path + "/" + name
    }
}
