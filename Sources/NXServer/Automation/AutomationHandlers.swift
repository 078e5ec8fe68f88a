import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime


extension APIHandlers {
    /// `GET /automation`: Nuxeo's registry JSON (`paths`, `codecs`, `operations` sorted by label, `chains`).
    func getAutomationRegistry(repository: String, context: NXCallContext) async throws -> GetAutomationRegistryOutput {
        let operations = NXOperations.descriptors.map { (label: $0.label.isEmpty ? $0.id : $0.label, json: AutomationJSON.operation($0)) }
        let chains = NXChains.descriptors.map { (label: $0.id, json: AutomationJSON.chain($0, url: $0.id)) }
        let listed = (operations + chains).sorted { $0.label < $1.label }
        return .ok(.object([
            "paths": .object(["login": "login"]), "codecs": .array((AutomationJSON.codecs + NXBusinessObjects.descriptors.map { _ in AutomationJSON.adapterCodec })
                .map(JSONValue.string)),
            "operations": .array(listed.map(\.json)),
            "chains": .array(NXChains.descriptors.map { AutomationJSON.chain($0, url: "Chain.\($0.id)") }),
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
        if let descriptor = NXOperations.descriptor(operationId) { return .ok(AutomationJSON.operation(descriptor)) }
        if let chain = NXChains.descriptor(operationId) { return .ok(AutomationJSON.chain(chain, url: chain.id)) }
        throw NXError.notFound("Failed to invoke operation: \(operationId)")
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
        guard let canonical = try authorize(id, binding: binding, context: context) else { return .empty(status: 404) }
        let result = try await execute(id, canonical: canonical, input: input, body: body, repositoryName: repositoryName, context: context)
        if void == "true" { return .empty() }   // exact and case-sensitive, as Nuxeo's ResponseHelper
        return try await respond(result, repositoryName: repositoryName, render: render.reading(body), context: context)
    }

    /// The canonical id of operation or chain `id` when the caller may run it from `binding`; nil when Nuxeo answers the
    /// refusal with an empty 404 (`/automation/{id}`). Unknown → 404 exception; refused elsewhere → 404 or 403 exception.
    func authorize(_ id: String, binding: OperationBinding, context: NXCallContext) throws -> String? {
        let canonical: String
        if let descriptor = NXOperations.descriptor(id) {
            canonical = descriptor.id
        } else if let chain = NXChains.descriptor(id) {
            canonical = chain.id
        } else {
            throw NXError.notFound("Failed to invoke operation: \(id)")
        }
        if !context.principal.isAdministrator {
            switch binding {
            case .automation where OperationBinding.administratorsOnly.contains(canonical):
                return nil
            case .adapter where OperationBinding.administratorsOnly.contains(id):
                throw NXError.notFound("Failed to invoke operation: \(id)")
            case .batch where OperationBinding.administratorsOnly.contains(id):
                throw NXError.forbidden("Not allowed. You must be administrator to use this operation")
            default: break
            }
        }
        return canonical
    }

    /// Runs operation or chain `id` with the request's `params` and `context`; errors carry Nuxeo's message prefix.
    func execute(_ id: String, canonical: String, input: OperationValue, body: JSONObject, repositoryName: String,
                 context: NXCallContext) async throws -> OperationValue {
        let (repository, _) = try self.repository(repositoryName)
        var operationContext = OperationContext(repository: repository, users: users, call: context, operationId: canonical,
                                                state: try ExecutionState(variables: body["context"]?.objectValue ?? JSONObject()))
        operationContext.batches = batches
        operationContext.maxUploadSize = maxUploadSize
        operationContext.mail = mail
        operationContext.traces = traces
        operationContext.stackDisplay = stackDisplay
        operationContext.workflows = workflows
        operationContext.conversions = state.conversions
        let trace = CallTrace()
        operationContext.trace = trace
        do {
            let result = try await operationContext.execute(id, input: input, params: body["params"]?.objectValue ?? JSONObject())
            traces.finish(trace, key: canonical, error: nil)
            return result
        } catch let error as NXError where !error.message.hasPrefix("Failed to invoke operation: ") {
            let failure = NXError(error.code, "Failed to invoke operation: \(canonical), \(error.message)")
            traces.finish(trace, key: canonical, error: failure)
            throw failure
        } catch {
            traces.finish(trace, key: canonical, error: error)
            throw error
        }
    }

    /// An operation result as Nuxeo's `ResponseHelper` writes it: documents as `document`/`documents`, files streamed
    /// (several as multipart/mixed, none as a 204 `application/nuxeo-empty-list`), nothing as 204, other values as
    /// `{"entity-type": …, "value": …}`.
    func respond(_ result: OperationValue, repositoryName: String, render: RenderOptions, context: NXCallContext) async throws -> NXBody {
        let (repository, json) = try self.repository(repositoryName)
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
        case .json(.null): return .empty()
        case .json(.object(let object)) where OperationValue.isEntity(object):
            return .json(.object(object))   // a business object or a typed entity, written as it is
        case .json(let value): return .json(AutomationJSON.value(value))
        }
    }
}

extension RenderOptions {
    /// The options with the execution request's `documentProperties` (comma-separated schemas) applied.
    func reading(_ body: JSONObject) -> RenderOptions {
        var options = self
        if let schemas = body["documentProperties"]?.stringValue {
            options.properties = schemas.split(separator: ",").map { String($0).trimmingWhitespace }
        }
        return options
    }
}

/// Nuxeo's operation documentation JSON (JsonWriter.writeOperation).
enum AutomationJSON {
    /// The codecs a default server registers beyond the builtin ones (`JsonWriter.writeAutomationInfo`); Nuxeo's order comes
    /// from a `HashMap` keyed by class and varies between runs.
    static let codecs = [
        "org.nuxeo.ecm.automation.io.services.codec.DocumentModelCodec",
        "org.nuxeo.ecm.automation.io.services.codec.NuxeoPrincipalCodec",
        "org.nuxeo.ecm.automation.io.services.codec.BulkCodec",
    ]
    /// The codec class Nuxeo registers once per business adapter.
    static let adapterCodec = "org.nuxeo.ecm.automation.io.services.codec.ObjectCodecService$DocumentAdapterCodec"

    /// A chain as the registry lists it: category `Chain`, label = id, description or null, no aliases.
    static func chain(_ chain: ChainDescriptor, url: String) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(chain.id)
        object["label"] = .string(chain.id)
        object["category"] = "Chain"
        object["requires"] = .null
        object["description"] = chain.description.map(JSONValue.string) ?? .null
        object["url"] = .string(url)
        object["signature"] = .array(chain.signature.flatMap { [JSONValue.string($0.input), .string($0.output)] })
        object["params"] = .array(chain.params.map(param))
        return .object(object)
    }

    /// A result that is neither documents nor files, as Nuxeo's `DefaultJsonAdapter` writes it: `{"entity-type":
    /// "string"|"boolean"|"number"|"list"|"map", "value": …}`.
    static func value(_ value: JSONValue) -> JSONValue {
        let type: String
        switch value {
        case .string: type = "string"
        case .bool: type = "boolean"
        case .int, .double: type = "number"
        case .array: type = "list"
        case .object: type = "map"
        case .null: type = "null"
        }
        return .object(JSONObject([("entity-type", .string(type)), ("value", value)]))
    }

    static func param(_ p: OperationParamDescriptor) -> JSONValue {
        .object([
            "name": .string(p.name), "description": .string(p.description), "type": .string(p.type), "required": .bool(p.required),
            "widget": p.widget.map(JSONValue.string) ?? .null, "order": .int(Int64(p.order)), "values": .array(p.values.map(JSONValue.string)),
        ])
    }

    static func operation(_ d: OperationDescriptor) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(d.id)
        if !d.aliases.isEmpty { object["aliases"] = .array(d.aliases.map(JSONValue.string)) }
        object["label"] = .string(d.label.isEmpty ? d.id : d.label)
        object["category"] = .string(d.category)
        object["requires"] = .null
        object["description"] = .string(d.description)
        if let since = d.since, !since.isEmpty { object["since"] = .string(since) }
        object["url"] = .string(d.id)
        object["signature"] = .array(d.signature.flatMap { [JSONValue.string($0.input), .string($0.output)] })
        // Params: by order when both have one, then required first, then by name (Param.compareTo).
        let params = d.params.sorted { a, b in
            if a.order != 0 && b.order != 0 && a.order != b.order { return a.order < b.order }
            if a.required != b.required { return a.required }
            return a.name < b.name
        }
        object["params"] = .array(params.map(param))
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
        // nx: Nuxeo's binding for Blob.PostToURL is keyed on its alias and never applies; posting the repository's files
        // to any URL stays with administrators here.
        "Blob.PostToURL",
    ]
}
