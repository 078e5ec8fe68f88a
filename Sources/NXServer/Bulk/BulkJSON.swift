import NXAPI
import NXCore
import NXModel
import NXRuntime

/// `bulkStatus` entities (server-behaviour-2.md §7.1).
enum BulkJSON {
    static func status(_ c: BulkCommand) -> BulkStatusEntity {
        BulkStatusEntity(
            commandId: c.id, state: c.state.rawValue, processed: c.processed, skipCount: c.skipCount, error: c.errorCount > 0,
            errorCount: c.errorCount, errorMessage: c.errorMessage, total: c.total, action: c.action, username: c.username,
            submitted: instant(c.submitted), scrollStart: c.scrollStart.map(instant), scrollEnd: c.scrollEnd.map(instant),
            processingStart: c.processingStart.map(instant), processingEnd: c.processingEnd.map(instant), completed: c.completed.map(instant),
            processingMillis: Int(clamping: c.processingMillis), result: c.result.isEmpty ? nil : c.result)
    }

    /// Java's `Instant.toString()`: ISO-8601 UTC, milliseconds only when not zero.
    static func instant(_ millis: Int64) -> String {
        let text = NXDate.format(millis: millis)
        return text.hasSuffix(".000Z") ? String(text.dropLast(5)) + "Z" : text
    }
}
