import AsyncHTTPClient
import Foundation
import NIOCore
import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Blob.PostToURL` and `Blob.ExportToFS` (Nuxeo's PostBlob and BlobToFile): files sent out of the repository.
/// Administrators only over REST.
extension DocumentOperations {
    /// POSTs each input file's bytes to `url` (http or https) as Nuxeo's `HttpURLConnection` does: the raw content, the
    /// JDK's default `application/x-www-form-urlencoded` type, the response read and ignored whatever its status; returns
    /// the input. A URL that cannot be reached is a 400 naming it.
    func blobPostToURL(_ input: Value, _ params: BlobPostToURLParams, context: Context) async throws -> Value {
        guard let url = URL(string: params.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw NXError.invalid("Cannot post to \(params.url): an http or https URL is expected")
        }
        guard let binaries = context.repository.binaries else { throw NXError.unsupported("No binary store is configured") }
        for blob in try context.blobs(input) {
            guard let path = binaries.file(blob.digest) else { throw NXError.notFound("The content of \(blob.name ?? "a file") is missing") }
            var request = HTTPClientRequest(url: params.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let file = OwnedFile(try FileReader(path: path))
            request.body = .stream(FileChunks(file: file), length: .known(file.reader.size))
            do {
                let response = try await OutboundHTTP.client.execute(request, timeout: .seconds(300))
                _ = try await response.body.collect(upTo: 1 << 20)
            } catch {
                throw NXError.invalid("Cannot post to \(params.url): \(error)")
            }
        }
        return input
    }

    /// Writes each input file into `directory` (an absolute path outside the server's data directory and working
    /// directory, created when missing) as `prefix` + its file name, never over an existing file; returns the input.
    func blobExportToFS(_ input: Value, _ params: BlobExportToFSParams, context: Context) async throws -> Value {
        guard context.principal.isAdministrator else { throw NXError.forbidden("Not allowed. You must be administrator to use this operation") }
        guard let binaries = context.repository.binaries else { throw NXError.unsupported("No binary store is configured") }
        let directory = URL(fileURLWithPath: params.directory).standardizedFileURL.resolvingSymlinksInPath().path
        guard params.directory.hasPrefix("/") else { throw NXError.invalid("Not allowed. The target directory must be an absolute path (\(params.directory)).") }
        var forbidden = [FileManager.default.currentDirectoryPath]
        if let local = binaries as? LocalBinaryStore {
            forbidden.append(URL(fileURLWithPath: local.root).deletingLastPathComponent().resolvingSymlinksInPath().path)
        }
        if forbidden.contains(where: { directory == $0 || directory.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
            throw NXError.forbidden("Not allowed. The target directory is forbidden for this operation (\(params.directory)).")
        }
        var files: [(source: String, target: String)] = []
        for blob in try context.blobs(input) {
            guard let source = binaries.file(blob.digest) else { throw NXError.notFound("The content of \(blob.name ?? "a file") is missing") }
            let name = (params.prefix ?? "") + (blob.name.flatMap { $0.isEmpty ? nil : $0 } ?? "blob#\(blob.digest.prefix(8))")
            guard !name.contains("/"), name != ".", name != ".." else { throw NXError.invalid("Not allowed. '\(name)' is not a file name") }
            files.append((source, directory + "/" + name))
        }
        try await BlockingIO.run { [files] in
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for file in files {
                    guard !FileManager.default.fileExists(atPath: file.target) else { throw NXError.conflict("The file \(file.target) already exists") }
                    try FileManager.default.copyItem(atPath: file.source, toPath: file.target)
                }
            } catch let error as NXError {
                throw error
            } catch {
                throw NXError.invalid("Cannot write into \(directory): \(error.localizedDescription)")
            }
        }
        return input
    }
}

/// An open file closed when the last holder lets it go: the HTTP client may still read a request body after the call
/// that started it has returned.
final class OwnedFile: @unchecked Sendable {
    let reader: FileReader

    init(_ reader: FileReader) { self.reader = reader }

    deinit { reader.close() }
}

/// A stored file read in 64 KiB chunks, as a request body.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let file: OwnedFile

    struct AsyncIterator: AsyncIteratorProtocol {
        let file: OwnedFile
        var offset: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            let reader = file.reader
            guard offset < reader.size else { return nil }
            let bytes = try reader.read(at: offset, maxCount: 1 << 16)
            guard !bytes.isEmpty else { return nil }
            offset += Int64(bytes.count)
            return ByteBuffer(bytes: bytes)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(file: file) }
}
