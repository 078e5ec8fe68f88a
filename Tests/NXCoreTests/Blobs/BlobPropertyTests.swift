import Foundation
import NXRuntime
import Testing
@testable import NXCore

@Suite struct BlobPropertyTests {
    @Test func aBatchReferenceBecomesTheStoredBlob() async throws {
        let f = try await BlobFixture()
        let batch = try await f.upload("hello", name: "hello.txt", mimeType: nil)
        let document = try await f.file("doc", batch: batch)
        let blob = try #require(BlobValue(stored: document.properties["file:content"]))
        #expect(blob.digest == "5d41402abc4b2a76b9719d911017c592" && blob.length == 5 && blob.name == "hello.txt")
        #expect(blob.mimeType == "text/plain", "detected from the name")
        #expect(document.properties["common:icon"] == "/icons/text.png" || document.properties["common:icon"] != nil)
    }

    @Test func aReferenceToAGoneBatchIs400AndStoresNothing() async throws {
        let f = try await BlobFixture()
        let batch = try await f.upload("x")
        try await f.batches.delete(batch)
        do {
            _ = try await f.file("doc", batch: batch)
            Issue.record("accepted")
        } catch let error as NXError {
            #expect(error.code == .invalidArgument && error.message.contains(batch))
        }
        #expect(try await f.repository.store.read { tx in try tx.document(path: "/default-domain/workspaces/doc") } == nil)
    }

    @Test func inlineContentIsStored() async throws {
        let f = try await BlobFixture()
        let document = try await f.repository.create(
            in: .path("/default-domain/workspaces"), type: "File", name: "n",
            properties: ["file:content": ["name": "n.txt", "content": "inline text"]], principal: f.admin, blobs: BlobInput(baseURL: nil))
        let blob = try #require(BlobValue(stored: document.properties["file:content"]))
        #expect(blob.mimeType == "text/plain" && blob.encoding == "UTF-8" && blob.length == 11)
    }

    @Test func postingBackTheDownloadURLKeepsTheBlobAndNullRemovesIt() async throws {
        let f = try await BlobFixture()
        let document = try await f.file("doc", batch: try await f.upload("keep me"))
        let url = "http://localhost/nuxeo/nxfile/default/\(document.id)/file:content/hello.txt?changeToken=0-0"
        let input = BlobInput(baseURL: "http://localhost/nuxeo/")
        let kept = try await f.repository.update(.id(document.id), properties: ["file:content": ["data": .string(url), "name": "other"]],
                                                 changeToken: nil, userChange: true, principal: f.admin, blobs: input)
        #expect(kept.properties["file:content"] == document.properties["file:content"])
        let foreign = try await f.repository.update(.id(document.id), properties: ["file:content": ["data": "http://elsewhere/nuxeo/nxfile/x"]],
                                                    changeToken: nil, userChange: true, principal: f.admin, blobs: input)
        #expect(foreign.properties["file:content"] == document.properties["file:content"], "another server's URL leaves it unchanged")
        await #expect(throws: NXError.self) {
            _ = try await f.repository.update(.id(document.id), properties: ["file:content": ["data": "http://localhost/nuxeo/nxfile/default/nope/file:content"]],
                                              changeToken: nil, userChange: true, principal: f.admin, blobs: input)
        }
        let removed = try await f.repository.update(.id(document.id), properties: ["file:content": .null], changeToken: nil, userChange: true,
                                                    principal: f.admin, blobs: input)
        #expect(removed.properties["file:content"] == nil)
    }

    @Test func blobValuesWithoutABlobContextAreRefused() async throws {
        let f = try await BlobFixture()
        await #expect(throws: NXError.self) {
            _ = try await f.repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "x",
                                              properties: ["file:content": ["digest": "5d41402abc4b2a76b9719d911017c592"]], principal: f.admin)
        }
    }

    @Test func listsAppendAndItemsAreRemoved() async throws {
        let f = try await BlobFixture()
        let document = try await f.file("doc", batch: try await f.upload("main"))
        let extra = BlobValue(name: "e.txt", mimeType: "text/plain", encoding: nil, digest: try f.binaries.store(Array("e".utf8)).digest,
                              digestAlgorithm: "MD5", length: 1)
        var updated = try await f.repository.setBlob(extra, at: "files:files", of: .id(document.id), principal: f.admin)
        updated = try await f.repository.setBlob(extra, at: "files", of: .id(document.id), principal: f.admin)
        #expect(updated.properties["files:files"]?.arrayValue?.count == 2)
        #expect(f.repository.holderBlobs(of: updated).map(\.xpath) == ["file:content", "files:files/0/file", "files:files/1/file"])
        #expect(try f.repository.blob(of: updated, xpath: "blobholder:2").xpath == "files:files/1/file")
        #expect(throws: NXError.self) { try f.repository.blob(of: updated, xpath: "blobholder:01") }
        #expect(throws: NXError.self) { try f.repository.blob(of: updated, xpath: "dc:title") }
        updated = try await f.repository.setBlob(nil, at: "files:files", of: .id(document.id), principal: f.admin)
        #expect(updated.properties["files:files"] == nil)
    }

    @Test func versionsAndCopiesShareBinariesAndTheGCKeepsWhatIsReferenced() async throws {
        let clock = TestClock(Int64(Date().timeIntervalSince1970 * 1000))
        let f = try await BlobFixture(clock: { clock.now })
        let document = try await f.file("doc", batch: try await f.upload("shared content"))
        _ = try await f.repository.checkIn(.id(document.id), increment: .minor, principal: f.admin)
        let orphan = try f.binaries.store(Array("nobody".utf8))
        clock.now += 2 * 3_600_000
        let dry = try await f.repository.collectOrphanBinaries(delete: false)
        #expect(dry.numBinariesGC >= 1 && f.binaries.file(orphan.digest) != nil, "a dry run deletes nothing")
        // Deleting the live document keeps nothing of it; its version went with it (orphan version removal), so the
        // binary is then unreferenced too — but not while the version lives.
        try await f.batches.purgeExpired()
        let status = try await f.repository.collectOrphanBinaries(delete: true)
        #expect(f.binaries.file(orphan.digest) == nil)
        let content = try #require(BlobValue(stored: document.properties["file:content"]))
        #expect(f.binaries.file(content.digest) != nil, "referenced by the document and its version")
        #expect(status.numBinaries >= 1)
    }

    @Test func recentOrphansAreInTheirGracePeriod() async throws {
        let f = try await BlobFixture()
        let orphan = try f.binaries.store(Array("just uploaded".utf8))
        let status = try await f.repository.collectOrphanBinaries(delete: true)
        #expect(f.binaries.file(orphan.digest) != nil && status.numBinariesGC == 0)
    }

    @Test func theTextOfAFileIsFoundByFulltextAfterExtraction() async throws {
        let f = try await BlobFixture()
        _ = try await f.file("doc", batch: try await f.upload("the quick zanzibar fox", name: "notes.txt"))
        func count() async throws -> Int {
            try await f.repository.query("SELECT * FROM Document WHERE ecm:fulltext = 'zanzibar'",
                                         options: QueryOptions(request: PageRequest(pageSize: 10), principal: .system)).page.entries.count
        }
        #expect(try await count() == 0, "extraction is asynchronous")
        let worker = BinaryTextWorker(repository: f.repository)
        #expect(try await worker.drain() == 1)
        #expect(try await count() == 1)
        #expect(try await worker.drain() == 0, "the queue is empty")
    }

    @Test func pendingExtractionSurvivesARestart() async throws {
        let f = try await BlobFixture()
        _ = try await f.file("doc", batch: try await f.upload("persistent quasar", name: "q.txt"))
        let reopened = Repository(registry: f.repository.registry, store: try await TestStore.open(directory: f.directory), binaries: f.binaries)
        #expect(try await BinaryTextWorker(repository: reopened).drain() == 1)
        #expect(try await reopened.query("SELECT * FROM Document WHERE ecm:fulltext = 'quasar'",
                                        options: QueryOptions(request: PageRequest(pageSize: 10), principal: .system)).page.entries.count == 1)
    }
}
