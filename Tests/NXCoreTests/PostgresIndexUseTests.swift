import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing

/// The statements a query on a hot property compiles to are served by its covering index on PostgreSQL
/// (`PostgresMigrations.propertyColumns`): the count and the page's row ids read the index only, with the ACL filter
/// of a non-administrator, and an equality's first page in rowid order needs no sort. PostgreSQL pass only.
@Suite(.enabled(if: LocalPostgres.testBackend == .postgres)) struct PostgresIndexUseTests {
    @Test func hotPropertyQueriesReadTheirIndexOnly() async throws {
        let store = try await PostgresStore(endpoint: try await LocalPostgres.freshDatabase(), readers: 2)
        let repository = Repository(registry: NXSchemas.registry, store: store)
        try await repository.bootstrap()
        for index in 0..<40 {
            _ = try await repository.create(in: .path("/default-domain/workspaces"), type: "Note", name: "n\(index)",
                                            properties: ["dc:source": .string("source\(index % 4)"), "dc:issued": .string("2022-03-0\(index % 9 + 1)T10:00:00.000Z")],
                                            principal: .system)
        }
        // A member's read grants, recorded before the statistics are gathered (as on a server that has served the user).
        let member = Principal(name: "joe", groups: ["members"])
        let set = try await repository.principalSet(member)
        try await store.directly { db in try db.execute("VACUUM (ANALYZE) documents, read_acl_grants") }

        for (nxql, index) in [("SELECT * FROM Document WHERE dc:source = 'source2'", "documents_dc_source"),
                              ("SELECT * FROM Document WHERE dc:issued BETWEEN DATE '2022-03-02' AND DATE '2022-03-04'", "documents_dc_issued")] {
            let readable = try await repository.store.read { tx in try repository.readFilter(member, set: set, tx) }
            let compiled = Repository.restrict(try repository.compile(nxql, sort: nil), to: readable)
            let plans = try await store.sql.read { db -> [String] in
                // A 40-document table is read whole by default; the question is whether the index can serve alone.
                try db.execute("SET LOCAL enable_seqscan = off")
                try db.execute("SET LOCAL enable_bitmapscan = off")
                let explain = { (sql: String, arguments: [SQLValue]) in
                    try db.values(String.self, "EXPLAIN " + sql, arguments).joined(separator: "\n")
                }
                return [try explain(SQLSession.countStatement(compiled, bounded: false), compiled.condition.arguments),
                        try explain(SQLSession.pageStatement(compiled, selecting: "d.rowid"), compiled.condition.arguments + [.integer(20), .integer(0)])]
            }
            for plan in plans {
                #expect(plan.contains("Index Only Scan using \(index)"), "\(nxql):\n\(plan)")
            }
            if index == "documents_dc_source" { #expect(!plans[1].contains("Sort"), "\(plans[1])") }
        }
        await store.close()
    }
}
