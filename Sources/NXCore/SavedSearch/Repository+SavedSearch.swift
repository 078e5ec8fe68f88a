import NXRuntime

extension Repository {
    /// Document type of saved searches.
    static let savedSearchType = "SavedSearch"

    /// The caller's personal workspace `/default-domain/UserWorkspaces/<user>`, created on first use.
    func userWorkspace(_ principal: String) async throws -> DocumentRecord {
        let rootPath = "/default-domain/UserWorkspaces"
        if (try? await document(.path(rootPath))) == nil {
            _ = try await create(in: .path("/default-domain"), type: "UserWorkspacesRoot", name: "UserWorkspaces",
                                 properties: ["dc:title": "User workspaces"], principal: "system", uniqueName: false)
        }
        if let workspace = try? await document(.path(rootPath + "/" + Self.pathSegment(principal))) { return workspace }
        return try await create(in: .path(rootPath), type: "Workspace", name: principal, properties: ["dc:title": .string(principal)],
                                principal: principal, uniqueName: false)
    }

    /// Validates and stores a new saved search in the caller's workspace (name = title).
    public func createSavedSearch(_ search: SavedSearch, principal: String) async throws -> SavedSearch {
        try search.validate()
        let workspace = try await userWorkspace(principal)
        let document = try await create(in: .id(workspace.id), type: Self.savedSearchType, name: search.title ?? "search",
                                        properties: search.properties, principal: principal)
        return SavedSearch(document)
    }

    /// Saved searches, optionally of one page provider, sorted by title.
    public func savedSearches(provider: String?) async throws -> [SavedSearch] {
        var nxql = "SELECT * FROM \(Self.savedSearchType) WHERE ecm:isProxy = 0 AND ecm:isVersion = 0 AND ecm:isTrashed = 0"
        if let provider { nxql += " AND saved:providerName = \(PageProviderQuery.escape(provider))" }
        let result = try await query(nxql + " ORDER BY dc:title", options: QueryOptions(request: PageRequest(pageSize: 0)))
        return result.page.entries.map(SavedSearch.init)
    }

    /// A saved search by id; anything else → 404 with the id.
    public func savedSearch(id: String) async throws -> SavedSearch {
        let document = try await self.document(.id(id))
        guard document.type == Self.savedSearchType else { throw NXError.notFound(id) }
        return SavedSearch(document)
    }

    /// Replaces the stored fields of a saved search.
    public func updateSavedSearch(id: String, with search: SavedSearch, principal: String) async throws -> SavedSearch {
        _ = try await savedSearch(id: id)
        try search.validate()
        return SavedSearch(try await update(.id(id), properties: search.properties, changeToken: nil, userChange: false, principal: principal))
    }

    /// Deletes a saved search.
    public func deleteSavedSearch(id: String) async throws {
        _ = try await savedSearch(id: id)
        try await delete(.id(id))
    }
}
