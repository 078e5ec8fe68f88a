import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The audit operations of Spec/operations/audit.yaml.
extension DocumentOperations {
    /// Logs `event` (category `Automation` by default, `comment` empty by default) in the audit log of each input
    /// document, as the caller; returns the input document(s).
    func auditLogEvent(_ input: Value, _ params: AuditLogEventParams, context: Context) async throws -> Value {
        let documents = try await context.documents(input)
        try await context.repository.logEvent(params.event, category: params.category, comment: params.comment ?? "", on: documents,
                                              principal: context.principal)
        return try await context.each(input) { $0 }
    }
}
