import Hummingbird
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

    /// `POST /automation/login`: the caller, as Nuxeo's `JsonWriter.writeLogin` writes it (every group, inherited too).
    func automationLogin(repository: String, context: NXCallContext) async throws -> AutomationLoginOutput {
        .ok(.object(JSONObject([
            ("entity-type", "login"), ("username", .string(context.principal.name)), ("isAdministrator", .bool(context.principal.isAdministrator)),
            ("groups", .array(context.principal.groups.map(JSONValue.string))),
        ])))
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

    /// `POST /automation/{id}` with `{"input", "params", "context"}`, or a multipart body whose first part is that
    /// request and the other parts the input file(s) (Nuxeo's `MultiPartFormRequestReader`).
    func runOperation(
        repository: String,
        operationId: String,
        documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?,
        body: NXRequestStream,
        context: NXCallContext
    ) async throws -> RunOperationOutput {
        let (request, files) = try await readExecution(body, contentType: body.contentType)
        var input = OperationValue.parse(request["input"])
        if files.count == 1, let file = files.first { input = .blob(file) } else if files.count > 1 { input = .blobs(files) }
        return .ok(try await run(operationId, input: input, body: request, repositoryName: repository,
                                 void: xNXVoidOperation, render: documentRendering.options(context), context: context))
    }

    /// The execution request and the uploaded files of an automation call.
    func readExecution(_ body: NXRequestStream, contentType: String?) async throws -> (JSONObject, [BlobValue]) {
        guard let boundary = MultipartUpload.boundary(contentType) else {
            let value = try APIRequest.jsonValue(of: try await body.collect(upTo: NXRequestContext.maxBodySize))
            return (value.objectValue ?? JSONObject(), [])
        }
        let parts = try await MultipartUpload.read(body, boundary: boundary, binaries: batches.binaries, limit: maxUploadSize, related: true)
        guard parts.count >= 2, let first = parts.first else {
            throw NXError.invalid("Failed to parse multipart request: Received only \(parts.count) part(s), the request and at least one file are expected")
        }
        let request = try APIRequest.jsonValue(of: Array((first.text ?? "").utf8))
        let algorithm = batches.binaries.digestAlgorithm.rawValue
        let files = parts.dropFirst().compactMap { part -> BlobValue? in
            guard let binary = part.binary else { return nil }
            return BlobValue(name: part.filename.map(Self.latin1AsUTF8), mimeType: part.contentType, encoding: nil, digest: binary.digest,
                             digestAlgorithm: algorithm, length: binary.length)
        }
        return (request.objectValue ?? JSONObject(), files)
    }

    /// A part file name read as ISO-8859-1 that is valid UTF-8 once re-encoded is read as UTF-8 (Nuxeo's reader).
    static func latin1AsUTF8(_ name: String) -> String {
        let scalars = name.unicodeScalars
        guard scalars.allSatisfy({ $0.value < 256 }), scalars.contains(where: { $0.value >= 0x80 }) else { return name }
        return String(validating: scalars.map { UInt8($0.value) }, as: UTF8.self) ?? name
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
                                 repositoryName: repository, void: xNXVoidOperation, render: documentRendering.options(context), context: context,
                                 binding: .adapter))
    }

    /// Runs an operation and encodes its result: document → `document`, list → `documents`, nothing (or
    /// `X-NXVoidOperation: true`) → 204. Unknown operation → 404; failures keep their status, with Nuxeo's message prefix.
    /// `binding`: where the call came from, for the administrators-only operations (§5.4): `/automation/{id}` checks the
    /// canonical id and answers a refusal with an empty 404; `@op` and batch executions check the name as given
    /// (`/upload/…/execute` refuses with a 403).
    func run(_ id: String, input: OperationValue, body: JSONObject, repositoryName: String, void: String?, render: RenderOptions,
             context: NXCallContext, binding: OperationBinding = .automation) async throws -> NXBody {
        guard let descriptor = NXOperations.descriptor(id) else { throw NXError.notFound("Failed to invoke operation: \(id)") }
        if !context.principal.isAdministrator {
            switch binding {
            case .automation where OperationBinding.administratorsOnly.contains(descriptor.id):
                return .empty(status: 404)
            case .adapter where OperationBinding.administratorsOnly.contains(id):
                throw NXError.notFound("Failed to invoke operation: \(id)")
            case .batch where OperationBinding.administratorsOnly.contains(id):
                throw NXError.forbidden("Not allowed. You must be administrator to use this operation")
            default: break
            }
        }
        let (repository, json) = try self.repository(repositoryName)
        var operationContext = OperationContext(repository: repository, users: users, call: context, operationId: descriptor.id)
        operationContext.variables = body["context"]?.objectValue ?? JSONObject()
        operationContext.batches = batches
        operationContext.maxUploadSize = maxUploadSize
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
        case .blob(let blob):
            let download = try BlobDownload.stored(blob, binaries: repository.binaries, lastModified: nil)
            return .response(try download.response(method: .get, headers: [:], inline: false))
        case .blobs(let blobs):
            if blobs.isEmpty { return .response(Response(status: .noContent, headers: [.contentType: "application/nuxeo-empty-list"])) }
            return .response(try MultipartBlobs.response(blobs, binaries: repository.binaries))
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

/// Where an operation is called from, for Nuxeo's REST bindings of administrators-only operations.
enum OperationBinding: Sendable {
    case automation, adapter, batch

    /// The operations Nuxeo's default server reserves to administrators over REST (server-behaviour-2.md §5.4), keyed
    /// by name as Nuxeo keys them (`Blob.Post` is an alias).
    static let administratorsOnly: Set<String> = [
        "Blob.CreateFromURL", "Blob.Post", "Blob.ExportToFS", "Document.Mail", "Directory.Entries", "RunInputScript", "RunScript",
        "Counters.GET", "Document.CreateLiveProxy", "Audit.Query", "Audit.QueryWithPageProvider", "User.CreateOrUpdate",
        "Group.CreateOrUpdate", "Bulk.WaitForAction", "Metrics.Start", "Metrics.Stop", "Elasticsearch.Index", "Elasticsearch.WaitForIndexing",
        "Elasticsearch.BulkIndex", "Picture.RecomputeViews", "RecomputeThumbnails",
    ]
}
