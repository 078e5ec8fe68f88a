import NXAPIRuntime
import NXCore
import NXRuntime

/// A part of a multipart request body: a file (streamed into the binary store) or a small text field.
struct MultipartUploadPart: Sendable {
    /// `name` of `Content-Disposition`.
    var name: String?
    /// `filename` of `Content-Disposition` (raw UTF-8 accepted).
    var filename: String?
    /// The part's `Content-Type`, verbatim.
    var contentType: String?
    /// The stored content of a file part.
    var binary: StoredBinary?
    /// The text of a field part.
    var text: String?
}

/// Reads `multipart/form-data` and `multipart/related` bodies as they arrive (`MultipartStreamParser`): file parts
/// go straight into the binary store, never into memory; other parts (JSON parameters, form fields) are kept as text up
/// to 1 MiB each. `filesFrom`: parts at this index and after are files in `multipart/related` (Nuxeo's automation
/// reader: part 0 is the request, the rest are blobs).
enum MultipartUpload {
    static let maxTextPart = 1 << 20

    /// The boundary of a multipart content type, nil when not multipart or without one.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 200 ? nil : value
        }
        return nil
    }

    static func read(_ stream: NXRequestStream, boundary: String, binaries: any BinaryStore, limit: Int64, related: Bool) async throws
        -> [MultipartUploadPart]
    {
        var parser = MultipartStreamParser(boundary: boundary)
        let state = ParseState(binaries: binaries, limit: limit, related: related)
        defer { state.cancel() }
        do {
            for try await buffer in stream {
                for event in try parser.feed(buffer.readableBytesView) { try state.handle(event) }
                if parser.isComplete { break }
            }
        } catch let failure as MultipartStreamParser.Failure {
            throw NXError.invalid("Failed to parse multipart request: \(failure.message)")
        }
        guard parser.isComplete else { throw NXError.invalid("Failed to parse multipart request: the closing boundary is missing") }
        return state.parts
    }

    /// What the parser's events build: file parts written to the binary store as their bytes arrive, text parts kept
    /// (1 MiB in all).
    final class ParseState {
        let binaries: any BinaryStore
        let limit: Int64
        let related: Bool
        var parts: [MultipartUploadPart] = []
        var current = MultipartUploadPart()
        var writer: (any BinaryWriter)?
        var text: [UInt8] = []
        var textTotal = 0

        init(binaries: any BinaryStore, limit: Int64, related: Bool) {
            self.binaries = binaries
            self.limit = limit
            self.related = related
        }

        func handle(_ event: MultipartStreamParser.Event) throws {
            switch event {
            case .headers(let headers):
                current = MultipartUploadPart()
                for (name, value) in headers {
                    if name == "content-type" { current.contentType = value }
                    if name == "content-disposition" {
                        current.name = ContentDispositionParameters.value("name", in: value)
                        current.filename = ContentDispositionParameters.value("filename", in: value)
                    }
                }
                // Form data: a part with a file name is a file (Nuxeo's FormData), and so is a part named `file` sent
                // without one. Related: every part after the first (the request) is a file.
                let isFile = related ? parts.count >= 1 : current.filename != nil || current.name == "file"
                if isFile { writer = try BinaryStoreError.mapping { try binaries.makeWriter(limit: limit) } }
            case .body(let bytes):
                if let writer {
                    try BinaryStoreError.mapping { try writer.append(bytes) }
                } else {
                    textTotal += bytes.count
                    guard textTotal <= MultipartUpload.maxTextPart else {
                        throw NXError(.payloadTooLarge, "The fields of a multipart request exceed \(MultipartUpload.maxTextPart) bytes")
                    }
                    text += bytes
                }
            case .partEnd:
                if let writer {
                    current.binary = try BinaryStoreError.mapping { try writer.finish() }
                    self.writer = nil
                } else {
                    current.text = String(decoding: text, as: UTF8.self)
                }
                parts.append(current)
                text = []
            case .end:
                break
            }
        }

        func cancel() {
            writer?.cancel()
            writer = nil
        }
    }
}

/// Parameters of a `Content-Disposition` value (`form-data; name="file"; filename="a b.txt"`, `filename*=UTF-8''…`).
enum ContentDispositionParameters {
    static func value(_ key: String, in header: String) -> String? {
        var extended: String?
        var plain: String?
        for piece in split(header) {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<eq]).trimmingWhitespace.lowercased()
            var value = String(piece[piece.index(after: eq)...]).trimmingWhitespace
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            if name == key { plain = value }
            if name == key + "*", let quote = value.range(of: "''") {
                extended = PercentEncoding.decode(value[quote.upperBound...])
            }
        }
        return extended ?? plain
    }

    /// Splits on `;` outside quotes.
    static func split(_ header: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
