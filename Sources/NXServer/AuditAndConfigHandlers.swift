import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension APIHandlers {
    /// `@audit`: the document's log entries, newest first, filtered by event, category, principal and date.
    func getAuditLog(
        repository: String,
        doc: DocumentRef,
        eventId: [String]?,
        category: [String]?,
        principalName: [String]?,
        startEventDate: String?,
        endEventDate: String?,
        currentPageIndex: Int?,
        pageSize: Int,
        sortOrder: [SortOrder]?,
        context: NXCallContext
    ) async throws -> GetAuditLogOutput {
        let page = try await auditPage(
            repository, doc: doc, eventId: eventId, category: category, principalName: principalName, startEventDate: startEventDate,
            endEventDate: endEventDate, currentPageIndex: currentPageIndex, pageSize: pageSize, sortOrder: sortOrder, context: context)
        return .ok(AuditJSON.page(page))
    }
}

extension APIHandlers {
    /// The `@audit` page the query parameters ask for.
    func auditPage(_ repositoryName: String, doc: DocumentRef, eventId: [String]?, category: [String]?, principalName: [String]?,
                   startEventDate: String?, endEventDate: String?, currentPageIndex: Int?, pageSize: Int, sortOrder: [SortOrder]?,
                   context: NXCallContext) async throws -> Page<AuditEntry> {
        let (repository, _) = try self.repository(repositoryName)
        func date(_ text: String?, _ name: String) throws -> Int64? {
            guard let text, !text.isEmpty else { return nil }
            guard let millis = NXDate.parse(text) else { throw NXError.invalid("Invalid value '\(text)' for query parameter '\(name)': a date is expected") }
            return millis
        }
        let filter = AuditQuery(
            docUUID: "", eventIds: eventId ?? [], categories: category ?? [], principalNames: principalName ?? [],
            startDate: try date(startEventDate, "startEventDate"), endDate: try date(endEventDate, "endEventDate"),
            descending: sortOrder?.first?.rawValue.lowercased() != "asc")
        return try await repository.auditLog(doc, filter: filter,
                                                 request: PageRequest(pageSize: pageSize, currentPageIndex: currentPageIndex),
                                                 principal: context.user)
    }

    func config(_ repositoryName: String) throws -> ConfigJSON { ConfigJSON(registry: try self.repository(repositoryName).0.registry) }

    func getDocType(repository: String, name: String, context: NXCallContext) async throws -> GetDocTypeOutput {
        .ok(try config(repository).docType(name))
    }

    func getSchema(repository: String, name: String, context: NXCallContext) async throws -> GetSchemaOutput {
        .ok(try config(repository).schema(name))
    }

    func getFacet(repository: String, name: String, context: NXCallContext) async throws -> GetFacetOutput {
        .ok(try config(repository).facet(name))
    }
}

extension APIHandlers {
    func getDocTypes(repository: String, context: NXCallContext) async throws -> GetDocTypesOutput {
        .ok(try config(repository).types())
    }

    func getSchemas(repository: String, context: NXCallContext) async throws -> GetSchemasOutput {
        .ok(try config(repository).schemas())
    }

    func getFacets(repository: String, context: NXCallContext) async throws -> GetFacetsOutput {
        .ok(try config(repository).facets())
    }
}
