import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// What flows into and out of an operation.
enum OperationValue: Sendable {
    /// No value (`void`).
    case void
    /// A string as the request gave it (a uid or a path), resolved when an operation wants a document.
    case reference(String)
    case document(DocumentRecord)
    case documents([DocumentRecord])
    /// A page of query results (paginable `documents`).
    case page(Page<DocumentRecord>)
    /// A file (its content in the binary store).
    case blob(BlobValue)
    /// Files.
    case blobs([BlobValue])
    /// Any other value (a string, a number, a boolean, a date, a list or a map): context variables and the results of
    /// operations whose output is not a document or a file, written as Nuxeo's `DefaultJsonAdapter` writes them.
    case json(JSONValue)

    /// The signature type name of the value (`void`, `document`, `documents`); a reference can be either document kind.
    var kinds: [String] {
        switch self {
        case .void: return ["void"]
        case .reference(let text): return text.contains(",") ? ["documents", "document"] : ["document", "documents"]
        case .document: return ["document"]
        case .documents, .page: return ["documents"]
        case .blob: return ["blob", "bloblist"]
        case .blobs: return ["bloblist"]
        case .json(.object(let object)) where object["entity-type"]?.stringValue.flatMap(NXBusinessObjects.descriptor) != nil:
            return ["businessadapter", "object"]
        case .json(.object(let object)) where object["entity-type"]?.stringValue.flatMap(Self.entityKinds.index(forKey:)) != nil:
            return [Self.entityKinds[object["entity-type"]?.stringValue ?? ""] ?? "object", "object"]
        case .json(.string): return ["string", "object"]
        case .json(.bool): return ["boolean", "object"]
        case .json(.null): return ["void"]
        case .json: return ["object"]
        }
    }

    /// Entities operations return that are written as they are (not wrapped as a `map`), by `entity-type`, with the
    /// signature type they stand for: audit entries (`Audit.QueryWithPageProvider`), query-and-fetch rows (the ResultSet
    /// operations), a user as a document (`User.Get`: not a repository document, so no document operation takes it).
    static let entityKinds = ["logEntries": "paginable", "recordSet": "recordset", "document": "object", "task": "object", "tasks": "object"]

    /// Whether a JSON result is written as it is: a business object or one of `entityKinds`.
    static func isEntity(_ object: JSONObject) -> Bool {
        guard let type = object["entity-type"]?.stringValue else { return false }
        return entityKinds[type] != nil || NXBusinessObjects.descriptor(type) != nil
    }

    /// The request body's `input`: `doc:<ref>`, `docs:<ref>,<ref>`, a raw uid or path, a `document` entity (its uid), or another
    /// JSON entity (a business object) kept as JSON; absent or null → void.
    static func parse(_ input: JSONValue?) -> OperationValue {
        if case .object(let object)? = input {
            // A typed entity: a document by its uid, anything else (a business object…) as JSON.
            if object["entity-type"] == "document", let uid = object["uid"]?.stringValue { return .reference(uid) }
            return .json(.object(object))
        }
        guard let input, case .string(let text) = input, !text.isEmpty else { return .void }
        if text.hasPrefix("doc:") { return .reference(String(text.dropFirst(4))) }
        if text.hasPrefix("docs:") { return .reference(String(text.dropFirst(5))) }
        return .reference(text)
    }

    /// A document reference from automation text: `/path` or an id (`repo:id` keeps the id).
    static func ref(_ text: String) -> DocumentRef {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("/") { return .path(trimmed) }
        if let colon = trimmed.firstIndex(of: ":") { return .id(String(trimmed[trimmed.index(after: colon)...])) }
        return .id(trimmed)
    }
}

extension JSONValue {
    /// A string as it is, any other value as its compact JSON text: how operation parameters, context variables and
    /// directory values become text (query parameters, ids, labels, comparisons).
    var plainText: String { stringValue ?? String(decoding: jsonBytes(), as: UTF8.self) }
}
