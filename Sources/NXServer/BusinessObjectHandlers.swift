import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `@bo/{adapterName}` (Nuxeo's `BOAdapter`): a document as a business object of `Spec/businessobjects/`, written as
/// `{"entity-type": <adapterName>, "value": {"id", "type", fields…}}`; PUT saves the document named by `value.id`, POST
/// creates one of `value.type`; after `@children`, the page as an `adapters` list.
extension APIHandlers {
    func getBusinessObject(repository: String, doc: DocumentRef, adapterName: String, context: NXCallContext) async throws -> GetBusinessObjectOutput {
        let adapter = try Self.businessObject(adapterName)
        let (store, _) = try self.repository(repository)
        return .ok(BusinessObjectEntity(adapter, try await store.document(doc, principal: context.user)).jsonValue)
    }

    func updateBusinessObject(
        repository: String, doc: DocumentRef, adapterName: String, body: JSONValue, context: NXCallContext
    ) async throws -> UpdateBusinessObjectOutput {
        let adapter = try Self.businessObject(adapterName)
        let value = try Self.value(of: body)
        guard let id = value["id"]?.stringValue, !id.isEmpty else { throw NXError.invalid("The business object has no id: value.id is required") }
        let (store, _) = try self.repository(repository)
        let updated = try await store.update(.id(id), properties: try Self.properties(adapter, value), changeToken: nil, userChange: true,
                                             principal: context.user)
        return .ok(BusinessObjectEntity(adapter, updated).jsonValue)
    }

    func createBusinessObject(
        repository: String, doc: DocumentRef, adapterName: String, name: String, body: JSONValue, context: NXCallContext
    ) async throws -> CreateBusinessObjectOutput {
        let adapter = try Self.businessObject(adapterName)
        let value = try Self.value(of: body)
        guard let type = value["type"]?.stringValue, !type.isEmpty else { throw NXError.invalid("The business object has no type: value.type is required") }
        let (store, _) = try self.repository(repository)
        let created = try await store.create(in: doc, type: type, name: name, properties: try Self.properties(adapter, value), principal: context.user)
        return .ok(BusinessObjectEntity(adapter, created).jsonValue)
    }

    func getChildrenBusinessObjects(
        repository: String, doc: DocumentRef, adapterName: String, currentPageIndex: Int?, pageSize: Int, maxResults: String?,
        sortBy: [String]?, sortOrder: [SortOrder]?, context: NXCallContext
    ) async throws -> GetChildrenBusinessObjectsOutput {
        let adapter = try Self.businessObject(adapterName)
        let result = try await executor(repository).documentPage(
            "CURRENT_DOC_CHILDREN", of: doc, pageSize: pageSize, currentPageIndex: currentPageIndex, maxResults: maxResults, sortBy: sortBy,
            sortOrder: sortOrder, context: context)
        let entries = result.page.entries.map { BusinessObjectEntity(adapter, $0) }
        return .ok(NXPageEntity<BusinessObjectList>(page: NXPage(paging: result.page.paging, entries: entries)).jsonValue)
    }

    /// The business object `name`; unknown → 404 as Nuxeo.
    static func businessObject(_ name: String) throws -> BusinessObjectDescriptor {
        guard let descriptor = NXBusinessObjects.descriptor(name) else { throw NXError.notFound("Unable to find [\(name)] adapter") }
        return descriptor
    }

    /// The `value` object of a business object body; an empty or malformed body → 400.
    static func value(of body: JSONValue) throws -> JSONObject {
        guard let value = body.objectValue?["value"]?.objectValue else {
            throw NXError.invalid("A business object is expected: {\"entity-type\": <adapterName>, \"value\": {…}}")
        }
        return value
    }

    /// The document properties a business object value sets: its fields that are present, by xpath; unknown keys → 400.
    static func properties(_ adapter: BusinessObjectDescriptor, _ value: JSONObject) throws -> JSONObject {
        var properties = JSONObject()
        for (key, fieldValue) in value where key != "id" && key != "type" {
            guard let field = adapter.fields.first(where: { $0.name == key }) else {
                throw NXError.invalid("Unrecognized field \"\(key)\" of business object \(adapter.name)")
            }
            properties[field.property] = fieldValue
        }
        return properties
    }
}

/// One business object: `{"entity-type": <adapterName>, "value": {"id", "type", fields…}}`.
struct BusinessObjectEntity: NXEntity, Hashable {
    static let entityType = "businessObject"
    var name: String
    var value: JSONObject

    init(_ adapter: BusinessObjectDescriptor, _ record: DocumentRecord) {
        name = adapter.name
        var value = JSONObject([("id", .string(record.id)), ("type", .string(record.type))])
        for field in adapter.fields { value[field.name] = record.properties[field.property] ?? .null }
        self.value = value
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entity-type")
        writer.string(name)
        writer.key("value")
        writer.value(.object(value))
        writer.endObject()
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        name = try container.decode(String.self, forKey: AnyKey("entity-type"))
        value = try container.decode(JSONObject.self, forKey: AnyKey("value"))
    }
}

/// The `adapters` list of `@children/@bo/{name}` (Nuxeo's `BusinessAdapterListWriter`): paging fields, then the entries.
enum BusinessObjectList: NXPageKind {
    typealias Entry = BusinessObjectEntity
    static let entityType = "adapters"
    static let legacyTotals = false
}
