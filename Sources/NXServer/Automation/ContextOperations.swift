import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// Nuxeo's execution-context operations: variables (`Context.SetVar`, `Context.SetInputAsVar`, `Context.Restore…Input`)
/// and the push/pop/pull stacks of documents and files. A `void` output passes the input on (see `runOperation`).
extension DocumentOperations {
    func contextSetVar(_ input: Value, _ params: ContextSetVarParams, context: Context) async throws -> Value {
        try context.state.setVariable(params.name, context.evaluated["value"] ?? .json(params.value ?? .null))
        return .void
    }

    func contextSetInputAsVar(_ input: Value, _ params: ContextSetInputAsVarParams, context: Context) async throws -> Value {
        try context.state.setVariable(params.name, input)
        return .void
    }

    func contextRestoreDocumentInput(_ input: Value, _ params: ContextRestoreDocumentInputParams, context: Context) async throws -> Value {
        try await context.restoreDocument(context.state.variable(params.name), what: "context map doesn't contains a document variable with name \(params.name)")
    }

    func contextRestoreDocumentsInput(_ input: Value, _ params: ContextRestoreDocumentsInputParams, context: Context) async throws -> Value {
        try await context.restoreDocuments(context.state.variable(params.name),
                                           what: "context map doesn't contains a documents variable with name \(params.name)")
    }

    func contextRestoreBlobInput(_ input: Value, _ params: ContextRestoreBlobInputParams, context: Context) async throws -> Value {
        try context.restoreBlob(context.state.variable(params.name), what: "context map doesn't contains a blob variable with name \(params.name)")
    }

    func contextRestoreBlobsInput(_ input: Value, _ params: ContextRestoreBlobsInputParams, context: Context) async throws -> Value {
        try context.restoreBlobs(context.state.variable(params.name), what: "context map doesn't contains a blobs variable with name \(params.name)")
    }

    func contextRestoreDocumentInputFromScript(
        _ input: Value, _ params: ContextRestoreDocumentInputFromScriptParams, context: Context
    ) async throws -> Value {
        try await context.restoreDocument(try await context.evaluate(params.script, input: input), what: "script does not return a document")
    }

    func contextRestoreDocumentsInputFromScript(
        _ input: Value, _ params: ContextRestoreDocumentsInputFromScriptParams, context: Context
    ) async throws -> Value {
        try await context.restoreDocuments(try await context.evaluate(params.script, input: input), what: "script does not return documents")
    }

    func contextRestoreBlobInputFromScript(_ input: Value, _ params: ContextRestoreBlobInputFromScriptParams, context: Context) async throws -> Value {
        try context.restoreBlob(try await context.evaluate(params.script, input: input), what: "script does not return a blob")
    }

    func contextRestoreBlobsInputFromScript(
        _ input: Value, _ params: ContextRestoreBlobsInputFromScriptParams, context: Context
    ) async throws -> Value {
        try context.restoreBlobs(try await context.evaluate(params.script, input: input), what: "script does not return blobs")
    }

    func contextPushDocument(_ input: Value, _ params: ContextPushDocumentParams, context: Context) async throws -> Value {
        try context.state.push(input, on: .document)
        return input
    }

    func contextPushDocumentList(_ input: Value, _ params: ContextPushDocumentListParams, context: Context) async throws -> Value {
        try context.state.push(input, on: .documents)
        return input
    }

    func contextPushBlob(_ input: Value, _ params: ContextPushBlobParams, context: Context) async throws -> Value {
        try context.state.push(input, on: .blob)
        return input
    }

    func contextPushBlobList(_ input: Value, _ params: ContextPushBlobListParams, context: Context) async throws -> Value {
        try context.state.push(input, on: .blobs)
        return input
    }

    func contextPopDocument(_ input: Value, _ params: ContextPopDocumentParams, context: Context) async throws -> Value {
        try await context.restoreDocument(context.state.take(from: .document, last: true), what: "context stack doesn't contain a document on its top")
    }

    func contextPopDocumentList(_ input: Value, _ params: ContextPopDocumentListParams, context: Context) async throws -> Value {
        try await context.restoreDocuments(context.state.take(from: .documents, last: true),
                                           what: "context stack doesn't contain a document list on its top")
    }

    func contextPopBlob(_ input: Value, _ params: ContextPopBlobParams, context: Context) async throws -> Value {
        try context.restoreBlob(context.state.take(from: .blob, last: true), what: "context stack doesn't contain a blob on its top")
    }

    func contextPopBlobList(_ input: Value, _ params: ContextPopBlobListParams, context: Context) async throws -> Value {
        try context.restoreBlobs(context.state.take(from: .blobs, last: true), what: "context stack doesn't contain a blob list on its top")
    }

    func contextPullDocument(_ input: Value, _ params: ContextPullDocumentParams, context: Context) async throws -> Value {
        try await context.restoreDocument(context.state.take(from: .document, last: false),
                                          what: "context stack doesn't contain a document on its bottom")
    }

    func contextPullDocumentList(_ input: Value, _ params: ContextPullDocumentListParams, context: Context) async throws -> Value {
        try await context.restoreDocuments(context.state.take(from: .documents, last: false),
                                           what: "context stack doesn't contain a document list on its bottom")
    }

    func contextPullBlob(_ input: Value, _ params: ContextPullBlobParams, context: Context) async throws -> Value {
        try context.restoreBlob(context.state.take(from: .blob, last: false), what: "context stack doesn't contain a blob on its bottom")
    }

    func contextPullBlobList(_ input: Value, _ params: ContextPullBlobListParams, context: Context) async throws -> Value {
        try context.restoreBlobs(context.state.take(from: .blobs, last: false), what: "context stack doesn't contain a blob list on its bottom")
    }

    /// `Context.FetchFile`: the input file(s), unchanged.
    func contextFetchFile(_ input: Value, _ params: ContextFetchFileParams, context: Context) async throws -> Value {
        switch input {
        case .blob, .blobs: return input
        default: throw context.invalidInput(input)
        }
    }
}

extension OperationContext {
    /// A variable or stack value as one document; anything else → 400 "Illegal state error…".
    func restoreDocument(_ value: OperationValue?, what: String) async throws -> OperationValue {
        switch value {
        case .document(let document)?: return .document(document)
        case .reference(let text)?: return .document(try await repository.document(OperationValue.ref(text), principal: principal))
        case .json(.string(let text))? where !text.isEmpty:
            return .document(try await repository.document(OperationValue.ref(text), principal: principal))
        default: throw NXError.invalid("Illegal state error for restore document operation. The \(what)")
        }
    }

    /// A variable or stack value as documents.
    func restoreDocuments(_ value: OperationValue?, what: String) async throws -> OperationValue {
        switch value {
        case .document(let document)?: return .documents([document])
        case .documents(let documents)?: return .documents(documents)
        case .page(let page)?: return .page(page)
        case .reference(let text)?: return .documents(try await documents(.reference(text)))
        case .json(.array(let items))? where items.allSatisfy({ $0.stringValue != nil }):
            return .documents(try await documents(.reference(items.compactMap(\.stringValue).joined(separator: ","))))
        default: throw NXError.invalid("Illegal state error for restore documents operation. The \(what)")
        }
    }

    /// A variable or stack value as one file.
    func restoreBlob(_ value: OperationValue?, what: String) throws -> OperationValue {
        guard case .blob(let blob)? = value else { throw NXError.invalid("Illegal state error for restore blob operation. The \(what)") }
        return .blob(blob)
    }

    /// A variable or stack value as files.
    func restoreBlobs(_ value: OperationValue?, what: String) throws -> OperationValue {
        switch value {
        case .blob(let blob)?: return .blobs([blob])
        case .blobs(let blobs)?: return .blobs(blobs)
        default: throw NXError.invalid("Illegal state error for restore blobs operation. The \(what)")
        }
    }
}
