import NXRuntime

extension Repository {
    /// Document type of saved searches.
    static let savedSearchType = "SavedSearch"

    /// Validates and stores a new saved search in the caller's workspace (name = title), as its provider's search
    /// document when it has one (`DefaultSearch`): `params` naming that document's fields are stored in them.
    public func createSavedSearch(_ search: SavedSearch, principal: Principal) async throws -> SavedSearch {
        try search.validate()
        var search = search
        let type = registry.savedSearchType(provider: search.providerName)
        (search.searchProperties, search.namedParams) = try SavedSearch.split(search.namedParams, typeName: type, registry: registry)
        let workspace = try await userWorkspace(principal)
        let document = try await create(in: .id(workspace.id), type: type, name: Self.derivedName(search.title ?? "search"),
                                        properties: search.properties, principal: principal)
        return SavedSearch(document, registry: registry)
    }

    /// Saved searches the principal can read, optionally of one page provider, sorted by title.
    public func savedSearches(provider: String?, principal: Principal) async throws -> [SavedSearch] {
        var nxql = "SELECT * FROM \(Self.savedSearchType) WHERE ecm:isProxy = 0 AND ecm:isVersion = 0 AND ecm:isTrashed = 0"
        if let provider { nxql += " AND saved:providerName = \(PageProviderQuery.escape(provider))" }
        let result = try await query(nxql + " ORDER BY dc:title", options: QueryOptions(request: PageRequest(pageSize: 0), principal: principal))
        return result.page.entries.map { SavedSearch($0, registry: registry) }
    }

    /// A saved search by id; anything else → 404 with the id; not readable → 403.
    public func savedSearch(id: String, principal: Principal) async throws -> SavedSearch {
        let document = try await self.document(.id(id), principal: principal)
        guard registry.type(of: document)?.facets.contains(Self.savedSearchType) == true else { throw NXError.notFound(id) }
        return SavedSearch(document, registry: registry)
    }

    /// Replaces the stored fields of a saved search; `params` naming its search document's fields set them.
    public func updateSavedSearch(id: String, with search: SavedSearch, principal: Principal) async throws -> SavedSearch {
        let current = try await savedSearch(id: id, principal: principal)
        try search.validate()
        var search = search
        let type = current.type ?? Self.savedSearchType
        (search.searchProperties, search.namedParams) = try SavedSearch.split(search.namedParams, typeName: type, registry: registry)
        let document = try await update(.id(id), properties: search.properties, changeToken: nil, userChange: false, principal: principal)
        return SavedSearch(document, registry: registry)
    }

    /// Deletes a saved search.
    public func deleteSavedSearch(id: String, principal: Principal) async throws {
        _ = try await savedSearch(id: id, principal: principal)
        try await delete(.id(id), principal: principal)
    }
}
