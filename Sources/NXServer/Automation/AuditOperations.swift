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

    /// Runs an audit query (`from LogEntry log where …`, parameters `:name` from the context variables prefixed
    /// `audit.query.`), `maxResults` entries of page `pageNo` (1-based; every entry when `maxResults` is 0); returns a JSON
    /// array blob of the entries as Nuxeo's AuditQuery writes them (`eventDate` in ms since 1970, no id).
    func auditQuery(_ input: Value, _ params: AuditQueryParams, context: Context) async throws -> Value {
        var named: [String: String] = [:]
        for (name, value) in context.state.variables where name.hasPrefix("audit.query.") {
            named[String(name.dropFirst("audit.query.".count))] = value.jsonSummary.plainText
        }
        let query = try AuditLogQuery.parse(params.query, named: named)
        let limit = Repository.maxAuditPage
        guard (0...limit).contains(params.maxResults) else { throw NXError.invalid("Parameter 'maxResults' must be between 0 and \(limit)") }
        let request: PageRequest
        if params.maxResults > 0 {
            let (offset, overflow) = (max(params.pageNo, 1) - 1).multipliedReportingOverflow(by: params.maxResults)
            request = PageRequest(pageSize: params.maxResults, offset: overflow ? Int.max : offset)
        } else {
            request = PageRequest(pageSize: 0)
        }
        let page = try await context.repository.auditEntries(query, request: request, principal: context.principal)
        if params.maxResults == 0, page.resultsCount > page.entries.count {
            throw NXError.invalid("The query matches \(page.resultsCount) entries, more than \(limit): give maxResults and pageNo to page through them")
        }
        let rows = page.entries.map { entry -> JSONValue in
            var row = JSONObject()
            row["eventId"] = .string(entry.eventId)
            row["category"] = entry.category.map(JSONValue.string) ?? .null
            row["eventDate"] = .int(entry.eventDate)
            row["principal"] = entry.principalName.map(JSONValue.string) ?? .null
            row["docUUID"] = entry.docUUID.map(JSONValue.string) ?? .null
            row["docType"] = entry.docType.map(JSONValue.string) ?? .null
            row["docPath"] = entry.docPath.map(JSONValue.string) ?? .null
            row["docLifeCycle"] = entry.docLifeCycle.map(JSONValue.string) ?? .null
            row["repoId"] = entry.repositoryId.map(JSONValue.string) ?? .null
            row["comment"] = entry.comment.map(JSONValue.string) ?? .null
            return .object(row)
        }
        return try context.jsonBlob(.array(rows))
    }

    /// A page of audit entries (a `logEntries` list with its pagination): of `query` (an audit query whose `?` take
    /// `queryParams`), else of the named provider — `AUDIT_BROWSER` (every entry, newest first; the default) or
    /// `DOCUMENT_HISTORY_PROVIDER` (the entries of the document whose id is the first query parameter).
    func auditQueryWithPageProvider(_ input: Value, _ params: AuditQueryWithPageProviderParams, context: Context) async throws -> Value {
        let user = context.principal.name, repository = context.repository.name
        let ordered = (params.queryParams ?? []).map { SearchExecutor.substitute($0, principal: user, repository: repository) }
        let sortKeys = (params.sortBy ?? "").split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        let orders = (params.sortOrder ?? "").split(separator: ",").map { String($0).trimmingWhitespace }
        let sort = sortKeys.isEmpty ? nil : sortKeys.enumerated().map { index, key in
            SortKey(property: key, ascending: (index < orders.count ? orders[index] : orders.last ?? "").lowercased() == "asc")
        }
        let named = Self.named(params.namedQueryParams)
        let query: AuditLogQuery
        if let text = params.query, !text.trimmingWhitespace.isEmpty {
            query = try AuditLogQuery.parse(text, named: named, ordered: ordered, sort: sort)
        } else {
            switch params.providerName.flatMap({ $0.trimmingWhitespace.isEmpty ? nil : $0 }) ?? "AUDIT_BROWSER" {
            case "AUDIT_BROWSER":
                query = try AuditLogQuery.parse("from LogEntry log order by log.eventDate desc", sort: sort)
            case "DOCUMENT_HISTORY_PROVIDER":
                guard let id = ordered.first else { throw NXError.invalid("DOCUMENT_HISTORY_PROVIDER needs the document id as its query parameter") }
                let document = try await context.repository.document(OperationValue.ref(id), principal: context.principal)
                query = try AuditLogQuery.parse("from LogEntry log where log.docUUID = ? order by log.eventDate desc", ordered: [document.id],
                                                sort: sort)
            case let name:
                throw NXError.notFound("Unknown audit page provider: \(name)")
            }
        }
        let page = try await context.repository.auditEntries(
            query, request: PageRequest(pageSize: params.pageSize, currentPageIndex: params.currentPageIndex), defaultPageSize: 0,
            principal: context.principal)
        return .json(AuditJSON.page(page).jsonValue)
    }
}
