import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime


extension APIHandlers {
    /// `GET /automation`: Nuxeo's registry JSON (`paths`, `codecs`, `operations` sorted by label, `chains`).
    func getAutomationRegistry(repository: String, context: NXCallContext) async throws -> GetAutomationRegistryOutput {
        let operations = NXOperations.descriptors.sorted { ($0.label.isEmpty ? $0.id : $0.label, $0.id) < ($1.label.isEmpty ? $1.id : $1.label, $1.id) }
        return .ok(.object([
            "paths": .object(["login": "login"]), "codecs": .array([]),
            "operations": .array(operations.map(AutomationJSON.operation)), "chains": .array([]),
        ]))
    }

    /// `GET /automation/{id}`: one operation's documentation (ids and aliases); unknown → 404.
    func getOperation(
        repository: String,
        operationId: String,
        context: NXCallContext
    ) async throws -> GetOperationOutput {
        guard let descriptor = NXOperations.descriptor(operationId) else {
            throw NXError.notFound("Failed to invoke operation: \(operationId)")
        }
        return .ok(AutomationJSON.operation(descriptor))
    }

    /// `POST /automation/{id}` with `{"input", "params", "context"}`.
    func runOperation(
        repository: String,
        operationId: String,
        documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?,
        body: JSONValue,
        context: NXCallContext
    ) async throws -> RunOperationOutput {
        let body = body.objectValue ?? JSONObject()
        return .ok(try await run(operationId, input: OperationValue.parse(body["input"]), body: body, repositoryName: repository,
                                 void: xNXVoidOperation, render: documentRendering.options(context), context: context))
    }

    /// `POST {doc}/@op/{id}`: the adapted document is the input.
    func runOperationOnDocument(
        repository: String,
        doc: DocumentRef,
        operationId: String,
        documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?,
        body: JSONValue,
        context: NXCallContext
    ) async throws -> RunOperationOnDocumentOutput {
        let document = try await self.repository(repository).0.document(doc, principal: context.user)
        return .ok(try await run(operationId, input: .document(document), body: body.objectValue ?? JSONObject(),
                                 repositoryName: repository, void: xNXVoidOperation, render: documentRendering.options(context), context: context))
    }

    /// Runs an operation and encodes its result: document → `document`, list → `documents`, nothing (or
    /// `X-NXVoidOperation: true`) → 204. Unknown operation → 404; failures keep their status, with Nuxeo's message prefix.
    func run(_ id: String, input: OperationValue, body: JSONObject, repositoryName: String, void: String?, render: RenderOptions,
             context: NXCallContext) async throws -> NXBody {
        guard let descriptor = NXOperations.descriptor(id) else { throw NXError.notFound("Failed to invoke operation: \(id)") }
        let (repository, json) = try self.repository(repositoryName)
        let operationContext = OperationContext(repository: repository, users: users, call: context, operationId: descriptor.id)
        var render = render
        if let schemas = body["documentProperties"]?.stringValue {
            render.properties = schemas.split(separator: ",").map { String($0).trimmingWhitespace }
        }
        let result: OperationValue
        do {
            let accepted = Set(descriptor.signature.map(\.input))
            guard input.kinds.contains(where: accepted.contains) || (accepted.contains("document") && input.kinds.contains("documents")) else {
                throw operationContext.invalidInput(input)
            }
            guard let value = try await NXOperations.invoke(
                id, on: DocumentOperations(), input: input, params: body["params"]?.objectValue ?? JSONObject(), context: operationContext)
            else { throw NXError.notFound("Failed to invoke operation: \(id)") }
            result = value
        } catch let error as NXError {
            let aliases = descriptor.aliases.isEmpty ? "" : " with aliases [\(descriptor.aliases.joined(separator: ", "))]"
            throw NXError(error.code, "Failed to invoke operation: \(descriptor.id), Failed to invoke operation \(descriptor.id)\(aliases), \(error.message)")
        }
        if void?.lowercased() == "true" { return .empty() }
        switch result {
        case .void: return .empty()
        case .reference(let text): return .entity(try await json.entity(try await repository.document(OperationValue.ref(text), principal: context.user), render))
        case .document(let document): return .entity(try await json.entity(document, render))
        case .documents(let documents):
            var entries: [DocumentEntity] = []
            for document in documents { entries.append(try await json.entity(document, render)) }
            return .entity(DocumentListEntity(entries: entries))
        case .page(let page): return .entity(try await json.page(page, render))
        }
    }
}

/// Nuxeo's operation documentation JSON (JsonWriter.writeOperation).
enum AutomationJSON {
    static func operation(_ d: OperationDescriptor) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(d.id)
        if !d.aliases.isEmpty { object["aliases"] = .array(d.aliases.map(JSONValue.string)) }
        object["label"] = .string(d.label.isEmpty ? d.id : d.label)
        object["category"] = .string(d.category)
        object["requires"] = .null
        object["description"] = .string(d.description)
        object["url"] = .string(d.id)
        object["signature"] = .array(d.signature.flatMap { [JSONValue.string($0.input), .string($0.output)] })
        // Params: by order when both have one, then required first, then by name (Param.compareTo).
        let params = d.params.sorted { a, b in
            if a.order != 0 && b.order != 0 && a.order != b.order { return a.order < b.order }
            if a.required != b.required { return a.required }
            return a.name < b.name
        }
        object["params"] = .array(params.map { p in
            .object([
                "name": .string(p.name), "description": .string(p.description), "type": .string(p.type), "required": .bool(p.required),
                "widget": p.widget.map(JSONValue.string) ?? .null, "order": .int(Int64(p.order)), "values": .array(p.values.map(JSONValue.string)),
            ])
        })
        return .object(object)
    }
}

/// A non-paginable `documents` list: `{"entity-type":"documents","entries":[…]}` (operation results).
struct DocumentListEntity: NXEntity {
    static let entityType = "documents"
    var entries: [DocumentEntity]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entity-type")
        writer.string(Self.entityType)
        writer.key("entries")
        writer.beginArray()
        for entry in entries { entry.writeJSON(to: &writer) }
        writer.endArray()
        writer.endObject()
    }

    init(entries: [DocumentEntity]) { self.entries = entries }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        entries = try container.decode([DocumentEntity].self, forKey: AnyKey("entries"))
    }
}
