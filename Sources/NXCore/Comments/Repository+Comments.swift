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
    /// For an annotation: the xpath of the annotated file.
    public var xpath: String?

    public init(text: String? = nil, creationDate: Int64? = nil, modificationDate: Int64? = nil, entityId: String? = nil,
                origin: String? = nil, entity: String? = nil, xpath: String? = nil) {
        self.xpath = xpath
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
        if let xpath { values["annotation:xpath"] = .string(xpath) }
        return values
    }
}

/// Comments in Nuxeo's default tree model: a document's comments are `Comment` documents in its `Comments` folder
/// (a hidden `CommentRoot`, created with the first comment), a reply is a child of the comment it answers. Comments
/// inherit the document's ACLs, so whoever reads the document reads its comments; they are written with the rights of
/// the system on behalf of their author, and removed with their document.
extension Repository {
    public static let commentType = "Comment"
    public static let annotationType = "Annotation"
    static let commentRootType = "CommentRoot"
    static let commentsFolderName = "Comments"
    /// Deepest reply chain: each reply stores every id above it, so a chain is bounded (a deeper reply → 400).
    public static let maxCommentDepth = 100
    /// Most comments `comments(ofAnnotations:)` gathers.
    static let maxGatheredComments = 10_000

    /// The comments of a document, or the replies to a comment, newest first: `pageSize` 0 gives them all (at most
    /// 10,000). A negative size or index reads as 0, as every other page does. Returns the page and the total count.
    public func comments(on ref: DocumentRef, pageSize: Int, pageIndex: Int, principal: Principal) async throws
        -> (entries: [DocumentRecord], total: Int) {
        let target = try await document(ref)
        guard try canRead(target, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) does not have access to the comments of document \(target.id)")
        }
        let parentId: String
        if Self.isComment(target) {
            parentId = target.id
        } else if let folder = await existingCommentsFolder(of: target) {
            parentId = folder.id
        } else {
            return ([], 0)
        }
        let nxql = "SELECT * FROM Document WHERE ecm:primaryType = '\(Self.commentType)' AND ecm:parentId = '\(parentId)'"
            + " ORDER BY comment:creationDate DESC, ecm:uuid DESC"
        let request = PageRequest(pageSize: max(0, pageSize), currentPageIndex: max(0, pageIndex))
        let result = try await query(nxql, options: QueryOptions(request: request, maxPageSize: 10_000, principal: principal))
        return (result.page.entries, result.page.resultsCount)
    }

    /// Comments on a document, or replies to a comment, as `principal` (Read on the commented document is enough); with
    /// `type` Annotation, annotates the file at `fields.xpath` of the document.
    public func createComment(on ref: DocumentRef, _ fields: CommentFields, type: String = commentType, principal: Principal) async throws
        -> DocumentRecord {
        let target = try await document(ref)
        if type == Self.annotationType, fields.xpath?.isEmpty ?? true { throw NXError.invalid("An annotation needs the xpath of a file") }
        let top = try await commentedDocument(of: target)
        guard try canRead(top, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) can not create comments on document \(top.id)")
        }
        // A reply goes under the comment it answers and lists every id above it; a comment goes in the Comments folder.
        let ancestors: [String]
        let parent: DocumentRecord
        if Self.isComment(target) {
            ancestors = [target.id] + (target.properties["comment:ancestorIds"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            guard ancestors.count <= Self.maxCommentDepth else {
                throw NXError.invalid("Replies are nested too deeply: at most \(Self.maxCommentDepth) levels")
            }
            parent = target
        } else {
            ancestors = [target.id]
            parent = try await commentsFolder(of: target)
        }
        let time = now()
        var properties = fields.properties
        properties["comment:author"] = .string(principal.name)
        properties["comment:parentId"] = .string(target.id)
        properties["comment:ancestorIds"] = .array(ancestors.map(JSONValue.string))
        if fields.creationDate == nil { properties["comment:creationDate"] = .string(NXDate.format(millis: time)) }
        if fields.modificationDate == nil { properties["comment:modificationDate"] = properties["comment:creationDate"] }
        return try await create(in: .id(parent.id), type: type, name: type == Self.annotationType ? "annotation" : "comment", properties: properties,
                                principal: .unrestricted(principal.name), facets: fields.isExternal ? ["ExternalEntity"] : [])
    }

    /// A comment (or annotation) by id: anything else → 404 `The comment <id> does not exist.`; not readable → 403.
    public func comment(_ id: String, principal: Principal, kind: String = "comment") async throws -> DocumentRecord {
        guard let comment = try? await document(.id(id)), kind == "comment" ? Self.isComment(comment) : comment.type == Self.annotationType else {
            throw NXError.notFound("The \(kind) \(id) does not exist.")
        }
        guard try canRead(comment, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) does not have access to the \(kind) \(id)")
        }
        return comment
    }

    /// The annotations of the file at `xpath` of a document, oldest first.
    public func annotations(on ref: DocumentRef, xpath: String, principal: Principal) async throws -> [DocumentRecord] {
        let target = try await document(ref)
        guard try canRead(target, principal: principal) else {
            throw NXError.forbidden("The user \(principal.name) does not have access to the annotations of document \(target.id)")
        }
        guard let folder = await existingCommentsFolder(of: target) else { return [] }
        let nxql = "SELECT * FROM \(Self.annotationType) WHERE ecm:parentId = '\(folder.id)' AND annotation:xpath = \(PageProviderQuery.escape(xpath))"
            + " ORDER BY comment:creationDate, ecm:uuid"
        return try await query(nxql, options: QueryOptions(request: PageRequest(pageSize: 0), maxPageSize: 10_000, principal: principal)).page.entries
    }

    /// Every comment (replies at any depth) on the given annotations of the document `ref`, newest first: ids that are not
    /// readable annotations of that document count for nothing; at most 1,000 ids and 10,000 comments (more → 400).
    public func comments(ofAnnotations ids: [String], on ref: DocumentRef, principal: Principal) async throws -> [DocumentRecord] {
        let unique = Array(Set(ids)).sorted()
        guard unique.count <= 1_000 else { throw NXError.invalid("Too many annotations: \(unique.count), at most 1000") }
        let document = try await document(ref)
        var result: [DocumentRecord] = []
        var seen = Set<String>()
        for id in unique {
            guard let annotation = try? await self.document(.id(id)), annotation.type == Self.annotationType,
                  annotation.properties["comment:parentId"]?.stringValue == document.id, try canRead(annotation, principal: principal)
            else { continue }
            let nxql = "SELECT * FROM Document WHERE ecm:primaryType = '\(Self.commentType)' AND ecm:ancestorId = '\(annotation.id)'"
            let remaining = Self.maxGatheredComments - result.count
            let page = try await query(nxql, options: QueryOptions(request: PageRequest(pageSize: remaining + 1), maxPageSize: remaining + 1,
                                                                   principal: principal)).page
            guard page.entries.count <= remaining else {
                throw NXError.invalid("Too many comments on these annotations: more than \(Self.maxGatheredComments)")
            }
            for comment in page.entries where seen.insert(comment.id).inserted { result.append(comment) }
        }
        func created(_ d: DocumentRecord) -> Int64 { d.properties["comment:creationDate"]?.stringValue.flatMap(NXDate.parse) ?? 0 }
        return result.sorted { (created($0), $0.id) > (created($1), $1.id) }
    }

    /// The comment (or annotation, with `kind`) mirroring external entity `entityId` under `ref` → 404 when none.
    public func externalComment(_ entityId: String, under ref: DocumentRef, principal: Principal, kind: String = "comment") async throws
        -> DocumentRecord {
        let target = try await document(ref)
        let type = kind == "comment" ? Self.commentType : Self.annotationType
        let nxql = "SELECT * FROM \(type) WHERE externalEntity:entityId = \(PageProviderQuery.escape(entityId))"
            + " AND ecm:ancestorId = '\(target.id)'"
        let found = try await query(nxql, options: QueryOptions(request: PageRequest(pageSize: 1), principal: .system)).page.entries.first
        guard let found else { throw NXError.notFound("The external \(kind) \(entityId) does not exist.") }
        return try await comment(found.id, principal: principal, kind: kind)
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

    /// The document a comment (or reply) is about: the last of its ancestor ids (else up the parents past every comment
    /// and comments folder).
    public func commentedDocument(of document: DocumentRecord) async throws -> DocumentRecord {
        if Self.isComment(document), let top = document.properties["comment:ancestorIds"]?.arrayValue?.last?.stringValue,
           let found = try? await self.document(.id(top)), !Self.isComment(found) {
            return found
        }
        var current = document
        var steps = 0
        while Self.isComment(current) || current.type == Self.commentRootType {
            guard let parentId = current.parentId, steps <= Self.maxCommentDepth + 1 else { break }
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
        try await child(Self.commentsFolderName, of: .id(document.id), at: document.path, creating: Self.commentRootType, principal: .system)
    }

    /// `<document>/Comments` when it exists (no comment has been made yet otherwise).
    func existingCommentsFolder(of document: DocumentRecord) async -> DocumentRecord? {
        try? await self.document(.path(document.path == "/" ? "/" + Self.commentsFolderName : document.path + "/" + Self.commentsFolderName))
    }

    static func isComment(_ document: DocumentRecord) -> Bool {
        document.type == commentType || document.type == annotationType
    }
}
