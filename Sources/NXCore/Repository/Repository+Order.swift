import NXRuntime

/// Children order in orderable folders (types with the `Orderable` facet), as Nuxeo's repositories keep it: each child
/// has a position (`ecm:pos`); a new child (created, copied, published) goes last; a moved document keeps the position
/// it had; `orderBefore` renumbers the children. Elsewhere children have no position.
extension Repository {
    /// The position of a new child of `parent`: one after the highest when the parent is orderable (0 for the first),
    /// else nil (Nuxeo's `getNextPos`).
    func nextPosition(in parent: DocumentRecord, _ tx: any DocumentReading) throws -> Int64? {
        guard registry.isOrderable(parent) else { return nil }
        guard let last = try tx.lastChildPosition(of: parent.id) else { return 0 }
        let (next, overflow) = last.addingReportingOverflow(1)
        guard !overflow else { throw NXError.internal("No position left after \(last) in \(parent.id)") }
        return next
    }

    /// Places the child named `source` of `parent` just before its child named `before`, or last when `before` is nil
    /// (Nuxeo's `CoreSession.orderBefore`), then numbers every child from 0 in the new order. The same name twice, or no
    /// `source`, changes nothing. A name that is not a child → 404 `Document <parent id> has no child: <name>`. A parent
    /// that is not orderable is left as it is, without error, as Nuxeo does. Reordering needs WriteProperties on the parent
    /// (Nuxeo checks no permission, which would let a reader reorder); nothing is audited (Nuxeo's
    /// `documentChildrenOrderChanged` event is not in the audit).
    public func orderBefore(parent ref: DocumentRef, source: String?, before: String?, principal: Principal) async throws {
        guard let source, source != before else { return }
        _ = try await document(ref, principal: principal)
        try await write { tx in
            let parent = try Self.resolve(ref, tx)
            try self.check("WriteProperties", on: parent, principal, tx)
            let children = try tx.childPositions(of: parent.id)
            guard let moved = children.first(where: { $0.name == source }) else {
                throw NXError.notFound("Document \(parent.id) has no child: \(source)")
            }
            if let before, !children.contains(where: { $0.name == before }) {
                throw NXError.notFound("Document \(parent.id) has no child: \(before)")
            }
            guard self.registry.isOrderable(parent) else { return }
            var order = children.filter { $0.id != moved.id }
            let slot = before.flatMap { name in order.firstIndex { $0.name == name } } ?? order.endIndex
            order.insert(moved, at: slot)
            for (index, child) in order.enumerated() where child.position != Int64(index) {
                try tx.setPosition(Int64(index), of: child.id)
            }
        }
    }
}
