import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

extension APIHandlers {
    /// `@audit`: the document's log entries, newest first, filtered by event, category, principal and date.
    func getAuditLog(_ input: GetAuditLogInput, context: NXCallContext) async throws -> GetAuditLogOutput {
        let (repository, _) = try repository(input.repository)
        func date(_ text: String?, _ name: String) throws -> Int64? {
            guard let text, !text.isEmpty else { return nil }
            guard let millis = NXDate.parse(text) else { throw NXError.invalid("Invalid value '\(text)' for query parameter '\(name)': a date is expected") }
            return millis
        }
        let filter = AuditQuery(
            docUUID: "", eventIds: input.eventId ?? [], categories: input.category ?? [], principalNames: input.principalName ?? [],
            startDate: try date(input.startEventDate, "startEventDate"), endDate: try date(input.endEventDate, "endEventDate"),
            descending: input.sortOrder?.first?.rawValue.lowercased() != "asc")
        let page = try await repository.auditLog(input.doc, filter: filter,
                                                 request: PageRequest(pageSize: input.pageSize, currentPageIndex: input.currentPageIndex),
                                                 principal: context.user)
        return .ok(AuditJSON.page(page))
    }
}

extension APIHandlers {
    func config(_ repositoryName: String) throws -> ConfigJSON { ConfigJSON(registry: try repository(repositoryName).0.registry) }

    func getDocType(_ input: GetDocTypeInput, context: NXCallContext) async throws -> GetDocTypeOutput {
        .ok(try config(input.repository).docType(input.name))
    }

    func getSchema(_ input: GetSchemaInput, context: NXCallContext) async throws -> GetSchemaOutput {
        .ok(try config(input.repository).schema(input.name))
    }

    func getFacet(_ input: GetFacetInput, context: NXCallContext) async throws -> GetFacetOutput {
        .ok(try config(input.repository).facet(input.name))
    }
}

extension APIHandlers {
    func getDocTypes(_ input: GetDocTypesInput, context: NXCallContext) async throws -> GetDocTypesOutput {
        .ok(try config(input.repository).types())
    }

    func getSchemas(_ input: GetSchemasInput, context: NXCallContext) async throws -> GetSchemasOutput {
        .ok(try config(input.repository).schemas())
    }

    func getFacets(_ input: GetFacetsInput, context: NXCallContext) async throws -> GetFacetsOutput {
        .ok(try config(input.repository).facets())
    }
}
