import NXRuntime

/// Instance facets: facets added to one document beyond its type's (Nuxeo's `DocumentModel.addFacet` / `removeFacet`
/// followed by `saveDocument`). The schemas a facet brings become the document's: listed in its `schemas`, its
/// properties readable and writable on that document only.
extension Repository {
    /// Adds the declared facet `facet` to a document and saves it. A facet the document already has (of its type or added
    /// before) changes nothing. An undeclared facet → 400 `No such facet: <facet>` (Nuxeo's IllegalArgumentException).
    /// Saving needs WriteProperties and follows `update`: Dublin Core stamped, a checked-in document checked out,
    /// audited `documentModified`. Versions and proxies cannot be changed.
    public func addFacet(_ facet: String, to ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let registry = self.registry
        // Checked before the save and its permission check, as Nuxeo's addFacet throws before saveDocument runs.
        guard registry.facets[facet] != nil else { throw NXError.invalid("No such facet: \(facet)") }
        return try await changeFacets(of: ref, principal: principal) { document in
            guard let type = registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
            if type.facets.contains(facet) { return false }
            document.instanceFacets.append(facet)
            return true
        }
    }

    /// Removes the instance facet `facet` from a document and saves it; the properties of the schemas only that facet
    /// brought are cleared. A facet the document did not get per instance (a facet of its type, an unknown one) changes
    /// nothing, as Nuxeo's `removeFacet` answers false. Saving as `addFacet`.
    public func removeFacet(_ facet: String, from ref: DocumentRef, principal: Principal) async throws -> DocumentRecord {
        let registry = self.registry
        return try await changeFacets(of: ref, principal: principal) { document in
            guard document.instanceFacets.contains(facet) else { return false }
            guard let before = registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
            document.instanceFacets.removeAll { $0 == facet }
            guard let after = registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
            for schema in before.schemas where !after.hasSchema(schema.name) {
                for field in schema.fields { document.properties["\(schema.prefix):\(field.name)"] = JSONValue?.none }
            }
            return true
        }
    }

    /// Applies `change` to the stored document in one write transaction and saves the result when `change` reports a
    /// change; the checks and side effects of a save are `update`'s.
    private func changeFacets(of ref: DocumentRef, principal: Principal,
                              _ change: @escaping @Sendable (inout DocumentRecord) throws -> Bool) async throws -> DocumentRecord {
        let time = now()
        return try await write { tx in
            var document = try Self.resolve(ref, tx)
            try self.checkWritable(document, principal: principal.name)
            try self.check("WriteProperties", on: document, principal, tx)
            guard try change(&document) else { return document }
            guard let type = self.registry.type(of: document) else { throw NXError.internal("type \(document.type) unknown") }
            Self.applyDublinCore(&document.properties, type: type, principal: principal.name, time: time, creating: false)
            document.modified = time
            document.sysChangeToken += 1
            if !document.isCheckedOut && self.isVersionable(document) { document.isCheckedOut = true }
            try tx.update(document)
            try tx.appendAudit(self.auditEntry(AuditEvent.modified, document, principal: principal.name, time: time))
            return document
        }
    }
}
