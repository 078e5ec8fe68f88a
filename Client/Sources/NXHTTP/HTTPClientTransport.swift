import AsyncHTTPClient
import NIOCore
import NXRuntime

/// Sends requests with AsyncHTTPClient to `baseURL` (e.g. `http://127.0.0.1:8080/nuxeo/api/v1`).
public struct HTTPClientTransport: NXTransport {
    /// Base URL without a trailing slash.
    public var baseURL: String
    /// The client used.
    public var client: HTTPClient
    /// Largest response body read.
    public var maxResponseSize: Int

    /// The client transports use unless given one: AsyncHTTPClient's shared settings, except that a connection that
    /// cannot be made fails the request at once (after a 10 s connect timeout at most) instead of being retried until
    /// the request's deadline. `NXRetryPolicy` decides what is retried, with its own backoff.
    public static let defaultClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(baseURL: String, client: HTTPClient = HTTPClientTransport.defaultClient, maxResponseSize: Int = 64 * 1024 * 1024) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.maxResponseSize = maxResponseSize
    }

    public func send(_ request: NXHTTPRequest) async throws -> NXHTTPResponse {
        let response = try await client.execute(httpRequest(request), timeout: timeout(request))
        let body = try await response.body.collect(upTo: maxResponseSize)
        return NXHTTPResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body))
    }

    /// Streams the response body (downloads of any size), chunk by chunk as they arrive.
    public func stream(_ request: NXHTTPRequest) async throws -> (NXHTTPResponse, AsyncThrowingStream<[UInt8], any Error>) {
        let response = try await client.execute(httpRequest(request), timeout: timeout(request))
        let head = NXHTTPResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: [])
        // Pulled on demand: the next chunk is read from the connection only when the caller asks for it.
        let iterator = BodyIterator(response.body.makeAsyncIterator())
        let stream = AsyncThrowingStream<[UInt8], any Error>(unfolding: { try await iterator.next() })
        return (head, stream)
    }

    /// Uploads get an hour; other requests a minute.
    func timeout(_ request: NXHTTPRequest) -> TimeAmount { request.upload == nil ? .seconds(60) : .seconds(3600) }

    func httpRequest(_ request: NXHTTPRequest) -> HTTPClientRequest {
        var url = baseURL + request.path
        if !request.query.isEmpty {
            url += "?" + request.query.map { PercentEncoding.encodeQueryComponent($0.0) + "=" + PercentEncoding.encodeQueryComponent($0.1) }
                .joined(separator: "&")
        }
        var http = HTTPClientRequest(url: url)
        http.method = .init(rawValue: request.method)
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if let upload = request.upload {
            http.body = .stream(upload.chunks().map { ByteBuffer(bytes: $0) }, length: .known(upload.length))
        } else if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        return http
    }
}

/// The response body iterator behind a pulled stream (only ever used by one consumer at a time).
final class BodyIterator: @unchecked Sendable {
    var base: HTTPClientResponse.Body.AsyncIterator

    init(_ base: HTTPClientResponse.Body.AsyncIterator) { self.base = base }

    func next() async throws -> [UInt8]? { try await base.next().map { Array(buffer: $0) } }
}
