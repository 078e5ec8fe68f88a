@testable import NXCore
import NXRuntime
import Testing

/// Comments in the tree model: stored under a hidden `Comments` folder, replies under their comment, readable by the
/// document's readers, managed by their author.
@Suite struct CommentTests {
    let ws = DocumentRef.path("/default-domain/workspaces")
    let joe = Principal(name: "joe", groups: ["members"])
    let ann = Principal(name: "ann", groups: ["members"])

    @Test func firstCommentsAtOnceShareOneFolder() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: ws, type: "File", name: "f", properties: nil, principal: .system)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask { _ = try await repository.createComment(on: .id(doc.id), CommentFields(text: "c\(index)"), principal: joe) }
            }
            try await group.waitForAll()
        }
        let (entries, total) = try await repository.comments(on: .id(doc.id), pageSize: 0, pageIndex: 0, principal: joe)
        #expect(total == 8 && entries.count == 8)
        let extreme = try await repository.comments(on: .id(doc.id), pageSize: Int.min, pageIndex: Int.min, principal: joe)
        #expect(extreme.total == 8 && extreme.entries.count == 8)
        let past = try await repository.comments(on: .id(doc.id), pageSize: 3, pageIndex: Int.max, principal: joe)
        #expect(past.total == 8 && past.entries.isEmpty)
        let folders = try await repository.query("SELECT * FROM CommentRoot WHERE ecm:parentId = '\(doc.id)'",
                                                 options: QueryOptions(request: PageRequest(pageSize: 10), principal: .system))
        #expect(folders.page.resultsCount == 1)
        #expect(entries.allSatisfy { $0.properties["comment:author"] == "joe" && $0.properties["dc:creator"] == "joe" })
    }

    @Test func repliesNestAndOnlyTheirAuthorManagesThem() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: ws, type: "Note", name: "n", properties: nil, principal: .system)
        let comment = try await repository.createComment(on: .id(doc.id), CommentFields(text: "top"), principal: joe)
        let reply = try await repository.createComment(on: .id(comment.id), CommentFields(text: "re"), principal: ann)
        let deeper = try await repository.createComment(on: .id(reply.id), CommentFields(text: "re re"), principal: joe)
        #expect(deeper.properties["comment:ancestorIds"] == .array([.string(reply.id), .string(comment.id), .string(doc.id)]))
        #expect(try await repository.commentedDocument(of: deeper).id == doc.id)
        #expect(try await repository.replySummary(of: comment).count == 1)
        await #expect(throws: NXError.forbidden("The user ann cannot edit comments of document \(doc.id)")) {
            _ = try await repository.updateComment(comment.id, CommentFields(text: "mine now"), principal: ann)
        }
        let edited = try await repository.updateComment(comment.id, CommentFields(text: "edited", entityId: "x-1"), principal: joe)
        #expect(edited.properties["comment:text"] == "edited" && edited.instanceFacets == ["ExternalEntity"])
        #expect(try await repository.externalComment("x-1", under: .id(doc.id), principal: ann).id == comment.id)
        try await repository.deleteComment(comment.id, principal: joe)
        await #expect(throws: NXError.notFound("The comment \(deeper.id) does not exist.")) {
            _ = try await repository.comment(deeper.id, principal: .system)
        }
    }
}

extension CommentTests {
    @Test func repliesStopAtTheDepthLimit() async throws {
        let repository = try await makeRepository()
        let doc = try await repository.create(in: ws, type: "Note", name: "deep", properties: nil, principal: .system)
        var parent = doc.id
        for level in 1...Repository.maxCommentDepth {
            parent = try await repository.createComment(on: .id(parent), CommentFields(text: "level \(level)"), principal: joe).id
        }
        await #expect(throws: NXError.invalid("Replies are nested too deeply: at most \(Repository.maxCommentDepth) levels")) {
            _ = try await repository.createComment(on: .id(parent), CommentFields(text: "too deep"), principal: joe)
        }
        let deepest = try await repository.comment(parent, principal: joe)
        #expect(try await repository.commentedDocument(of: deepest).id == doc.id)
    }
}
