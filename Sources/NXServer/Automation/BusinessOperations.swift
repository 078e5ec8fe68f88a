import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Business.*` operations: the input is a business object (`{"entity-type": <adapterName>, "value": {...}}`), the result
/// the business object of the document created, fetched or saved.
extension DocumentOperations {
    func businessBusinessCreateOperation(_ input: Value, _ params: BusinessBusinessCreateOperationParams, context: Context) async throws -> Value {
        let (adapter, value) = try context.businessObject(input)
        guard let type = value["type"]?.stringValue, !type.isEmpty else { throw NXError.invalid("The business object has no type: value.type is required") }
        let created = try await context.repository.create(in: OperationValue.ref(params.parentPath), type: type, name: params.name,
                                                          properties: try APIHandlers.properties(adapter, value), principal: context.principal)
        return .json(BusinessObjectEntity(adapter, created).jsonValue)
    }

    func businessBusinessFetchOperation(_ input: Value, _ params: BusinessBusinessFetchOperationParams, context: Context) async throws -> Value {
        let (adapter, value) = try context.businessObject(input)
        guard let id = value["id"]?.stringValue, !id.isEmpty else { throw NXError.invalid("The business object has no id: value.id is required") }
        return .json(BusinessObjectEntity(adapter, try await context.repository.document(.id(id), principal: context.principal)).jsonValue)
    }

    func businessBusinessUpdateOperation(_ input: Value, _ params: BusinessBusinessUpdateOperationParams, context: Context) async throws -> Value {
        let (adapter, value) = try context.businessObject(input)
        guard let id = value["id"]?.stringValue, !id.isEmpty else { throw NXError.invalid("The business object has no id: value.id is required") }
        let updated = try await context.repository.update(.id(id), properties: try APIHandlers.properties(adapter, value), changeToken: nil,
                                                          userChange: true, principal: context.principal)
        return .json(BusinessObjectEntity(adapter, updated).jsonValue)
    }
}

extension OperationContext {
    /// The input as a business object of the registry and its `value`.
    func businessObject(_ input: OperationValue) throws -> (BusinessObjectDescriptor, JSONObject) {
        guard case .json(.object(let object)) = input, let name = object["entity-type"]?.stringValue,
              let value = object["value"]?.objectValue
        else { throw invalidInput(input) }
        return (try APIHandlers.businessObject(name), value)
    }
}
