import Foundation
import NXRuntime
import Testing
@testable import NXCore

@Suite struct BatchManagerTests {
    @Test func aNormalFileIsReplacedByAReupload() async throws {
        let f = try await BlobFixture()
        let batch = try await f.batches.create()
        #expect(batch.hasPrefix("batchId-"))
        _ = try await f.batches.storeFile(batch, index: "0", name: "a.txt", mimeType: nil, binary: try f.binaries.store(Array("one".utf8)))
        _ = try await f.batches.storeFile(batch, index: "0", name: "b.txt", mimeType: nil, binary: try f.binaries.store(Array("two!".utf8)))
        let files = try #require(try await f.batches.files(batch))
        #expect(files.count == 1)
        #expect(files[0].name == "b.txt" && files[0].binary?.length == 4)
    }

    @Test func chunksInAnyOrderAssembleInIndexOrder() async throws {
        let f = try await BlobFixture()
        let batch = try await f.batches.create()
        let pieces = ["ab", "cd", "e"]
        var last: BatchFile?
        for index in [2, 0, 1] {
            let chunk = ChunkInfo(index: index, count: 3, fileSize: 5)
            try await f.batches.checkChunk(batch, index: "0", chunk: chunk)
            last = try await f.batches.storeChunk(batch, index: "0", chunk: chunk, name: "x.txt", mimeType: "text/plain",
                                                  binary: try f.binaries.store(Array(pieces[index].utf8)))
            if index != 1 { #expect(last?.isComplete == false) }
        }
        let file = try #require(last)
        #expect(file.uploadedChunks == [0, 1, 2])
        let binary = try #require(file.binary)
        #expect(binary.length == 5)
        let path = try #require(f.binaries.file(binary.digest))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "abcde")
    }

    @Test func aChunkAlreadyReceivedOrOutOfRangeIsRefused() async throws {
        let f = try await BlobFixture()
        let batch = try await f.batches.create()
        let chunk = ChunkInfo(index: 0, count: 2, fileSize: 4)
        _ = try await f.batches.storeChunk(batch, index: "0", chunk: chunk, name: nil, mimeType: nil, binary: try f.binaries.store([1, 2]))
        await #expect(throws: NXError.self) { try await f.batches.checkChunk(batch, index: "0", chunk: chunk) }
        await #expect(throws: NXError.self) { try await f.batches.checkChunk(batch, index: "0", chunk: ChunkInfo(index: 2, count: 2, fileSize: 4)) }
        _ = try await f.batches.storeFile(batch, index: "1", name: nil, mimeType: nil, binary: try f.binaries.store([3]))
        do {
            try await f.batches.checkChunk(batch, index: "1", chunk: chunk)
            Issue.record("a chunk to a normal file was accepted")
        } catch let error as NXError {
            #expect(error.message == "Cannot add a chunk to a non chunked file entry.")
        }
    }

    @Test func batchesSurviveAReopenedStore() async throws {
        let f = try await BlobFixture()
        let batch = try await f.batches.create()
        _ = try await f.batches.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 0, count: 2, fileSize: 2), name: "r.bin", mimeType: nil,
                                           binary: try f.binaries.store([1]))
        let reopened = BatchManager(store: try await TestStore.open(directory: f.directory), binaries: f.binaries)
        let file = try #require(try await reopened.file(batch, index: "0"))
        #expect(file.uploadedChunks == [0] && !file.isComplete)
        let done = try await reopened.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 1, count: 2, fileSize: 2), name: nil, mimeType: nil,
                                                 binary: try f.binaries.store([2]))
        #expect(done.isComplete && done.name == "r.bin")
    }

    @Test func idleBatchesExpireAndArePurged() async throws {
        let clock = TestClock(1_000_000)
        let f = try await BlobFixture(clock: { clock.now })
        let batches = BatchManager(store: f.store, binaries: f.binaries, timeToLive: 1000, now: { clock.now })
        let batch = try await batches.create()
        clock.now += 2000
        #expect(try await batches.files(batch) == nil)
        #expect(try await batches.purgeExpired() == 1)
    }

    @Test func deletesAnswerWhetherSomethingExisted() async throws {
        let f = try await BlobFixture()
        let batch = try await f.upload("x")
        #expect(try await f.batches.delete(batch, index: "1") == false)
        #expect(try await f.batches.delete(batch, index: "0"))
        #expect(try await f.batches.delete(batch))
        #expect(try await f.batches.delete(batch) == false)
    }
}

/// A settable clock for expiry tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64
    init(_ value: Int64) { self.value = value }
    var now: Int64 {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

@Suite struct BatchAssemblyRecoveryTests {
    @Test func anInterruptedAssemblyCompletesOnTheNextLook() async throws {
        let f = try await BlobFixture()
        let batch = try await f.batches.create()
        let first = try f.binaries.store(Array("abc".utf8))
        _ = try await f.batches.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 0, count: 2, fileSize: 6), name: "r.txt", mimeType: nil,
                                           binary: first)
        // The first chunk's file disappears: assembling after the last chunk fails (as a crash or a full disk would).
        let path = try #require(f.binaries.file(first.digest))
        let saved = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: path)
        await #expect(throws: (any Error).self) {
            _ = try await f.batches.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 1, count: 2, fileSize: 6), name: nil, mimeType: nil,
                                               binary: try f.binaries.store(Array("def".utf8)))
        }
        try saved.write(to: URL(fileURLWithPath: path))
        let file = try #require(try await f.batches.file(batch, index: "0"))
        #expect(file.isComplete && file.binary?.length == 6)
    }

    @Test func anAssembledFileNeverExceedsTheLimit() async throws {
        let f = try await BlobFixture()
        let batches = BatchManager(store: f.store, binaries: f.binaries, maxLength: 4)
        let batch = try await batches.create()
        _ = try await batches.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 0, count: 2, fileSize: 4), name: nil, mimeType: nil,
                                         binary: try f.binaries.store(Array("abc".utf8)))
        await #expect(throws: BinaryStoreError.tooLarge(limit: 4)) {
            _ = try await batches.storeChunk(batch, index: "0", chunk: ChunkInfo(index: 1, count: 2, fileSize: 4), name: nil, mimeType: nil,
                                             binary: try f.binaries.store(Array("def".utf8)))
        }
    }
}
