import NXHTTP
import NXRuntime

/// An automation operation or chain with its parameters, as `POST /automation/{id}` sends it. The SDK generates one
/// factory per operation of the spec (`NXOperation.documentCreate(type:name:properties:)`), typed from its parameters.
public struct NXOperation: Sendable, Hashable {
    /// The operation's id (`Document.Create`) or a chain's (`Chain.X`… as registered).
    public var id: String
    /// Parameters by name, as JSON.
    public var params: JSONObject

    /// An operation by id with `params` (for operations the spec does not declare, or chains).
    public init(_ id: String, params: JSONObject = JSONObject()) {
        self.id = id
        self.params = params
    }

    /// Sets parameter `name` when `value` is not nil (generated factories use it).
    public mutating func set(_ name: String, _ value: (some NXOperationParameter)?) {
        if let value { params[name] = value.jsonValue }
    }
}

/// A value an operation parameter takes: text, numbers, booleans, lists, `key=value` maps, documents, any JSON.
public protocol NXOperationParameter: Sendable {
    /// The value as the operation's JSON body holds it.
    var jsonValue: JSONValue { get }
}

extension String: NXOperationParameter { public var jsonValue: JSONValue { .string(self) } }
extension Int: NXOperationParameter { public var jsonValue: JSONValue { .int(Int64(self)) } }
extension Double: NXOperationParameter { public var jsonValue: JSONValue { .double(self) } }
extension Bool: NXOperationParameter { public var jsonValue: JSONValue { .bool(self) } }
extension JSONValue: NXOperationParameter { public var jsonValue: JSONValue { self } }
extension DocumentRef: NXOperationParameter { public var jsonValue: JSONValue { .string(description) } }
extension Array: NXOperationParameter where Element: NXOperationParameter {
    public var jsonValue: JSONValue { .array(map(\.jsonValue)) }
}
extension Dictionary: NXOperationParameter where Key == String, Value: NXOperationParameter {
    /// Nuxeo's `Properties`: a JSON object, keys sorted so a request is reproducible.
    public var jsonValue: JSONValue { .object(JSONObject(sorted { $0.key < $1.key }.map { ($0.key, $0.value.jsonValue) })) }
}

/// What an operation runs on.
public enum NXOperationInput: Sendable, Hashable {
    /// Nothing (`void` input).
    case none
    /// One document.
    case document(DocumentRef)
    /// Several documents.
    case documents([DocumentRef])

    var jsonValue: JSONValue? {
        switch self {
        case .none: return nil
        case .document(let ref): return .string(ref.description)
        case .documents(let refs): return .array(refs.map { .string($0.description) })
        }
    }
}

/// What an operation answered, by the kind the server sent; the SDK names its document entities
/// (`NXOperationResult<DocumentEntity, DocumentsEntity>`).
public enum NXOperationResult<Document: NXEntity, Documents: NXEntity>: Sendable {
    /// No content (`void` output, 204).
    case none
    /// A document (its `entity-type` is `Document`'s).
    case document(Document)
    /// A list of documents, or a page of them (its `entity-type` is `Documents`'s).
    case documents(Documents)
    /// Any other JSON value (a string, a map, a record set…).
    case value(JSONValue)
    /// A blob: its bytes with their content type.
    case blob(NXRawResponse)

    /// The document, when the result is one.
    public var document: Document? {
        if case .document(let document) = self { return document }
        return nil
    }

    /// The documents, when the result is a list of them.
    public var documents: Documents? {
        if case .documents(let documents) = self { return documents }
        return nil
    }
}

extension NXClientCore {
    /// Runs `operation` on `input` (`POST /automation/{id}` with a JSON body of `params`, `input` and `context`).
    public func run<Document: NXEntity, Documents: NXEntity>(
        _ operation: NXOperation, input: NXOperationInput, context: JSONObject, repository: String?
    ) async throws(NXClientError) -> NXOperationResult<Document, Documents> {
        var body = JSONObject()
        body["params"] = .object(operation.params)
        if let input = input.jsonValue { body["input"] = input }
        if !context.isEmpty { body["context"] = .object(context) }
        var request = NXHTTPRequest(
            method: "POST", path: Self.repositoryPrefix(repository) + "/automation/" + PercentEncoding.encodePathSegment(operation.id))
        request.headers.append(("Content-Type", "application/json"))
        request.body = Self.jsonBytes(.object(body))
        let response = try await sendRaw(request)
        if response.status == 204 || response.body.isEmpty { return .none }
        guard response.contentType?.lowercased().contains("json") == true else { return .blob(response) }
        do {
            let json = try response.json()
            switch json.objectValue?["entity-type"]?.stringValue {
            case Document.entityType?: return .document(try NXJSON.decode(Document.self, from: response.body))
            case Documents.entityType?: return .documents(try NXJSON.decode(Documents.self, from: response.body))
            default: return .value(json)
            }
        } catch {
            throw .decoding("\(error)")
        }
    }
}
