import NXRuntime

extension Repository {
    /// The transitions allowed from a document's current state (empty for types without a lifecycle).
    public func allowedTransitions(_ document: DocumentRecord) -> [String] {
        guard let lifecycle = registry.type(document.type)?.lifecycle, let state = document.state else { return [] }
        return lifecycle.transitions.filter { $0.from.contains(state) }.map(\.name)
    }

    /// Follows a lifecycle transition (`Document.FollowLifecycleTransition`). A transition the current state does not allow,
    /// or a type without a lifecycle → 400. Recorded as `lifecycle_transition_event`. As in Nuxeo, `delete` and `undelete`
    /// are redirected to the trash; a checked-in document is checked out first.
    public func followTransition(_ ref: DocumentRef, transition: String, principal: Principal, comment: String? = nil) async throws -> DocumentRecord {
        if transition == "delete" { return try await trash(ref, principal: principal) }
        if transition == "undelete" { return try await untrash(ref, principal: principal) }
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            try self.checkWritable(document, principal: principal.name)
            try self.check("WriteLifeCycle", on: document, principal, tx)
            let from = document.state ?? "undefined"
            guard let lifecycle = self.registry.type(document.type)?.lifecycle,
                  let step = lifecycle.transitions.first(where: { $0.name == transition && $0.from.contains(from) })
            else {
                throw NXError.invalid("Not allowed to follow transition <\(transition)> from state <\(from)>")
            }
            document.state = step.to
            if self.isVersionable(document) { document.isCheckedOut = true }
            document.sysChangeToken += 1
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(
                AuditEvent.transition, document, principal: principal.name, time: time, category: AuditEvent.lifecycleCategory,
                comment: comment, extended: ["from": .string(from), "to": .string(step.to), "transition": .string(transition)]))
            return document
        }
    }
}
