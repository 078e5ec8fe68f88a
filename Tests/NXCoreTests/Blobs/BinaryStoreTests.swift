import Foundation
import Testing
@testable import NXCore

@Suite struct BinaryStoreTests {
    func store(_ algorithm: DigestAlgorithm = .md5) throws -> LocalBinaryStore {
        try LocalBinaryStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("bin-\(UUID().uuidString)").path,
                             digestAlgorithm: algorithm)
    }

    @Test func contentIsNamedByItsDigestInShardedDirectories() throws {
        let store = try store()
        let binary = try store.store(Array("hello".utf8))
        #expect(binary == StoredBinary(digest: "5d41402abc4b2a76b9719d911017c592", length: 5))
        let path = try #require(store.file(binary.digest))
        #expect(path.hasSuffix("/5d/41/5d41402abc4b2a76b9719d911017c592"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("hello".utf8))
    }

    @Test func sha256IsConfigurable() throws {
        let binary = try store(.sha256).store(Array("hello".utf8))
        #expect(binary.digest == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    @Test func identicalContentIsStoredOnce() throws {
        let store = try store()
        let a = try store.store(Array(repeating: 7, count: 10_000))
        let b = try store.store(Array(repeating: 7, count: 10_000))
        #expect(a == b)
        #expect(try store.list().count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/tmp").isEmpty)
    }

    @Test func streamedWritesHashAcrossChunks() throws {
        let store = try store()
        let writer = try store.makeWriter(limit: nil)
        for piece in ["hel", "lo"] { try writer.append(Array(piece.utf8)) }
        #expect(try writer.finish().digest == "5d41402abc4b2a76b9719d911017c592")
    }

    @Test func aWriterOverItsLimitFailsAndLeavesNothing() throws {
        let store = try store()
        let writer = try store.makeWriter(limit: 4)
        #expect(throws: BinaryStoreError.tooLarge(limit: 4)) { try writer.append(Array("hello".utf8)) }
        writer.cancel()
        #expect(try store.list().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/tmp").isEmpty)
    }

    @Test func aCancelledWriteLeavesNoFile() throws {
        let store = try store()
        let writer = try store.makeWriter(limit: nil)
        try writer.append(Array("partial".utf8))
        writer.cancel()
        #expect(try store.list().isEmpty)
    }

    @Test func namesThatAreNotDigestsNeverReachTheFileSystem() throws {
        let store = try store()
        #expect(store.file("../../etc/passwd") == nil)
        #expect(store.file("5D41402ABC4B2A76B9719D911017C592") == nil)
        try store.remove("../x")
    }

    @Test func copyConcatenatesWithoutLoadingWhole() throws {
        let store = try store()
        let a = try store.store(Array("hel".utf8)), b = try store.store(Array("lo".utf8))
        let writer = try store.makeWriter(limit: nil)
        try store.copy(a.digest, into: writer)
        try store.copy(b.digest, into: writer)
        #expect(try writer.finish() == StoredBinary(digest: "5d41402abc4b2a76b9719d911017c592", length: 5))
    }
}
