import Foundation
import NXHTTP
import NXRuntime

/// A file uploaded into a batch: reference it from a document property (`reference`) or run an operation on it.
public struct NXBatchFile: Sendable, Hashable {
    public var batchId: String
    public var fileIndex: String

    /// `{"upload-batch": …, "upload-fileId": …}`, the blob value of a document property.
    public var reference: JSONValue { .object(["upload-batch": .string(batchId), "upload-fileId": .string(fileIndex)]) }
}

/// A download: the response head and its body, streamed chunk by chunk (never held whole).
public struct NXDownload: Sendable {
    /// Status (200, or 206 for a range).
    public var status: Int
    /// `Content-Type`.
    public var contentType: String?
    /// `Content-Length`.
    public var length: Int64?
    /// The `ETag` (the quoted digest).
    public var etag: String?
    /// The body.
    public var bytes: AsyncThrowingStream<[UInt8], any Error>

    /// Writes the body to `path` as it arrives; returns the byte count.
    @discardableResult
    public func write(to path: String) async throws -> Int64 {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        var total: Int64 = 0
        for try await chunk in bytes {
            try handle.write(contentsOf: chunk)
            total += Int64(chunk.count)
        }
        return total
    }
}

extension NXClientCore {
    /// Uploads a file through the batch API (`POST /upload`, then `/upload/{batchId}/{fileIndex}`), in chunks of
    /// `chunkSize` bytes when the file is larger (`X-Upload-Type: chunked`; a chunk is read from the file only when sent),
    /// reporting progress over the whole file. A new batch is opened unless `batchId` is given.
    public func upload(_ source: NXUploadSource, name: String, mimeType: String? = nil, batchId: String? = nil, fileIndex: String = "0",
                       chunkSize: Int = 8 << 20) async throws(NXClientError) -> NXBatchFile {
        var batch = batchId
        if batch == nil {
            let response = try await checked(NXHTTPRequest(method: "POST", path: "/upload"), expecting: 201)
            batch = (try? NXJSON.parse(response.body))?.objectValue?["batchId"]?.stringValue
        }
        guard let batch else { throw NXClientError.decoding("the server answered no batchId") }
        let path = "/upload/" + PercentEncoding.encodePathSegment(batch) + "/" + PercentEncoding.encodePathSegment(fileIndex)
        var headers = [("X-File-Name", PercentEncoding.encodeQueryComponent(name))]
        if let mimeType { headers.append(("X-File-Type", mimeType)) }
        let size = max(4096, chunkSize)
        if source.length <= Int64(size) {
            _ = try await checked(NXHTTPRequest(method: "POST", path: path, headers: headers, upload: source), expecting: 201)
            return NXBatchFile(batchId: batch, fileIndex: fileIndex)
        }
        let count = Int((source.length + Int64(size) - 1) / Int64(size))
        var sent: Int64 = 0
        for index in 0..<count {
            let chunk: [UInt8]
            do { chunk = try source.slice(offset: Int64(index) * Int64(size), length: Int64(size)) } catch {
                throw .transport("cannot read the file to upload: \(error)")
            }
            var part = NXUploadSource.bytes(chunk)
            let base = sent, total = source.length, progress = source.progress
            part.progress = { done, _ in progress?(base + done, total) }
            let chunkHeaders = headers + [("X-Upload-Type", "chunked"), ("X-Upload-Chunk-Index", String(index)),
                                          ("X-Upload-Chunk-Count", String(count)), ("X-File-Size", String(source.length))]
            _ = try await checked(NXHTTPRequest(method: "POST", path: path, headers: chunkHeaders, upload: part),
                                  expecting: index == count - 1 ? 201 : 202)
            sent += Int64(chunk.count)
        }
        return NXBatchFile(batchId: batch, fileIndex: fileIndex)
    }

    /// Streams a download: `path` under the API base (`/id/<uid>/@blob/file:content`); `range` as `bytes=a-b`.
    public func download(_ path: String, range: String? = nil) async throws(NXClientError) -> NXDownload {
        var request = NXHTTPRequest(method: "GET", path: path)
        if let credentials { request.headers.append(("Authorization", credentials.authorizationHeader)) }
        if let range { request.headers.append(("Range", range)) }
        let head: NXHTTPResponse, bytes: AsyncThrowingStream<[UInt8], any Error>
        do { (head, bytes) = try await transport.stream(request) } catch is CancellationError { throw .cancelled } catch { throw .transport("\(error)") }
        guard head.status == 200 || head.status == 206 else {
            var body: [UInt8] = []
            do { for try await chunk in bytes where body.count < 1 << 20 { body += chunk } } catch { throw .transport("\(error)") }
            throw Self.failure(NXHTTPResponse(status: head.status, headers: head.headers, body: body))
        }
        return NXDownload(status: head.status, contentType: head.header("Content-Type"), length: head.header("Content-Length").flatMap { Int64($0) },
                          etag: head.header("ETag"), bytes: bytes)
    }
}

extension NXUploadSource {
    /// `length` bytes at `offset` of the content (a file is read at that offset only).
    func slice(offset: Int64, length: Int64) throws -> [UInt8] {
        switch content {
        case .bytes(let bytes):
            let start = Int(min(offset, Int64(bytes.count))), end = Int(min(offset + length, Int64(bytes.count)))
            return Array(bytes[start..<end])
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            return Array(try handle.read(upToCount: Int(length)) ?? Data())
        }
    }
}
