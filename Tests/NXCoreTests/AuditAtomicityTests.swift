import Foundation
import GRDB
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing

/// The audit entry and the change it records commit together: when the audit insert fails, the change is rolled back.
@Suite struct AuditAtomicityTests {
    /// A repository whose audit log refuses `event` (an SQLite trigger aborts the insert).
    func repository(refusing event: String) async throws -> (Repository, SQLiteStore) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxcore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("nx.sqlite").path)
        let repository = Repository(registry: NXSchemas.registry, store: store)
        try await repository.bootstrap()
        try await store.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_event BEFORE INSERT ON audit_log WHEN NEW.event_id = '\(event)'
                BEGIN SELECT RAISE(ABORT, 'audit refused'); END
                """)
        }
        return (repository, store)
    }

    @Test func aFailedAuditInsertRollsBackTheChange() async throws {
        let (repository, _) = try await repository(refusing: "documentModified")
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "f", properties: ["dc:title": "A"],
                                              principal: .system)
        await #expect(throws: (any Error).self) {
            _ = try await repository.update(.id(doc.id), properties: ["dc:title": "B"], changeToken: nil, userChange: false, principal: .system)
        }
        let stored = try await repository.document(.id(doc.id))
        #expect(stored.properties["dc:title"] == "A" && stored.sysChangeToken == doc.sysChangeToken)
    }

    @Test func aFailedAuditInsertLeavesNoDocumentBehind() async throws {
        let (repository, _) = try await repository(refusing: "documentCreated")
        await #expect(throws: (any Error).self) {
            _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "ghost", properties: nil, principal: .system)
        }
        await #expect(throws: NXError.notFound("/default-domain/workspaces/ghost")) {
            _ = try await repository.document(.path("/default-domain/workspaces/ghost"))
        }
    }

    @Test func aFailedAuditInsertKeepsTheTrashAndVersionsUnchanged() async throws {
        let (repository, _) = try await repository(refusing: "documentCheckedIn")
        let doc = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "v", properties: nil, principal: .system)
        await #expect(throws: (any Error).self) { _ = try await repository.checkIn(.id(doc.id), increment: .major, principal: .system) }
        #expect(try await repository.versions(of: .id(doc.id), principal: .system).isEmpty)
        #expect(try await repository.document(.id(doc.id)).isCheckedOut)
    }
}
