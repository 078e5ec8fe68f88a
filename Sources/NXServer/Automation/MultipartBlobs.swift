import Foundation
import Hummingbird
import NXCore
import NXRuntime

/// A list of blobs as an automation result: `multipart/mixed`, one part per blob with `Content-Disposition: attachment;
/// filename=…` and its `Content-Type` (Nuxeo's `MultipartBlobs`), streamed file by file with a known length.
enum MultipartBlobs {
    static func response(_ blobs: [BlobValue], binaries: (any BinaryStore)?) throws -> Response {
        let boundary = "----=_Part_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var pieces: [(head: [UInt8], path: String, length: Int64)] = []
        for blob in blobs {
            guard let path = binaries?.file(blob.digest) else { throw NXError.notFound("No blob found") }
            let head = "--\(boundary)\r\nContent-Disposition: \(ContentDisposition.value(filename: blob.name ?? "file", inline: false))\r\n"
                + "Content-Type: \(blob.mimeType ?? "application/octet-stream")\r\n\r\n"
            pieces.append((Array(head.utf8), path, blob.length))
        }
        let tail = Array("--\(boundary)--\r\n".utf8)
        let parts = pieces
        let length = pieces.reduce(Int64(tail.count)) { $0 + Int64($1.head.count) + $1.length + 2 }
        let body = ResponseBody(contentLength: Int(length)) { writer in
            for piece in parts {
                try await writer.write(ByteBuffer(bytes: piece.head))
                try await FileStreaming.write(path: piece.path, from: 0, count: piece.length, to: &writer)
                try await writer.write(ByteBuffer(bytes: Array("\r\n".utf8)))
            }
            try await writer.write(ByteBuffer(bytes: tail))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "multipart/mixed; boundary=\"\(boundary)\""], body: body)
    }
}
