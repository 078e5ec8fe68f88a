import NXRuntime

extension Repository {
    /// A page of the children of a document: the page provider `CURRENT_DOC_CHILDREN` (not versions, not trashed,
    /// not hidden in navigation; default sort `dc:title` ascending; count limited to the page size).
    public func children(of ref: DocumentRef, request: PageRequest, defaultPageSize: Int = 50, principal: Principal) async throws -> Page<DocumentRecord> {
        guard let provider = registry.pageProviders["CURRENT_DOC_CHILDREN"] else {
            throw NXError.internal("page provider CURRENT_DOC_CHILDREN is not defined")
        }
        let parent = try await document(ref, principal: principal)
        let options = QueryOptions(request: request, defaultPageSize: defaultPageSize, maxPageSize: provider.maxPageSize ?? 1000,
                                   defaultMaxResults: provider.properties["maxResults"], principal: principal)
        return try await run(provider: provider, parameters: PageProviderParameters(ordered: [parent.id]), options: options).page
    }
}

extension Repository {
    /// Every live child of a document the principal may read (the `children` enricher, `Document.GetChildren`): in
    /// position order in an orderable folder (Nuxeo's `getChildren`), else in name order.
    public func childList(of document: DocumentRecord, principal: Principal) async throws -> [DocumentRecord] {
        guard !document.isVersion else { return [] }
        let id = document.id
        let byPosition = registry.isOrderable(document)
        let principalSet = try await self.principalSet(principal)
        return try await store.read { tx in
            try tx.children(of: id, readable: try self.readFilter(principal, set: principalSet, tx), byPosition: byPosition)
        }
    }
}

extension Repository {
    /// The child `name` of the document at `parentPath` (`parent` names the same document), created as `principal` with
    /// `type` and `properties` when it is missing; two callers at once create it once, the slower one reading the other's.
    func child(_ name: String, of parent: DocumentRef, at parentPath: String, creating type: String, properties: JSONObject? = nil,
               principal: Principal) async throws -> DocumentRecord {
        let path = parentPath == "/" ? "/" + name : parentPath + "/" + name
        if let existing = try? await document(.path(path)) { return existing }
        do {
            return try await create(in: parent, type: type, name: name, properties: properties, principal: principal, uniqueName: false)
        } catch let error as NXError where error.code == .conflict {
            return try await document(.path(path))
        }
    }
}
