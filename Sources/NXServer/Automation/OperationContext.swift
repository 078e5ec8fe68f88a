import NXAPIRuntime
import NXCore
import NXRuntime

/// What operations run with: the repository, the caller and the request's rendering options.
struct OperationContext: Sendable {
    let repository: Repository
    /// Users and groups (permission operations check the names they grant to).
    let users: UserDirectory
    let call: NXCallContext
    /// The operation running (or the chain, between steps): named in error messages.
    var operationId: String
    /// What the operations of one call share: context variables, stacks, the `Auth.LoginAs` identity.
    var state: ExecutionState
    /// Chain parameters: the request's `params` when a chain runs (`ChainParameters[…]`, and values for missing params).
    var chainParameters = JSONObject()
    /// Evaluated values of this step's `expr:` parameters (documents and files keep their identity here).
    var evaluated: [String: OperationValue] = [:]
    /// Nesting of chains and `RunOperation` calls, bounded by `maximumDepth`.
    var depth = 0
    /// The server's automation traces (`Traces.*`).
    var traces: AutomationTraces?
    /// The calls of this run, as they happen (nil when not traced).
    var trace: CallTrace?
    /// The server's JSON stack display (`JsonStack.ToggleDisplay`).
    var stackDisplay: StackDisplay?
    /// The routing engine (the `Workflow…` operations).
    var workflows: WorkflowService?
    /// The converters (the `Blob.ToPDF`, `Blob.Convert` and `Blob.RunConverter` operations).
    var conversions: ConversionService?
    /// Deepest nesting of chains and sub-operations: a chain that runs itself fails with a 400 instead of exhausting the stack.
    static let maximumDepth = 32

    /// The context variable `name` as JSON (a document as its uid, a file as its name), nil when unset; only that one
    /// variable is converted.
    func variable(_ name: String) -> JSONValue? { state.variable(name)?.jsonSummary }

    /// The document named by the `currentDocument` context variable (`FileManager.Import`, `BlobHolder.Attach`…), read as
    /// the current identity; unset → 400 naming the variable, followed by `role` when given.
    func currentDocument(role: String = "") async throws -> DocumentRecord {
        guard let target = variable("currentDocument")?.stringValue, !target.isEmpty else {
            throw NXError.invalid("Failed to inject parameter: the context variable 'currentDocument'\(role) is missing")
        }
        return try await repository.document(OperationValue.ref(target), principal: principal)
    }
    /// Upload batches (blob parameters may reference a batch file).
    var batches: BatchManager?
    /// Largest file an operation may fetch or write, in bytes.
    var maxUploadSize: Int64 = 16 << 30
    /// The SMTP relay of `Document.Mail`, if configured.
    var mail: MailConfiguration?

    /// The caller, or the user `Auth.LoginAs` switched to.
    var principal: Principal { state.principal ?? call.user }

    init(repository: Repository, users: UserDirectory, call: NXCallContext, operationId: String, state: ExecutionState) {
        self.repository = repository
        self.users = users
        self.call = call
        self.operationId = operationId
        self.state = state
    }

    /// The input as one document (a reference is resolved); anything else → 400.
    func document(_ input: OperationValue) async throws -> DocumentRecord {
        switch input {
        case .document(let document): return document
        case .reference(let text): return try await repository.document(OperationValue.ref(text), principal: principal)
        default: throw invalidInput(input)
        }
    }

    /// The input as documents (a comma-separated reference list is resolved).
    func documents(_ input: OperationValue) async throws -> [DocumentRecord] {
        switch input {
        case .document(let document): return [document]
        case .documents(let documents): return documents
        case .page(let page): return page.entries
        case .reference(let text):
            var result: [DocumentRecord] = []
            for part in text.split(separator: ",") { result.append(try await repository.document(OperationValue.ref(String(part)), principal: principal)) }
            return result
        case .void, .blob, .blobs, .json: throw invalidInput(input)
        }
    }

    /// The input as files (one blob, or a list).
    func blobs(_ input: OperationValue) throws -> [BlobValue] {
        switch input {
        case .blob(let blob): return [blob]
        case .blobs(let blobs): return blobs
        default: throw invalidInput(input)
        }
    }

    /// Runs `body` on the input document, or on each input document (Nuxeo's collector): document → document,
    /// documents → documents.
    func each(_ input: OperationValue, _ body: (DocumentRecord) async throws -> DocumentRecord) async throws -> OperationValue {
        switch input {
        case .documents, .page:
            var result: [DocumentRecord] = []
            for document in try await documents(input) { result.append(try await body(document)) }
            return .documents(result)
        case .reference(let text) where text.contains(","):
            var result: [DocumentRecord] = []
            for document in try await documents(input) { result.append(try await body(document)) }
            return .documents(result)
        default:
            return .document(try await body(try await document(input)))
        }
    }

    /// Nuxeo's chain error for an input the operation has no method for.
    func invalidInput(_ input: OperationValue) -> NXError {
        NXError.invalid("Cannot find any valid path in operation chain - no method found for operation '\(operationId)' and for first input type '\(input.kinds[0])'")
    }

    /// Values of an operation's `properties` for new documents of `type`: text forms decoded per field type.
    func properties(_ values: JSONObject?, type: String) -> JSONObject? {
        properties(values, documentType: repository.registry.type(type))
    }

    /// Values of an operation's `properties` for `document` (the schemas of its instance facets included).
    func properties(_ values: JSONObject?, of document: DocumentRecord) -> JSONObject? {
        properties(values, documentType: repository.registry.type(of: document))
    }

    private func properties(_ values: JSONObject?, documentType: DocumentType?) -> JSONObject? {
        guard let values, let documentType else { return values }
        var result = JSONObject()
        for (key, value) in values {
            if let (_, field) = documentType.fieldsByKey[key] {
                result[key] = PropertyCoercion.fromAutomationText(value, field.type)
            } else {
                result[key] = value
            }
        }
        return result
    }
}
