import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// The property and schema operations of Spec/operations/document-properties.yaml. nx saves every change as it is made:
/// `save: false` / `saveDocument: false` cannot keep a change pending, the document is saved either way.
extension DocumentOperations {
    /// Sets the property at `xpath` to null (a list becomes empty).
    func documentRemoveProperty(_ input: Value, _ params: DocumentRemovePropertyParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            let (key, _) = try context.field(params.xpath, of: document)
            return try await context.setProperties([key: .null], of: document)
        }
    }

    /// Appends `value` to the scalar list at `xpath` (unless present, with `checkExists`).
    func documentAddEntryToMultivaluedProperty(_ input: Value, _ params: DocumentAddEntryToMultivaluedPropertyParams,
                                               context: Context) async throws -> Value {
        try await context.each(input) { document in
            let (key, itemType) = try context.scalarList(params.xpath, of: document)
            let value = try PropertyCoercion.coerce(params.value, to: itemType, key: params.xpath)
            var list = document.properties[key]?.arrayValue ?? []
            guard !list.contains(value) || !params.checkExists else { return document }
            list.append(value)
            return try await context.setProperties([key: .array(list)], of: document)
        }
    }

    /// Removes the first occurrence of `value` from the scalar list at `xpath`, or every occurrence with `is Remove All`;
    /// a value not in the list changes nothing.
    func documentRemoveEntryOfMultivaluedProperty(_ input: Value, _ params: DocumentRemoveEntryOfMultivaluedPropertyParams,
                                                  context: Context) async throws -> Value {
        try await context.each(input) { document in
            let (key, itemType) = try context.scalarList(params.xpath, of: document)
            let value = try PropertyCoercion.coerce(params.value, to: itemType, key: params.xpath)
            var list = document.properties[key]?.arrayValue ?? []
            guard let first = list.firstIndex(of: value) else { return document }
            if params.isRemoveAll { list.removeAll { $0 == value } } else { list.remove(at: first) }
            return try await context.setProperties([key: .array(list)], of: document)
        }
    }

    /// Appends the objects of the `complexJsonProperties` JSON array to the complex list at `xpath`.
    func documentAddItemToListProperty(_ input: Value, _ params: DocumentAddItemToListPropertyParams, context: Context) async throws -> Value {
        guard case .array(let items)? = try? NXJSON.parse(Array(params.complexJsonProperties.utf8)), items.allSatisfy({ $0.objectValue != nil })
        else {
            throw NXError.invalid("Invalid value for parameter 'complexJsonProperties' of operation \(context.operationId): a JSON array of objects is expected")
        }
        return try await context.each(input) { document in
            let (key, type) = try context.field(params.xpath, of: document)
            guard case .complexList = type else { throw NXError.invalid("Property type of \(params.xpath) is not supported by this operation") }
            let list = (document.properties[key]?.arrayValue ?? []) + items
            return try await context.setProperties([key: .array(list)], of: document)
        }
    }

    /// Removes the entry at `index` of the list at `xpath`, or every entry without `index`.
    func documentRemoveItemFromListProperty(_ input: Value, _ params: DocumentRemoveItemFromListPropertyParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            let (key, type) = try context.field(params.xpath, of: document)
            switch type {
            case .list, .complexList: break
            default: throw NXError.invalid("Property type is not supported by this operation")
            }
            guard let index = params.index else { return try await context.setProperties([key: .array([])], of: document) }
            var list = document.properties[key]?.arrayValue ?? []
            guard list.indices.contains(index) else {
                throw NXError.invalid("Invalid value '\(index)' for parameter 'index' of operation \(context.operationId): \(params.xpath) has \(list.count) entries")
            }
            list.remove(at: index)
            return try await context.setProperties([key: .array(list)], of: document)
        }
    }

    /// Copies every property of `schema` from the document `sourceId` (else `sourcePath`) onto the input document(s).
    func documentCopySchema(_ input: Value, _ params: DocumentCopySchemaParams, context: Context) async throws -> Value {
        let ref: DocumentRef
        if let id = params.sourceId { ref = .id(id) } else if let path = params.sourcePath { ref = .path(path) } else {
            throw NXError.invalid("No document id or path was provided")
        }
        let source = try await context.repository.document(ref, principal: context.principal)
        let schema = try context.schema(params.schema, of: source)
        return try await context.each(input) { document in
            _ = try context.schema(params.schema, of: document)
            var values = JSONObject()
            for field in schema.fields { values["\(schema.prefix):\(field.name)"] = source.properties["\(schema.prefix):\(field.name)"] ?? .null }
            return try await context.setProperties(values, of: document)
        }
    }

    /// Sets the property at `xpath`, or else every property of `schema`, to null.
    func documentResetSchema(_ input: Value, _ params: DocumentResetSchemaParams, context: Context) async throws -> Value {
        guard params.xpath != nil || params.schema != nil else { throw NXError.invalid("No schema or xpath was provided") }
        return try await context.each(input) { document in
            var values = JSONObject()
            if let xpath = params.xpath {
                values[try context.field(xpath, of: document).key] = .null
            } else if let name = params.schema {
                let schema = try context.schema(name, of: document)
                for field in schema.fields { values["\(schema.prefix):\(field.name)"] = .null }
            }
            return try await context.setProperties(values, of: document)
        }
    }
}

extension OperationContext {
    /// The canonical key (`dc:subjects`) and type of the top-level property `xpath` of `document`; unknown → 400.
    func field(_ xpath: String, of document: DocumentRecord) throws -> (key: String, type: FieldType) {
        guard let (schema, field) = repository.registry.type(of: document)?.fieldsByKey[xpath] else {
            throw NXError.invalid("Property not found: \(xpath)")
        }
        return ("\(schema.prefix):\(field.name)", field.type)
    }

    /// A list-of-scalars property (Nuxeo's `checkFieldType`); anything else → 400.
    func scalarList(_ xpath: String, of document: DocumentRecord) throws -> (key: String, itemType: FieldType) {
        let (key, type) = try field(xpath, of: document)
        guard case .list(let item) = type else { throw NXError.invalid("The property type isn't a list of scalars: \(xpath)") }
        return (key, item)
    }

    /// The schema `name` of the document's type; another one → 400.
    func schema(_ name: String, of document: DocumentRecord) throws -> Schema {
        guard let schema = repository.registry.type(of: document)?.schemas.first(where: { $0.name == name || $0.prefix == name }) else {
            throw NXError.invalid("Schema \(name) is not a schema of document type \(document.type)")
        }
        return schema
    }

    /// Saves `values` on `document` as the caller (no change token; an unchanged value writes nothing).
    func setProperties(_ values: JSONObject, of document: DocumentRecord) async throws -> DocumentRecord {
        try await repository.update(.id(document.id), properties: values, changeToken: nil, userChange: false, principal: principal)
    }
}
