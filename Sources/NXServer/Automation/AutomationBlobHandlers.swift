import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// Operations whose input is a file: piped from `@blob/{xpath}/@op/{id}`, or the files of an upload batch
/// (`/upload/{batchId}[/{fileIdx}]/execute/{id}`, the batch then dropped unless `X-Batch-No-Drop: true`).
extension APIHandlers {
    func runOperationOnBlob(
        repository: String, doc: DocumentRef, xpath: String, operationId: String, documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?, body: JSONValue, context: NXCallContext
    ) async throws -> RunOperationOnBlobOutput {
        let (store, _) = try self.repository(repository)
        let document = try await store.document(doc, principal: context.user)
        let (_, blob) = try store.blob(of: document, xpath: xpath)
        guard let blob else { throw NXError.notFound("No blob found") }
        return .ok(try await run(operationId, input: .blob(blob), body: body.objectValue ?? JSONObject(), repositoryName: repository,
                                 void: xNXVoidOperation, render: documentRendering.options(context), context: context, binding: .adapter))
    }

    func executeBatch(
        repository: String, batchId: String, operationId: String, documentRendering: DocumentRenderingParameters, xNXVoidOperation: String?,
        xBatchNoDrop: String?, body: JSONValue, context: NXCallContext
    ) async throws -> ExecuteBatchOutput {
        guard let files = try await batches.files(batchId) else { throw Self.unknownBatch(batchId) }
        let algorithm = batches.binaries.digestAlgorithm
        let blobs = files.compactMap { $0.blob(algorithm: algorithm) }
        return .ok(try await dropping([batchId], noDrop: xBatchNoDrop) {
            try await run(operationId, input: .blobs(blobs), body: body.objectValue ?? JSONObject(), repositoryName: repository,
                          void: xNXVoidOperation, render: documentRendering.options(context), context: context, binding: .batch)
        })
    }

    func executeBatchFile(
        repository: String, batchId: String, fileIdx: String, operationId: String, documentRendering: DocumentRenderingParameters,
        xNXVoidOperation: String?, xBatchNoDrop: String?, body: JSONValue, context: NXCallContext
    ) async throws -> ExecuteBatchFileOutput {
        guard try await batches.handler(batchId) != nil else { throw Self.unknownBatch(batchId) }
        try Self.checkIndex(fileIdx)
        guard let file = try await batches.file(batchId, index: fileIdx), let blob = file.blob(algorithm: batches.binaries.digestAlgorithm) else {
            throw Self.unknownFile(batchId, fileIdx)
        }
        return .ok(try await dropping([batchId], noDrop: xBatchNoDrop) {
            try await run(operationId, input: .blob(blob), body: body.objectValue ?? JSONObject(), repositoryName: repository,
                          void: xNXVoidOperation, render: documentRendering.options(context), context: context, binding: .batch)
        })
    }
}
