@testable import NXCore
import NXRuntime
import Testing

/// Nuxeo's audit query form (`from LogEntry log where …`) compiled to a condition on the audit log, and run with the
/// caller's read rights.
@Suite struct AuditLogQueryTests {
    @Test func aQueryBecomesABoundConditionAndAnOrder() throws {
        let query = try AuditLogQuery.parse(
            "from LogEntry log where log.docUUID = :doc and log.eventId IN ('a', 'b') order by log.eventDate desc",
            named: ["doc": "x' OR '1' = '1"])
        #expect(query.condition.sql == "(doc_uuid = ? AND event_id IN (?, ?))")
        #expect(query.condition.arguments == [.text("x' OR '1' = '1"), .text("a"), .text("b")])
        #expect(query.orderBy == "event_date DESC, id DESC")
    }

    @Test func positionalParametersDatesAndQuotedColons() throws {
        let query = try AuditLogQuery.parse(
            "select log from LogEntry as log where log.comment = 'a :b ?' and log.eventDate >= ? and log.id > ?2",
            ordered: ["{d 2024-01-02}", "7"])
        #expect(query.condition.sql == "(comment = ? AND event_date >= ? AND id > ?)")
        #expect(query.condition.arguments == [.text("a :b ?"), .integer(1_704_153_600_000), .integer(7)])
        #expect(query.orderBy == "id ASC")
    }

    @Test func aSortReplacesTheQueryOrder() throws {
        let query = try AuditLogQuery.parse("from LogEntry log order by log.category", sort: [SortKey(property: "log.principalName", ascending: true)])
        #expect(query.orderBy == "principal ASC, id ASC")
        #expect(query.condition.sql == "1 = 1")
    }

    @Test(arguments: [
        "from Document d",
        "from LogEntry log where log.nothing = 'x'",
        "from LogEntry log where log.eventId = :missing",
        "from LogEntry log where log.eventId = ?",
        "from LogEntry log where log.id = 'seven'",
        "from LogEntry log where log.eventDate > 'yesterday'",
        "from LogEntry log where (log.eventId = 'a'",
        "from LogEntry log order by log.eventId sideways",
        "select count(log.id) from LogEntry log",
    ])
    func badQueriesAre400s(_ text: String) {
        do {
            _ = try AuditLogQuery.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.code == .invalidArgument && error.message.hasPrefix("Invalid audit query: "))
        }
    }

    @Test func othersReadOnlyTheEntriesOfDocumentsTheyMayRead() async throws {
        let repository = try await makeRepository()
        let open = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "open", properties: nil, principal: .system)
        let hidden = try await repository.create(in: .path("/default-domain/workspaces"), type: "File", name: "hidden", properties: nil, principal: .system)
        _ = try await repository.blockInheritance(.id(hidden.id), principal: .unrestricted("owner"))
        let query = try AuditLogQuery.parse("from LogEntry log where log.eventId = 'documentCreated' and log.docPath LIKE '/default-domain/workspaces/%'")
        let member = Principal(name: "joe", groups: ["members"])
        let asMember = try await repository.auditEntries(query, request: PageRequest(pageSize: 0), principal: member)
        #expect(asMember.entries.map(\.docUUID) == [open.id])
        let asAdmin = try await repository.auditEntries(query, request: PageRequest(pageSize: 1), principal: .system)
        #expect(asAdmin.resultsCount == 2 && asAdmin.entries.map(\.docUUID) == [open.id])
    }
}
