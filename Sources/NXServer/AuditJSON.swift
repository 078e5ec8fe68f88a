import NXCore
import NXModel
import NXRuntime

/// `logEntry` / `logEntries` entities of audit entries (Nuxeo's LogEntryJsonWriter).
enum AuditJSON {
    static func entity(_ e: AuditEntry) -> LogEntryEntity {
        LogEntryEntity(
            id: Int(e.id), category: e.category, principalName: e.principalName, comment: e.comment, docLifeCycle: e.docLifeCycle,
            docPath: e.docPath, docType: e.docType, docUUID: e.docUUID, eventId: e.eventId, repositoryId: e.repositoryId,
            eventDate: NXDate.format(millis: e.eventDate), logDate: NXDate.format(millis: e.logDate), extended: e.extended)
    }

    static func page(_ page: Page<AuditEntry>) -> LogEntriesEntity {
        LogEntriesEntity(page: page.map(entity))
    }
}
