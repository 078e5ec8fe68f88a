import NXCore
import NXModel
import NXRuntime

/// Builds `document` entities of stored documents, as Nuxeo's DocumentModelJsonWriter shapes them, with the
/// rendering options of the request (properties, fetched parts, enrichers, depth).
struct DocumentJSON: Sendable {
    let repository: Repository
    let repositoryName: String
    /// Users, for `fetch.document` of user-resolved properties (`dc:creator`).
    var users: UserDirectory?
    /// Vocabularies, for `fetch.document` of directory-resolved properties (`dc:nature`).
    var directories: DirectoryService?
    /// The routing engine, for the `pendingTasks`, `runningWorkflows` and `runnableWorkflows` enrichers.
    var workflows: WorkflowService?
    /// The rendition definitions, for the `renditions` enricher.
    var renditions: RenditionService?

    var registry: SchemaRegistry { repository.registry }

    /// The entity of `record` at nesting `level` (0 = the response's own documents). Beyond the depth limit, nested
    /// documents are written without properties and enrichers.
    func entity(_ record: DocumentRecord, _ options: RenderOptions, level: Int = 0) async throws -> DocumentEntity {
        let full = level <= options.maxNestedLevel
        var entity = base(record, options, properties: full ? options.properties : [])
        if full, let properties = entity.properties, let type = registry.type(of: record), options.fetch.contains(where: { $0 == "properties" || $0.contains(":") }) {
            entity.properties = try await resolve(properties, type: type, options)
        }
        if full, !options.enrichers.isEmpty {
            let context = try await DocumentEnrichment(json: self, record: record, options: options, level: level).run()
            if !context.isEmpty { entity.contextParameters = context }
        }
        return entity
    }

    /// The core fields, properties and fetched parts (no enrichers).
    func base(_ record: DocumentRecord, _ options: RenderOptions, properties selector: [String]) -> DocumentEntity {
        let type = registry.type(of: record)
        var entity = DocumentEntity(
            repository: repositoryName, uid: record.id, path: record.path, type: record.type,
            state: type?.lifecycle == nil ? "undefined" : record.state, parentRef: record.parentId,
            isCheckedOut: record.isCheckedOut, isRecord: false, retainUntil: nil, hasLegalHold: false, isUnderRetentionOrLegalHold: false,
            isVersion: record.isVersion, isProxy: record.isProxy, changeToken: record.changeTokenString, isTrashed: record.isTrashed,
            title: record.title)
        if record.isVersion {
            entity.versionableId = record.versionableId
            entity.isLatestVersion = record.isLatestVersion
            entity.isLatestMajorVersion = record.isLatestMajorVersion
        } else if record.isProxy {
            entity.proxyTargetId = record.proxyTargetId
            entity.versionableId = record.proxyVersionableId
        }
        if options.fetches("versionLabel") { entity.versionLabel = repository.versionLabel(record) }
        if options.fetches("lock"), let owner = record.lockOwner {
            entity.lockOwner = owner
            entity.lockCreated = record.lockCreated.map { NXDate.format(millis: $0) }
        }
        if type?.hasSchema("dublincore") == true, let modified = record.properties["dc:modified"]?.stringValue {
            entity.lastModified = modified
        }
        if !selector.isEmpty, let type {
            entity.properties = properties(record, type: type, selector: selector, baseURL: options.baseURL)
        }
        entity.facets = type?.facets ?? []
        // Versions and proxies of versions are immutable (Nuxeo's DocumentModelFactory adds the facet).
        if record.isVersion || (record.isProxy && !record.isLiveProxy), !entity.facets.contains("Immutable") {
            entity.facets.append("Immutable")
        }
        entity.schemas = (type?.schemas ?? []).map { SchemaRef(name: $0.name, prefix: $0.prefix) }
        return entity
    }

    /// Every field of each selected schema, in schema order, nulls included.
    /// Blobs are written as Nuxeo's blob JSON with download URLs under `baseURL`.
    func properties(_ record: DocumentRecord, type: DocumentType, selector: [String], baseURL: String) -> JSONObject {
        let all = selector.contains("*")
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(type.propertyFields.count)
        for field in type.propertyFields where all || selector.contains(field.schema) {
            var value = PropertyCoercion.outputValue(record.properties[field.key], field.type)
            if field.type.holdsBlobs {
                value = BlobJSON.render(value, type: field.type, xpath: field.key, record: record, repository: repositoryName, baseURL: baseURL)
            }
            pairs.append((field.key, value))
        }
        return JSONObject(pairs)
    }

    /// A `documents` page.
    func page(_ page: Page<DocumentRecord>, _ options: RenderOptions) async throws -> DocumentsEntity {
        var entries: [DocumentEntity] = []
        entries.reserveCapacity(page.entries.count)
        for record in page.entries { entries.append(try await entity(record, options)) }
        return DocumentsEntity(page: NXPage(paging: page.paging, entries: entries))
    }

    /// A non-paginable `documents` list (`{"entity-type":"documents","entries":[…]}`), as a JSON value for enrichers.
    func listJSON(_ records: [DocumentRecord], _ options: RenderOptions, level: Int) async throws -> JSONValue {
        var entries: [JSONValue] = []
        for record in records { entries.append(try await entity(record, options, level: level).jsonValue) }
        return .object(["entity-type": "documents", "entries": .array(entries)])
    }
}
