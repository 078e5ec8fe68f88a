import NXAPIRuntime
import NXCore
import NXRuntime

extension APIHandlers {
    /// How a request's blob values are read: this server's download URLs resolve, live batches answer references.
    func blobInput(_ context: NXCallContext) -> BlobInput {
        BlobInput(baseURL: context.baseURL, batchNotBefore: batches.notBefore)
    }

    /// Runs `work`, then drops the batches the body references (`{"upload-batch": …}`), whether it succeeded or not,
    /// unless `X-Batch-No-Drop: true` — Nuxeo's request-cleanup handler of `JSONBatchBlobDecoder`.
    func droppingBatches<T>(_ properties: JSONObject?, noDrop: String?, _ work: () async throws -> T) async throws -> T {
        let referenced = properties.map { BlobInput.referencedBatches(in: .object($0)) } ?? []
        let keep = noDrop?.trimmingWhitespace.lowercased() == "true"
        do {
            let result = try await work()
            if !keep { for id in referenced { try? await batches.delete(id) } }
            return result
        } catch {
            if !keep { for id in referenced { try? await batches.delete(id) } }
            throw error
        }
    }
}
