import HTTPTypes
import Hummingbird
import NIOCore
import NXRuntime

/// A request body read as it arrives (uploads), never collected whole: iterate its byte buffers once.
public struct NXRequestStream: Sendable, AsyncSequence {
    public typealias Element = ByteBuffer
    let body: RequestBody
    /// The declared `Content-Length`, if any.
    public let contentLength: Int64?
    /// The declared `Content-Type`, if any.
    public let contentType: String?

    public init(_ body: RequestBody, headers: HTTPFields) {
        self.body = body
        contentLength = headers[.contentLength].flatMap { Int64($0) }
        contentType = headers[.contentType]
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        public mutating func next() async throws -> ByteBuffer? { try await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }

    /// The whole body, for small bodies: more than `limit` bytes → 413.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in self {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw NXError(.payloadTooLarge, "Request entity too large: the body exceeds the limit of \(limit) bytes")
            }
            bytes += buffer.readableBytesView
        }
        return bytes
    }
}
