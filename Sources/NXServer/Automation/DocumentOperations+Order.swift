import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Document.Order` (Nuxeo's OrderDocument).
extension DocumentOperations {
    /// Places each input document before `before` among its parent's children, or last without `before`, and answers it
    /// re-read. `before` is looked up by name in the input's parent (Nuxeo's `orderBefore(parent, name, before name)`);
    /// no child of that name → 400 `The document can only be ordered within the same folder.` (Nuxeo's message; its
    /// NuxeoException makes it a 500 there). Reordering changes the parent: it needs WriteProperties on it (Nuxeo checks
    /// nothing). A parent that is not orderable is left as it is.
    func documentOrder(_ input: Value, _ params: DocumentOrderParams, context: Context) async throws -> Value {
        var before: DocumentRecord?
        if let ref = params.before { before = try await context.repository.document(ref, principal: context.principal) }
        let beforeName = before?.name
        return try await context.each(input) { document in
            guard let parentId = document.parentId else { throw NXError.invalid("Cannot order \(document.id): it has no parent") }
            do {
                try await context.repository.orderBefore(parent: .id(parentId), source: document.name, before: beforeName,
                                                         principal: context.principal)
            } catch let error as NXError where error.code == .notFound {
                throw NXError.invalid(Self.notSameFolder)
            }
            return try await context.repository.document(.id(document.id), principal: context.principal)
        }
    }

    /// Nuxeo's OrderDocument.NOT_SAME_FOLDER_ERROR_MSG.
    static let notSameFolder = "The document can only be ordered within the same folder."
}
