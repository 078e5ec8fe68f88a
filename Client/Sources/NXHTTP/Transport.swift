import Foundation
import NXRuntime

/// An HTTP request relative to the API base path (`/id/…`, already percent-encoded).
public struct NXHTTPRequest: Sendable {
    /// Method (`GET`, …).
    public var method: String
    /// Path under the base path, encoded.
    public var path: String
    /// Query parameters, unencoded.
    public var query: [(String, String)]
    /// Headers.
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]?
    /// A streamed body (uploads); takes precedence over `body`.
    public var upload: NXUploadSource?

    public init(method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8]? = nil,
                upload: NXUploadSource? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.upload = upload
    }
}

/// An HTTP response.
public struct NXHTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Headers (names as received).
    public var headers: [(String, String)]
    /// Body bytes.
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// First value of header `name`, case-insensitive.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }
}

/// Sends requests somewhere: over HTTP, or straight into an in-process router in tests.
public protocol NXTransport: Sendable {
    /// Sends `request` and returns the full response.
    func send(_ request: NXHTTPRequest) async throws -> NXHTTPResponse
    /// Sends `request` and returns the response head (its `body` empty) and its body as a stream of chunks.
    func stream(_ request: NXHTTPRequest) async throws -> (NXHTTPResponse, AsyncThrowingStream<[UInt8], any Error>)
}

extension NXTransport {
    /// A transport that cannot stream reads the whole body, then hands it on as one chunk.
    public func stream(_ request: NXHTTPRequest) async throws -> (NXHTTPResponse, AsyncThrowingStream<[UInt8], any Error>) {
        var response = try await send(request)
        let body = response.body
        response.body = []
        return (response, AsyncThrowingStream { continuation in
            if !body.isEmpty { continuation.yield(body) }
            continuation.finish()
        })
    }
}

/// Basic credentials.
public struct NXCredentials: Sendable, Hashable {
    /// User name.
    public var user: String
    /// Password.
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// `Basic base64(user:password)`.
    public var authorizationHeader: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }
}

extension DocumentRef {
    /// `/id/<uid>` or `/path/<segments>`, percent-encoded.
    public var urlPath: String {
        switch self {
        case .id(let id): return "/id/" + PercentEncoding.encodePathSegment(id)
        case .path(let path):
            let segments = path.split(separator: "/").map { PercentEncoding.encodePathSegment(String($0)) }
            return "/path/" + segments.joined(separator: "/")
        }
    }
}
