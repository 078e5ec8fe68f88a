import Hummingbird
import HummingbirdTesting
import Logging
import NXClient
import NXClientRuntime
import NXHTTP
import NXModel
import NXRuntime
import NXServer
import Testing

/// The generated client SDK against an in-process server over HTTP.
@Suite struct ClientSDKTests {
    func withClient(_ body: @escaping @Sendable (NXClient) async throws -> Void) async throws {
        try await withLiveServer { port in
            try await body(NXClient(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1", user: "Administrator", password: "Administrator"))
        }
    }

    @Test func createReadUpdateDelete() async throws {
        try await withClient { client in
            let created = try await client.createDocument(
                .path("/default-domain/workspaces"), documentRendering: .init(properties: ["dublincore"]),
                body: DocumentEntity(type: "File", properties: ["dc:title": "SDK"], name: "sdk"))
            #expect(created.title == "SDK" && created.path == "/default-domain/workspaces/sdk")
            let uid = try #require(created.uid)
            let read = try await client.getDocument(.id(uid), documentRendering: .init(properties: ["*"]))
            #expect(read.properties?["dc:creator"] == "Administrator")
            let updated = try await client.updateDocument(.id(uid), body: DocumentEntity(properties: ["dc:description": "d"]))
            #expect(updated.changeToken == "1-0")
            try await client.deleteDocument(.id(uid))
            do {
                _ = try await client.getDocument(.id(uid))
                Issue.record("a deleted document must not be found")
            } catch NXClientError.server(let status, let exception) {
                #expect(status == 404 && exception.status == 404 && exception.message == uid)
            }
        }
    }

    @Test func pagingSequenceVisitsEveryChild() async throws {
        try await withClient { client in
            let folder = try await client.createDocument(.path("/default-domain/workspaces"), body: DocumentEntity(type: "Folder", name: "many"))
            let uid = try #require(folder.uid)
            for i in 0..<5 {
                _ = try await client.createDocument(.id(uid), body: DocumentEntity(type: "Note", properties: ["dc:title": .string("n\(i)")], name: "n\(i)"))
            }
            var titles: [String] = []
            for try await child in client.getChildrenPages(.id(uid), pageSize: 2) { titles.append(child.title ?? "") }
            #expect(titles == ["n0", "n1", "n2", "n3", "n4"])
            let page = try await client.getChildren(.path(folder.path ?? ""), currentPageIndex: 2, pageSize: 2, sortBy: ["dc:title"], sortOrder: [.desc])
            #expect(page.entries?.map(\.title) == ["n0"] && page.paging?.currentPageIndex == 2)
        }
    }

    @Test func badInputsSurfaceTheExceptionEntity() async throws {
        try await withClient { client in
            do {
                _ = try await client.createDocument(.path("/default-domain"), body: DocumentEntity(type: "Foo", name: "x"))
                Issue.record("unknown type must fail")
            } catch NXClientError.server(let status, let exception) {
                #expect(status == 400 && exception.message == "Type: Foo does not exist")
            }
        }
    }
}
