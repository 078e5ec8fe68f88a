import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// Fetch, filter and session operations added to Spec/operations/repository.yaml and document.yaml.
extension DocumentOperations {
    /// The input document(s), as they are.
    func contextFetchDocument(_ input: Value, _ params: ContextFetchDocumentParams, context: Context) async throws -> Value {
        try await context.each(input) { $0 }
    }

    /// The input document(s) read again from the repository.
    func documentReload(_ input: Value, _ params: DocumentReloadParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.document(.id($0.id), principal: context.principal) }
    }

    /// nx saves every change when it is made: the input document(s) as stored.
    func documentSave(_ input: Value, _ params: DocumentSaveParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.document(.id($0.id), principal: context.principal) }
    }

    /// Documents whose `property` is one of `values` (and that match the `query` condition), every match (at most 10,000).
    func documentFetchByProperty(_ input: Value, _ params: DocumentFetchByPropertyParams, context: Context) async throws -> Value {
        guard !params.values.isEmpty else { return .documents([]) }
        let literals = params.values.map(Self.nxqlString)
        var nxql = "SELECT * FROM Document WHERE \(params.property)"
        nxql += literals.count == 1 ? " = \(literals[0])" : " IN (\(literals.joined(separator: ", ")))"
        if let query = params.query, !query.trimmingWhitespace.isEmpty { nxql += " AND (\(query))" }
        let options = QueryOptions(request: PageRequest(pageSize: 0), maxPageSize: 10_000, principal: context.principal)
        return .documents(try await context.repository.query(nxql, options: options).page.entries)
    }

    /// A page of the named page provider, with its `?` parameters, named parameters, quick filters and sort.
    func repositoryPageProvider(_ input: Value, _ params: RepositoryPageProviderParams, context: Context) async throws -> Value {
        guard params.language.uppercased() == "NXQL" else { throw NXError.invalid("Unsupported query language: \(params.language)") }
        guard let definition = context.repository.registry.pageProviders[params.providerName] else {
            throw NXError.notFound("Unknown page provider: \(params.providerName)")
        }
        let user = context.principal.name, repository = context.repository.name
        let sort = Self.sortKeys(params.sortBy, params.sortOrder)
        let named = Self.named(params.namedParameters).mapValues { SearchExecutor.substitute($0, principal: user, repository: repository) }
        let ordered = (params.queryParams ?? []).map { SearchExecutor.substitute($0, principal: user, repository: repository) }
        let options = QueryOptions(
            request: PageRequest(pageSize: params.pageSize, currentPageIndex: params.currentPageIndex, offset: params.offset, sort: sort),
            defaultPageSize: definition.pageSize, maxPageSize: definition.maxPageSize ?? 1000,
            defaultMaxResults: definition.properties["maxResults"], highlightFields: params.highlights ?? [], principal: context.principal)
        let result = try await context.repository.run(provider: definition, parameters: PageProviderParameters(ordered: ordered, named: named),
                                                      options: options, quickFilters: params.quickFilters ?? [])
        return .page(result.page)
    }

    /// The input documents that pass every given criterion: `types` (comma-separated), `facet`, `lifecycle` state,
    /// `pathStartsWith` and `class`. An MVEL `condition` is not evaluated yet (400).
    func documentFilter(_ input: Value, _ params: DocumentFilterParams, context: Context) async throws -> Value {
        if let condition = params.condition, !condition.trimmingWhitespace.isEmpty {
            throw NXError.invalid("Parameter 'condition' of operation Document.Filter is not supported yet: nx does not evaluate MVEL expressions")
        }
        let kind = try DocumentClassFilter(params.class)
        let types = params.types.map { Set($0.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }) }
        let result = try await context.documents(input).filter { document in
            if let types, !types.isEmpty, !types.contains(document.type) { return false }
            if let facet = params.facet, !facet.isEmpty, context.repository.registry.type(of: document)?.facets.contains(facet) != true { return false }
            if let lifecycle = params.lifecycle, !lifecycle.isEmpty, document.state != lifecycle { return false }
            if let prefix = params.pathStartsWith, !prefix.isEmpty, !document.path.hasPrefix(prefix) { return false }
            return kind.accepts(document)
        }
        return .documents(result)
    }

    /// Permanently deletes the trashed documents under the folderish `parent` (those the caller may remove).
    func documentEmptyTrash(_ input: Value, _ params: DocumentEmptyTrashParams, context: Context) async throws -> Value {
        let parent = try await context.repository.document(params.parent, principal: context.principal)
        guard context.repository.registry.type(of: parent)?.isFolderish == true else {
            throw NXError.invalid("Empty trash can only be performed on a Folderish document")
        }
        let nxql = "SELECT * FROM Document WHERE ecm:isTrashed = 1 AND ecm:isVersion = 0 AND ecm:path STARTSWITH \(Self.nxqlString(parent.path))"
        for _ in 0..<1000 {
            let options = QueryOptions(request: PageRequest(pageSize: 1000), maxPageSize: 1000, principal: context.principal)
            let page = try await context.repository.query(nxql, options: options).page.entries
            var deleted = 0
            for document in page {
                do {
                    try await context.repository.delete(.id(document.id), principal: context.principal)
                    deleted += 1
                } catch let error as NXError where error.code == .notFound {
                    continue
                }
            }
            if deleted == 0 { break }
        }
        return .void
    }

    /// Removes the named ACL of the input document(s).
    func documentRemoveACL(_ input: Value, _ params: DocumentRemoveACLParams, context: Context) async throws -> Value {
        try await context.each(input) { try await context.repository.removeACL(.id($0.id), acl: params.acl, principal: context.principal) }
    }

    /// An NXQL string literal (Nuxeo's `NXQL.escapeString`).
    static func nxqlString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

/// The `class` values of `Document.Filter` (Nuxeo's DocumentAttributeFilterFactory).
enum DocumentClassFilter {
    case any, regular, link, published, proxy, version, immutable, mutable

    /// Absent or `Any` → any; an unknown value → 400 naming the parameter.
    init(_ text: String?) throws {
        switch text {
        case nil, "", "Any": self = .any
        case "Regular Document": self = .regular
        case "Document Link": self = .link
        case "Published Document": self = .published
        case "Document Proxy": self = .proxy
        case "Document Version": self = .version
        case "Immutable Document": self = .immutable
        case "Mutable Document": self = .mutable
        case let other?: throw NXError.invalid("Invalid value '\(other)' for parameter 'class' of operation Document.Filter")
        }
    }

    func accepts(_ document: DocumentRecord) -> Bool {
        switch self {
        case .any: return true
        case .regular: return !document.isProxy && !document.isVersion
        case .link, .published, .proxy: return document.isProxy
        case .version: return document.isVersion
        case .immutable: return document.isVersion
        case .mutable: return !document.isVersion
        }
    }
}
