import NXHTTP
import NXRuntime

/// The response of an endpoint whose body the server chooses (`any` responses): status, content type and bytes.
public struct NXRawResponse: Sendable, Equatable {
    /// HTTP status (any 2xx).
    public var status: Int
    /// `Content-Type`, if the server sent one.
    public var contentType: String?
    /// The body bytes (empty for 204).
    public var body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The body parsed as JSON, when it is JSON.
    public func json() throws -> JSONValue { try NXJSON.parse(body) }
}

extension NXClientCore {
    /// Sends `request`, expects `status`, parses any JSON value.
    public func sendJSON(_ request: NXHTTPRequest, expecting status: Int) async throws(NXClientError) -> JSONValue {
        let response = try await checked(request, expecting: status)
        do {
            return try NXJSON.parse(response.body)
        } catch {
            throw NXClientError.decoding("\(error)")
        }
    }

    /// Sends `request` and returns the raw body of any 2xx response; other statuses throw as usual.
    public func sendRaw(_ request: NXHTTPRequest) async throws(NXClientError) -> NXRawResponse {
        let response = try await raw(request)
        guard (200..<300).contains(response.status) else { throw Self.failure(response) }
        return NXRawResponse(status: response.status, contentType: response.header("Content-Type"), body: response.body)
    }

    /// A JSON value as request body bytes.
    public static func jsonBytes(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }
}
