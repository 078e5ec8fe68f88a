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
        try await dropping(properties.map { BlobInput.referencedBatches(in: .object($0)) } ?? [], noDrop: noDrop, work)
    }

    /// Runs `work`, then drops the batches `ids` whatever the outcome, unless `noDrop` is `true` (any case).
    func dropping<T>(_ ids: Set<String>, noDrop: String?, _ work: () async throws -> T) async throws -> T {
        let keep = noDrop?.trimmingWhitespace.lowercased() == "true"
        do {
            let result = try await work()
            if !keep { for id in ids { _ = try? await batches.delete(id) } }
            return result
        } catch {
            if !keep { for id in ids { _ = try? await batches.delete(id) } }
            throw error
        }
    }
}
