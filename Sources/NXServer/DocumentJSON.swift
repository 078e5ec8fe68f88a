import NXCore
import NXModel
import NXRuntime

/// Builds the `document` entity of a stored document, as Nuxeo's DocumentModelJsonWriter shapes it.
struct DocumentJSON {
    let registry: SchemaRegistry
    let repositoryName: String

    /// The entity of `record`; `properties` selects schemas (`*` = all; none = no `properties` field).
    func entity(_ record: DocumentRecord, properties selector: [String]) -> DocumentEntity {
        let type = registry.type(record.type)
        var entity = DocumentEntity(
            repository: repositoryName, uid: record.id, path: record.path, type: record.type,
            state: type?.lifecycle == nil ? "undefined" : record.state, parentRef: record.parentId,
            isCheckedOut: record.isCheckedOut, isRecord: false, retainUntil: nil, hasLegalHold: false, isUnderRetentionOrLegalHold: false,
            isVersion: record.isVersion, isProxy: record.isProxy, changeToken: record.changeTokenString, isTrashed: record.isTrashed,
            title: record.title)
        if type?.hasSchema("dublincore") == true, let modified = record.properties["dc:modified"]?.stringValue {
            entity.lastModified = modified
        }
        if !selector.isEmpty, let type {
            entity.properties = properties(record, type: type, selector: selector)
        }
        entity.facets = type?.facets ?? []
        entity.schemas = (type?.schemas ?? []).map { SchemaRef(name: $0.name, prefix: $0.prefix) }
        return entity
    }

    /// Every field of each selected schema, in schema order, nulls included.
    func properties(_ record: DocumentRecord, type: DocumentType, selector: [String]) -> JSONObject {
        let all = selector.contains("*")
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(type.propertyFields.count)
        for field in type.propertyFields where all || selector.contains(field.schema) {
            pairs.append((field.key, PropertyCoercion.outputValue(record.properties[field.key], field.type)))
        }
        return JSONObject(pairs)
    }

    /// A `documents` page.
    func page(_ page: Page<DocumentRecord>, properties selector: [String]) -> DocumentsEntity {
        DocumentsEntity(
            isPaginable: true, resultsCount: page.resultsCount, pageSize: page.pageSize, maxPageSize: page.maxPageSize,
            resultsCountLimit: page.resultsCountLimit, currentPageSize: page.currentPageSize, currentPageIndex: page.currentPageIndex,
            currentPageOffset: page.currentPageOffset, numberOfPages: page.numberOfPages,
            isPreviousPageAvailable: page.isPreviousPageAvailable, isNextPageAvailable: page.isNextPageAvailable,
            isLastPageAvailable: page.isLastPageAvailable, isSortable: page.isSortable, hasError: false, errorMessage: nil,
            totalSize: page.resultsCount, pageIndex: page.currentPageIndex, pageCount: page.numberOfPages,
            entries: page.entries.map { entity($0, properties: selector) })
    }
}
