import MultipartKit
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

/// Reads `multipart/form-data` and `multipart/related` bodies as they arrive (multipart-kit's push parser): file parts
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
        let state = ParseState(binaries: binaries, limit: limit, related: related)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        do {
            for try await buffer in stream {
                try parser.execute(buffer)
                if let error = state.error { throw error }
            }
        } catch let error as NXError {
            state.cancel()
            throw error
        } catch {
            state.cancel()
            throw NXError.invalid("Failed to parse multipart request: \(error)")
        }
        state.cancel()
        return state.parts
    }

    /// The state the parser callbacks update (the parser runs on one task at a time).
    final class ParseState: @unchecked Sendable {
        let binaries: any BinaryStore
        let limit: Int64
        let related: Bool
        var parts: [MultipartUploadPart] = []
        var current = MultipartUploadPart()
        var headers: [(String, String)] = []
        var started = false
        var writer: (any BinaryWriter)?
        var text: [UInt8] = []
        var error: NXError?

        init(binaries: any BinaryStore, limit: Int64, related: Bool) {
            self.binaries = binaries
            self.limit = limit
            self.related = related
        }

        func header(_ name: String, _ value: String) {
            headers.append((name.lowercased(), value))
        }

        /// The first body bytes of a part: decide file or text from its headers.
        func start() {
            started = true
            for (name, value) in headers {
                if name == "content-type" { current.contentType = value }
                if name == "content-disposition" {
                    current.name = ContentDispositionParameters.value("name", in: value)
                    current.filename = ContentDispositionParameters.value("filename", in: value)
                }
            }
            // Form data: a part with a file name is a file (Nuxeo's FormData), and so is a part named `file` sent without one.
            let isFile = related ? parts.count >= 1 : current.filename != nil || current.name == "file"
            if isFile {
                do { writer = try binaries.makeWriter(limit: limit) } catch let failure as BinaryStoreError { error = failure.nxError } catch {
                    self.error = NXError.internal("\(error)")
                }
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard error == nil else { return }
            if !started { start() }
            if let writer {
                do {
                    try buffer.withUnsafeReadableBytes { try writer.append($0) }
                } catch let failure as BinaryStoreError {
                    error = failure.nxError
                } catch {
                    self.error = NXError.internal("\(error)")
                }
            } else {
                guard text.count + buffer.readableBytes <= MultipartUpload.maxTextPart else {
                    error = NXError(.payloadTooLarge, "A multipart field exceeds \(MultipartUpload.maxTextPart) bytes")
                    return
                }
                text += buffer.readableBytesView
            }
        }

        func complete() {
            guard error == nil else { return }
            if !started { start() }
            if let writer {
                do {
                    current.binary = try writer.finish()
                } catch let failure as BinaryStoreError {
                    error = failure.nxError
                } catch {
                    self.error = NXError.internal("\(error)")
                }
                self.writer = nil
            } else {
                current.text = String(decoding: text, as: UTF8.self)
            }
            parts.append(current)
            current = MultipartUploadPart()
            headers = []
            text = []
            started = false
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
