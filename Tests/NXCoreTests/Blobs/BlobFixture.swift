import Foundation
import NXRuntime
@testable import NXCore
import NXSchemas

/// A repository with a binary store and a batch manager on a fresh directory.
struct BlobFixture {
    let directory: String
    let store: any SQLStore
    let binaries: LocalBinaryStore
    let repository: Repository
    let batches: BatchManager
    let admin = Principal.unrestricted("Administrator")

    init(algorithm: DigestAlgorithm = .md5, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxblob-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try await TestStore.open(directory: directory)
        binaries = try LocalBinaryStore(root: directory + "/binaries", digestAlgorithm: algorithm)
        repository = Repository(registry: NXSchemas.registry, store: store, now: clock, binaries: binaries)
        try await repository.bootstrap()
        batches = BatchManager(store: store, binaries: binaries, now: clock)
    }

    /// Uploads `text` as file 0 of a new batch; returns the batch id.
    func upload(_ text: String, name: String = "hello.txt", mimeType: String? = "text/plain") async throws -> String {
        let batch = try await batches.create()
        let binary = try binaries.store(Array(text.utf8))
        _ = try await batches.storeFile(batch, index: "0", name: name, mimeType: mimeType, binary: binary)
        return batch
    }

    /// A File document in the workspaces whose `file:content` is the batch's file 0.
    func file(_ name: String, batch: String) async throws -> DocumentRecord {
        try await repository.create(
            in: .path("/default-domain/workspaces"), type: "File", name: name,
            properties: ["dc:title": .string(name), "file:content": ["upload-batch": .string(batch), "upload-fileId": "0"]],
            principal: admin, blobs: BlobInput(baseURL: "http://localhost/nuxeo/"))
    }
}
