import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing

/// A SQLite store moved into PostgreSQL: every table copied and verified by counts and checksums, and the copy serves
/// the same documents (live, versions, ACLs, fulltext), users and audit, and takes new documents. PostgreSQL pass only.
@Suite(.enabled(if: LocalPostgres.testBackend == .postgres)) struct StoreMigrationTests {
    @Test func aSQLiteStoreMovesToPostgreSQL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxmigrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let sqlite = try SQLiteStore(path: directory + "/nx.sqlite")
        let source = Repository(registry: NXSchemas.registry, store: sqlite)
        try await source.bootstrap()
        let users = UserDirectory(store: sqlite, cost: 4)
        try await users.seed()
        let folder = try await source.create(in: .path("/default-domain/workspaces"), type: "Folder", name: "moved", properties: ["dc:title": "Moved"],
                                             principal: .system)
        var notes: [DocumentRecord] = []
        for index in 0..<25 {
            notes.append(try await source.create(in: .id(folder.id), type: "Note", name: "n\(index)",
                                                 properties: ["dc:title": .string("Zebra note \(index)"), "dc:subjects": ["art", "sciences"]],
                                                 principal: .system))
        }
        _ = try await source.checkIn(.id(notes[0].id), increment: .minor, principal: .system)
        _ = try await source.setACE(.id(folder.id), ACE(username: "jdoe", permission: "Read", granted: true), acl: "local", overwrite: false,
                                    principal: .system)

        let endpoint = try await LocalPostgres.freshDatabase()
        let postgres = try await PostgresStore(endpoint: endpoint, readers: 2)
        let migration = StoreMigration(from: sqlite, to: postgres)
        let copied = try await migration.copy()
        let stored = try await sqlite.sql.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM documents") }
        #expect(copied["documents"] == stored && (stored ?? 0) > 26)
        let report = try await migration.verify()
        #expect(!report.isEmpty && report.allSatisfy(\.matches), "\(report.filter { !$0.matches })")
        #expect(report.first { $0.name == "audit_log" }?.rows ?? 0 > 25)

        // A second copy is refused: the target holds documents.
        await #expect(throws: NXError.self) { try await migration.copy() }

        let target = Repository(registry: NXSchemas.registry, store: postgres)
        let options = QueryOptions(request: PageRequest(pageSize: 0), principal: .system)
        let zebras = try await target.query("SELECT * FROM Note WHERE ecm:fulltext = 'zebra' AND ecm:isVersion = 0", options: options)
        #expect(zebras.page.resultsCount == 25)
        let versions = try await target.query("SELECT * FROM Note WHERE ecm:isVersion = 1", options: options)
        #expect(versions.page.resultsCount == 1)
        let reader = Principal(name: "jdoe")
        #expect(try await target.document(.id(notes[3].id), principal: reader).properties["dc:title"] == "Zebra note 3")
        #expect(try await UserDirectory(store: postgres, cost: 4).authenticate(name: "Administrator", password: "Administrator") != nil)
        // New rows continue after the copied ones.
        let added = try await target.create(in: .id(folder.id), type: "Note", name: "after", properties: nil, principal: .system)
        #expect(try await target.document(.id(added.id)).name == "after")
        await postgres.close()
    }
}
