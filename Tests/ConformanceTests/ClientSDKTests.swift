import Foundation
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
            let created = try await client.documents.create(
                in: .path("/default-domain/workspaces"), DocumentEntity(type: "File", properties: ["dc:title": "SDK"], name: "sdk"),
                documentRendering: .init(schemas: ["dublincore"]))
            #expect(created.title == "SDK" && created.path == "/default-domain/workspaces/sdk")
            let uid = created.uid
            let read = try await client.documents.get(.id(uid), documentRendering: .init(schemas: ["*"]))
            #expect(read.properties?["dc:creator"] == "Administrator")
            let updated = try await client.documents.update(.id(uid), with: DocumentEntity(properties: ["dc:description": "d"]))
            #expect(updated.changeToken == "1-0")
            try await client.documents.delete(.id(uid))
            do {
                _ = try await client.documents.get(.id(uid))
                Issue.record("a deleted document must not be found")
            } catch NXClientError.notFound(let exception) {
                #expect(exception.status == 404 && exception.message == uid)
            }
        }
    }

    @Test func pagingSequenceVisitsEveryChild() async throws {
        try await withClient { client in
            let folder = try await client.documents.create(in: .path("/default-domain/workspaces"), DocumentEntity(type: "Folder", name: "many"))
            let uid = folder.uid
            for i in 0..<5 {
                _ = try await client.documents.create(in: .id(uid), DocumentEntity(type: "Note", properties: ["dc:title": .string("n\(i)")], name: "n\(i)"))
            }
            var titles: [String] = []
            for try await child in client.documents.children(of: .id(uid), pageSize: 2) { titles.append(child.title) }
            #expect(titles == ["n0", "n1", "n2", "n3", "n4"])
            #expect(try await client.documents.children(of: .id(uid), pageSize: 2).collect(limit: 3).map(\.title) == ["n0", "n1", "n2"])
            #expect(try await client.search.nxql("SELECT * FROM Note WHERE ecm:parentId = '\(uid)'").collect().count == 5)
            let page = try await client.documents.childrenPage(of: .path(folder.path), currentPageIndex: 2, pageSize: 2, sortBy: ["dc:title"], sortOrder: [.desc])
            #expect(page.entries.map(\.title) == ["n0"] && page.paging?.currentPageIndex == 2)
        }
    }

    @Test func badInputsSurfaceTheExceptionEntity() async throws {
        try await withClient { client in
            do {
                _ = try await client.documents.create(in: .path("/default-domain"), DocumentEntity(type: "Foo", name: "x"))
                Issue.record("unknown type must fail")
            } catch NXClientError.badRequest(let exception) {
                #expect(exception.status == 400 && exception.message == "Type: Foo does not exist")
            }
        }
    }
}

/// Files through the SDK: a chunked upload with progress, attached by reference, streamed back byte-identical.
@Suite struct ClientSDKBlobTests {
    @Test func chunkedUploadWithProgressThenStreamedDownload() async throws {
        try await withLiveServer { port in
            let client = NXClient(baseURL: "http://127.0.0.1:\(port)/nuxeo/api/v1", user: "Administrator", password: "Administrator")
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-\(UUID().uuidString).bin").path
            let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try Data(content).write(to: URL(fileURLWithPath: path))
            let seen = ProgressLog()
            let source = try NXUploadSource.file(path, progress: { sent, total in seen.record(sent, total) })
            let file = try await client.uploads.send(source, name: "données.bin", mimeType: "application/octet-stream", chunkSize: 100_000)
            #expect(seen.last == 300_000 && seen.total == 300_000 && seen.count >= 3)
            let document = try await client.documents.create(in: 
                .path("/default-domain/workspaces"), DocumentEntity(type: "File", properties: ["file:content": file.reference], name: "sdk-blob"))
            let uid = document.uid
            let download = try await client.blobs.download(of: .id(uid))
            #expect(download.length == 300_000 && download.etag != nil)
            var received: [UInt8] = []
            for try await chunk in download.bytes { received += chunk }
            #expect(received == content)
            let range = try await client.blobs.download(of: .id(uid), range: "bytes=10-19")
            var part: [UInt8] = []
            for try await chunk in range.bytes { part += chunk }
            #expect(range.status == 206 && part == Array(content[10...19]))
            await #expect(throws: NXClientError.self) { _ = try await client.blobs.download(of: .id(uid), xpath: "dc:title") }
        }
    }
}

/// Progress callbacks, recorded across threads.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(Int64, Int64)] = []
    func record(_ sent: Int64, _ total: Int64) { lock.withLock { values.append((sent, total)) } }
    var last: Int64? { lock.withLock { values.last?.0 } }
    var total: Int64? { lock.withLock { values.last?.1 } }
    var count: Int { lock.withLock { values.count } }
}
