import Foundation
import HTTPTypes
import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// Streams a blob as Nuxeo's `DownloadService` does (server-behaviour-2.md §1.5): `ETag` from the digest and
/// `If-None-Match` → 304, `Last-Modified`/`If-Modified-Since`, `Want-Digest`, `Accept-Ranges` and a single `Range` →
/// 206, `Content-Disposition` (RFC 2231/5987 names), `Content-Type` with the blob's charset, `Content-Length`; HEAD
/// gets the headers only. The file is read in 256 KiB pieces as the connection takes them: never held whole.
/// A type a browser could run (HTML, SVG, XML…) is always an attachment, with `nosniff` and a sandboxing CSP.
struct BlobDownload: Sendable {
    /// What is sent.
    enum Content: Sendable {
        /// A stored binary, by path.
        case file(String)
        /// Small generated content (a Note's text).
        case bytes([UInt8])
    }

    var blob: BlobValue
    var content: Content
    /// The file name of the URL (nxfile), which wins over the blob's.
    var urlFilename: String?
    /// `dc:modified` of the document, for `Last-Modified`.
    var lastModified: Date?

    /// The download of a stored blob; its binary missing → 404 `No blob found`.
    static func stored(_ blob: BlobValue, binaries: (any BinaryStore)?, lastModified: String?, urlFilename: String? = nil) throws -> BlobDownload {
        guard let path = binaries?.file(blob.digest) else { throw NXError.notFound("No blob found") }
        return BlobDownload(blob: blob, content: .file(path), urlFilename: urlFilename, lastModified: lastModified.flatMap(NXDate.parse).map { Date(timeIntervalSince1970: Double($0) / 1000) })
    }

    /// The response to `method` with the request's `headers`; `inline` from the `inline` query parameter.
    func response(method: HTTPRequest.Method, headers: HTTPFields, inline: Bool) throws -> Response {
        let digest = blob.digest
        var fields: HTTPFields = [:]
        if let lastModified {
            let seconds = Date(timeIntervalSince1970: floor(lastModified.timeIntervalSince1970))
            fields[.lastModified] = Self.httpDate(seconds)
            if let since = headers[.ifModifiedSince].flatMap(Self.parseHTTPDate), since >= seconds {
                return Response(status: .notModified, headers: fields)
            }
        }
        let etag = EntityTag.quoted(digest)
        fields[.eTag] = etag
        if EntityTag.matches(ifNoneMatch: headers[.ifNoneMatch], etag: etag) {
            return Response(status: method == .get || method == .head ? .notModified : .preconditionFailed, headers: fields)
        }
        // Want-Digest: `md5` → `Digest: MD5=<base64>`; `contentMD5` (no range) → `Content-MD5` (values lower-cased, `;q=` dropped).
        let wanted = Set(headers[values: HTTPField.Name("Want-Digest")!].flatMap { $0.split(separator: ",") }.map {
            String($0.split(separator: ";").first ?? "").trimmingWhitespace.lowercased()
        })
        if blob.digestAlgorithm == DigestAlgorithm.md5.rawValue, let raw = Self.bytes(hex: digest) {
            if wanted.contains("md5") { fields[HTTPField.Name("Digest")!] = "MD5=" + Data(raw).base64EncodedString() }
            if wanted.contains("contentmd5"), headers[.range] == nil { fields[HTTPField.Name("Content-MD5")!] = Data(raw).base64EncodedString() }
        }
        let mimeType = blob.mimeType ?? "application/octet-stream"
        let safe = MimeTypes.isSafeToServe(mimeType)
        let filename = urlFilename ?? blob.name ?? "file"
        fields[.contentDisposition] = ContentDisposition.value(filename: filename, inline: inline && safe)
        var contentType = mimeType
        if let encoding = blob.encoding, !encoding.trimmingWhitespace.isEmpty, MimeTypes.charset(of: mimeType) == nil {
            contentType += ";charset=" + encoding
        }
        fields[.contentType] = contentType
        if !safe { fields[.contentSecurityPolicy] = "sandbox" }
        fields[.acceptRanges] = "bytes"
        let length: Int64
        switch content {
        case .file(let path):
            let reader = try FileReader(path: path)
            length = reader.size
            reader.close()
        case .bytes(let bytes):
            length = Int64(bytes.count)
        }
        var status = HTTPResponse.Status.ok
        var range = ByteRange(start: 0, end: length - 1)
        if let requested = ByteRange.parse(headers[.range], length: length) {
            range = requested
            status = .partialContent
            fields[.contentRange] = requested.contentRange(length: length)
        }
        let count = length == 0 ? 0 : range.count
        fields[.contentLength] = String(count)
        if method == .head { return Response(status: status, headers: fields) }
        let content = self.content
        let start = range.start
        return Response(status: status, headers: fields, body: ResponseBody(contentLength: Int(count)) { writer in
            switch content {
            case .bytes(let bytes):
                if count > 0 { try await writer.write(ByteBuffer(bytes: bytes[Int(start)..<Int(start + count)])) }
            case .file(let path):
                try await FileStreaming.write(path: path, from: start, count: count, to: &writer)
            }
            try await writer.finish(nil)
        })
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    static let httpDateFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()

    /// The formatter is shared, so it is used under a lock.
    static let httpDateLock = NSLock()
    static func httpDate(_ date: Date) -> String { httpDateLock.withLock { httpDateFormat.string(from: date) } }
    static func parseHTTPDate(_ text: String) -> Date? { httpDateLock.withLock { httpDateFormat.date(from: text) } }
}
