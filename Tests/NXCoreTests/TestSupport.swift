import Foundation
import NXCore
import NXSchemas

/// A repository on a fresh SQLite file in a temporary directory, with a controllable clock.
func makeRepository(clock: Int64 = 1_700_000_000_000) async throws -> Repository {
    try await makeRepository(clock: { clock })
}

/// A repository on a fresh SQLite file whose clock is `clock`.
func makeRepository(clock: @escaping @Sendable () -> Int64) async throws -> Repository {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxcore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try await TestStore.open(directory: directory.path)
    let repository = Repository(registry: NXSchemas.registry, store: store, now: clock)
    try await repository.bootstrap()
    return repository
}
