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

    public init(baseURL: String, client: HTTPClient = .shared, maxResponseSize: Int = 64 * 1024 * 1024) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.maxResponseSize = maxResponseSize
    }

    public func send(_ request: NXHTTPRequest) async throws -> NXHTTPResponse {
        var url = baseURL + request.path
        if !request.query.isEmpty {
            url += "?" + request.query.map { PercentEncoding.encodeQueryComponent($0.0) + "=" + PercentEncoding.encodeQueryComponent($0.1) }
                .joined(separator: "&")
        }
        var http = HTTPClientRequest(url: url)
        http.method = .init(rawValue: request.method)
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(http, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: maxResponseSize)
        return NXHTTPResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body))
    }
}
