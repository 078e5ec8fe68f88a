import NXAPI
import NXCore
import NXModel
import NXRuntime

/// The content enrichers of one document (`enrichers.document`): each writes `contextParameters.<name>`.
/// Unknown names are ignored, as Nuxeo does; an enricher that has nothing to say writes nothing.
struct DocumentEnrichment: Sendable {
    let json: DocumentJSON
    let record: DocumentRecord
    let options: RenderOptions
    /// Nesting level of the enriched document; documents an enricher writes are one level deeper.
    let level: Int

    var repository: Repository { json.repository }

    /// Runs the requested enrichers in request order.
    func run() async throws -> JSONObject {
        var context = JSONObject()
        for name in options.enrichers {
            if let value = try await DocumentEnrichers.run(name, on: self, record) { context[name] = value }
        }
        return context
    }

    // MARK: - Enrichers (one function each; declared in Spec/enrichers/document.yaml)

    /// Top-down from the first child of the root to the document itself; stops above the first ancestor the user cannot read.
    func breadcrumb(_ record: DocumentRecord) async throws -> JSONValue? {
        var chain: [DocumentRecord] = []
        var cursor: DocumentRecord? = record
        if record.isVersion, let live = record.versionableId { cursor = try await repository.document(.id(live)) }
        while let current = cursor, let parentId = current.parentId {
            guard try await readable(current) else { break }
            chain.insert(current, at: 0)
            cursor = try await repository.document(.id(parentId))
        }
        return try await json.listJSON(chain, options, level: level + 1)
    }

    func children(_ record: DocumentRecord) async throws -> JSONValue? {
        try await json.listJSON(try await repository.childList(of: record, principal: options.user), options, level: level + 1)
    }

    func permissions(_ record: DocumentRecord) async throws -> JSONValue? {
        .array(try await repository.permissions(on: record, principal: options.user).map(JSONValue.string))
    }

    func userVisiblePermissions(_ record: DocumentRecord) async throws -> JSONValue? {
        let held = try await repository.permissions(on: record, principal: options.user)
        return .array(Permissions.userVisible.filter(held.contains).map(JSONValue.string))
    }

    func acls(_ record: DocumentRecord) async throws -> JSONValue? {
        let time = repository.nowMillis
        return .array(try await repository.acp(of: .id(record.id), principal: options.user).acls.map { acl in
            .object(["name": .string(acl.name), "aces": .array(acl.aces.map { ace in
                .object([
                    "id": .string(ace.id), "username": .string(ace.username), "externalUser": .bool(false),
                    "permission": .string(ace.permission), "granted": .bool(ace.granted), "creator": ace.creator.map(JSONValue.string) ?? .null,
                    "begin": ace.begin.map { .string(NXDate.format(millis: $0)) } ?? .null,
                    "end": ace.end.map { .string(NXDate.format(millis: $0)) } ?? .null,
                    "status": .string(ace.status(at: time)),
                ])
            })])
        })
    }

    func hasFolderishChild(_ record: DocumentRecord) async throws -> JSONValue? {
        .bool(try await repository.childList(of: record, principal: options.user).contains { child in
            let facets = json.registry.type(of: child)?.facets ?? []
            return facets.contains("Folderish") && !facets.contains("HiddenInNavigation") && !child.isTrashed
        })
    }

    func hasContent(_ record: DocumentRecord) async throws -> JSONValue? {
        guard json.registry.type(of: record)?.facets.contains("Folderish") == true else { return .bool(false) }
        return .bool(try await repository.childList(of: record, principal: options.user).contains { !$0.isTrashed })
    }

    func subtypes(_ record: DocumentRecord) async throws -> JSONValue? {
        let names = json.registry.type(of: record)?.subtypes ?? []
        return .array(names.map { name in
            .object(["type": .string(name), "facets": .array((json.registry.type(name)?.facets ?? []).map(JSONValue.string))])
        })
    }

    func firstAccessibleAncestor(_ record: DocumentRecord) async throws -> JSONValue? {
        var cursor = record.parentId
        if record.isVersion, let live = record.versionableId { cursor = try await repository.document(.id(live)).parentId }
        while let id = cursor {
            let ancestor = try await repository.document(.id(id))
            if try await readable(ancestor) { return try await json.entity(ancestor, options, level: level + 1).jsonValue }
            cursor = ancestor.parentId
        }
        return nil
    }

    func audit(_ record: DocumentRecord) async throws -> JSONValue? {
        let page = try await repository.auditLog(.id(record.id), filter: AuditQuery(docUUID: record.id), request: PageRequest(pageSize: 1000),
                                                 principal: options.user)
        return .array(page.entries.map { AuditJSON.entity($0).jsonValue })
    }

    func documentURL(_ record: DocumentRecord) async throws -> JSONValue? {
        .string("\(options.baseURL)nxpath/\(json.repositoryName)\(record.path)@view_documents")
    }

    func thumbnail(_ record: DocumentRecord) async throws -> JSONValue? {
        .object(["url": .string("\(options.baseURL)api/v1/repo/\(json.repositoryName)/id/\(record.id)/@rendition/thumbnail?changeToken=\(record.changeTokenString)&sync=true")])
    }

    /// Key order `name, kind, icon, url`; `icon` is the base URL without its trailing `/` followed by the icon path.
    func renditions(_ record: DocumentRecord) async throws -> JSONValue? {
        guard let service = json.renditions else { return nil }
        let base = options.baseURL.hasSuffix("/") ? String(options.baseURL.dropLast()) : options.baseURL
        return .array(service.available(for: record, visibleOnly: true).map { definition in
            .object(JSONObject([
                ("name", .string(definition.name)), ("kind", definition.kind.map(JSONValue.string) ?? .null),
                ("icon", definition.icon.map { .string(base + $0) } ?? .null),
                ("url", .string("\(options.baseURL)api/v1/repo/\(json.repositoryName)/id/\(record.id)/@rendition/\(definition.name)")),
            ]))
        })
    }

    func preview(_ record: DocumentRecord) async throws -> JSONValue? {
        // A preview needs main content (a blob); documents without one have none.
        guard let content = record.properties["file:content"], !content.isNull else { return .object(["url": .null]) }
        return .object(["url": .string("\(options.baseURL)site/api/v1/repo/\(json.repositoryName)/id/\(record.id)/@preview/?changeToken=\(record.changeTokenString)")])
    }

    /// Whether the caller may read `record`.
    func readable(_ record: DocumentRecord) async throws -> Bool {
        try repository.canRead(record, principal: options.user)
    }
}

extension DocumentEnrichment: DocumentEnricherHandlers {
    typealias Subject = DocumentRecord
}
