import NXRuntime

/// What a write needs to read blob values of a request body (Nuxeo's `BlobJsonReader` decoders): this server's base
/// URL (download URLs of this server are resolved to the blob they name) and the batch expiry horizon.
public struct BlobInput: Sendable {
    /// This server's base URL ending in `/nuxeo/` (`http://host:port/nuxeo/`); nil: no URL is resolved.
    public var baseURL: String?
    /// Batches idle since before this time (ms) are expired.
    public var batchNotBefore: Int64

    public init(baseURL: String?, batchNotBefore: Int64 = 0) {
        self.baseURL = baseURL
        self.batchNotBefore = batchNotBefore
    }

    /// The `upload-fileId` of a batch reference: a string (Nuxeo) or an integer.
    public static func fileIndex(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .int(let i)?: return String(i)
        default: return nil
        }
    }

    /// The batch ids a request body references (`{"upload-batch": …}` at any depth), for dropping after the request.
    public static func referencedBatches(in value: JSONValue) -> Set<String> {
        var result = Set<String>()
        var pending = [value]
        var visited = 0
        while let next = pending.popLast(), visited < 1_000_000 {
            visited += 1
            switch next {
            case .object(let object):
                if let id = object["upload-batch"]?.stringValue { result.insert(id) }
                pending.append(contentsOf: object.map(\.value))
            case .array(let items): pending.append(contentsOf: items)
            default: continue
            }
        }
        return result
    }
}

/// Turns a blob-typed value of a request body into the stored blob, inside the write transaction.
public protocol BlobResolving {
    /// The stored value (`.null` clears); nil leaves the property unchanged (Nuxeo's decoders answering null).
    func resolve(_ value: JSONValue, key: String) throws -> JSONValue?
}

/// Nuxeo's decoders in order (`ComplexTypeJSONDecoder.getBlobFromJSON`): inline text (`content`, or `data` not
/// starting with `http`); a download URL of this server in `data` then `blobUrl` (the caller must be able to read
/// that document; unresolvable → 400); `providerId`/`key` → 401; `upload-batch`/`upload-fileId` (a string) → the
/// batch file, or unchanged when unknown, expired or incomplete.
struct TransactionBlobResolver: BlobResolving {
    let repository: Repository
    let tx: any DocumentReading
    let input: BlobInput
    let principal: Principal

    func resolve(_ value: JSONValue, key: String) throws -> JSONValue? {
        if value.isNull { return .null }
        guard case .object(let object) = value else {
            throw NXError.invalid("Unable to deserialize property: \(key) (a blob is a JSON object, not a JSON \(value.kindName))")
        }
        let data = object["data"]?.stringValue
        let inline: String? = object["data"] != nil ? (data.map { $0.hasPrefix("http") ? nil : $0 } ?? nil) : object["content"]?.stringValue
        if let inline {
            guard let binaries = repository.binaries else { throw NXError.unsupported("No binary store is configured") }
            let binary = try BinaryStoreError.mapping { try binaries.store(Array(inline.utf8)) }
            return BlobValue(name: object["filename"]?.stringValue ?? object["name"]?.stringValue,
                             mimeType: object["mime-type"]?.stringValue ?? "text/plain", encoding: object["encoding"]?.stringValue ?? "UTF-8",
                             digest: binary.digest, digestAlgorithm: binaries.digestAlgorithm.rawValue, length: binary.length).json
        }
        if data != nil || object["blobUrl"] != nil {
            for candidate in [data, object["blobUrl"]?.stringValue] {
                if let candidate, let blob = try fromURL(candidate) { return blob.json }
            }
            return nil
        }
        if object["providerId"] != nil, object["key"] != nil {
            throw NXError.unauthenticated("The current user does not have the rights to fetch the blob")
        }
        if let batchId = object["upload-batch"]?.stringValue {
            // The file index as a string (Nuxeo) or a number. A batch that is gone (dropped, expired) or a file that is
            // missing or incomplete is a 400: Nuxeo leaves the property unchanged, which loses the upload silently.
            let index = BlobInput.fileIndex(object["upload-fileId"])
            guard let algorithm = repository.binaries?.digestAlgorithm else { throw NXError.unsupported("No binary store is configured") }
            guard let index, let file = try tx.batchFile(batchId: batchId, index: index, notBefore: input.batchNotBefore),
                  let blob = file.blob(algorithm: algorithm)
            else {
                throw NXError.invalid("Unable to find batch associated with id '\(batchId)' or file associated with index '\(index ?? "")' "
                                      + "(property \(key)): the batch may have been dropped or have expired, or the file is incomplete")
            }
            return blob.json
        }
        return nil
    }

    /// A blob named by a download URL of this server (`<base>nxfile/<repo>/<docId>/<xpath>[/<name>]`); nil for other
    /// URLs; this server's URL that names no readable blob → 400.
    func fromURL(_ url: String) throws -> BlobValue? {
        guard url.hasPrefix("http"), let base = input.baseURL, url.hasPrefix(base) else { return nil }
        var rest = String(url.dropFirst(base.count))
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.decode($0) }
        let unresolvable = NXError.invalid("Unable to resolve the blob of \(url)")
        guard parts.count >= 4, parts[0] == "nxfile", parts[1] == repository.name else { throw unresolvable }
        guard let document = try tx.document(id: parts[2]) else { throw unresolvable }
        do { try repository.check("Read", on: document, principal, tx) } catch { throw unresolvable }
        let tail = parts[3...].joined(separator: "/")
        let withoutName = parts.count > 4 ? parts[3..<(parts.count - 1)].joined(separator: "/") : tail
        for xpath in [tail, withoutName] {
            if let blob = BlobXPath.blob(xpath, in: document.properties) { return blob }
        }
        throw unresolvable
    }

}

extension BinaryStoreError {
    /// Runs binary store work, its `BinaryStoreError`s turned into client-facing `NXError`s.
    public static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BinaryStoreError {
            throw error.nxError
        }
    }

    /// The same for asynchronous work.
    public static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BinaryStoreError {
            throw error.nxError
        }
    }

    /// The client-facing error: 413 for a size limit, 500 for the file system.
    public var nxError: NXError {
        switch self {
        case .tooLarge(let limit): return NXError(.payloadTooLarge, "Request entity too large: the upload exceeds the limit of \(limit) bytes")
        case .io(let what): return NXError.internal("Binary store failure: \(what)")
        }
    }
}
