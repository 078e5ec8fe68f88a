import NXRuntime

extension Repository {
    /// A page of the children of a document (page provider `CURRENT_DOC_CHILDREN`: not versions, not trashed, not hidden,
    /// default sort `dc:title` ascending, count limited to the page size).
    public func children(of ref: DocumentRef, request: PageRequest, defaultPageSize: Int = 50) async throws -> Page<DocumentRecord> {
        let pagination = Pagination(request, defaultPageSize: defaultPageSize, defaultMaxResults: "PAGE_SIZE")
        let sort = try validatedSort(request.sort ?? [SortKey(property: "dc:title", ascending: true)])
        let hidden = hiddenTypes
        return try await store.read { tx in
            let parent = try Self.resolve(ref, tx)
            let rows = try tx.children(parentId: parent.id, hiddenTypes: hidden, sort: sort, limit: pagination.limit, offset: pagination.offset)
            let count = try tx.countChildren(parentId: parent.id, hiddenTypes: hidden, upTo: pagination.maxResults)
            return pagination.page(rows, counted: count)
        }
    }

    /// Sort keys must be `ecm:` core properties or properties of a known schema → else 400.
    func validatedSort(_ keys: [SortKey]) throws -> [SortKey] {
        let core: Set<String> = ["ecm:name", "ecm:path", "ecm:uuid", "ecm:primaryType", "ecm:pos", "ecm:currentLifeCycleState"]
        for key in keys where !core.contains(key.property) {
            let parts = key.property.split(separator: ":", maxSplits: 1)
            let known = parts.count == 2 && registry.schemas.values.contains { schema in
                (schema.prefix == parts[0] || schema.name == parts[0]) && schema.fields.contains { $0.name == parts[1] }
            }
            if !known { throw NXError.invalid("Failed to execute query: No such property: \(key.property)") }
        }
        return keys.map { key in
            let parts = key.property.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let schema = registry.schemas.values.first(where: { $0.name == parts[0] && $0.prefix != $0.name }) else { return key }
            return SortKey(property: "\(schema.prefix):\(parts[1])", ascending: key.ascending)
        }
    }
}
