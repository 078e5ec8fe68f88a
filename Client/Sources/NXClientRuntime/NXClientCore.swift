import NXHTTP
import NXRuntime

/// Sends requests with credentials and decodes responses; generated methods build on it.
public struct NXClientCore: Sendable {
    /// Where requests go.
    public var transport: any NXTransport
    /// Credentials sent with every request.
    public var credentials: NXCredentials?
    /// When a request failed in transport is sent again.
    public var retry: NXRetryPolicy

    public init(transport: any NXTransport, credentials: NXCredentials?, retry: NXRetryPolicy = .default) {
        self.transport = transport
        self.credentials = credentials
        self.retry = retry
    }

    /// An `application/x-www-form-urlencoded` body of `fields`.
    public static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { PercentEncoding.encodeQueryComponent($0.0) + "=" + PercentEncoding.encodeQueryComponent($0.1) }.joined(separator: "&").utf8)
    }

    /// Sends `request` and returns the raw response, whatever its status; a transport failure of an idempotent request
    /// is retried as `retry` says.
    public func raw(_ request: NXHTTPRequest) async throws(NXClientError) -> NXHTTPResponse {
        var request = request
        if let credentials, !request.headers.contains(where: { $0.0.lowercased() == "authorization" }) {
            request.headers.append(("Authorization", credentials.authorizationHeader))
        }
        if !request.headers.contains(where: { $0.0.lowercased() == "accept" }) { request.headers.append(("Accept", "application/json")) }
        if request.body != nil || request.upload != nil, !request.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            request.headers.append(("Content-Type", request.upload == nil ? "application/json" : "application/octet-stream"))
        }
        let attempts = NXRetryPolicy.idempotentMethods.contains(request.method.uppercased()) && request.upload == nil ? retry.maxAttempts : 1
        var attempt = 1
        while true {
            do {
                return try await transport.send(request)
            } catch is CancellationError {
                throw .cancelled
            } catch {
                guard attempt < attempts else { throw .transport("\(error)") }
                attempt += 1
                do { try await Task.sleep(for: retry.delay(before: attempt)) } catch { throw .cancelled }
            }
        }
    }

    /// Sends `request`, expects `status`, decodes `T`.
    public func send<T: NXEntity>(_ request: NXHTTPRequest, expecting status: Int, as type: T.Type) async throws(NXClientError) -> T {
        let response = try await checked(request, expecting: status)
        do {
            return try NXJSON.decode(T.self, from: response.body)
        } catch {
            throw NXClientError.decoding("\(error)")
        }
    }

    /// Sends `request` and expects `status` with no body of interest.
    public func sendEmpty(_ request: NXHTTPRequest, expecting status: Int) async throws(NXClientError) {
        _ = try await checked(request, expecting: status)
    }

    func checked(_ request: NXHTTPRequest, expecting status: Int) async throws(NXClientError) -> NXHTTPResponse {
        let response = try await raw(request)
        guard response.status == status else { throw Self.failure(response) }
        return response
    }

    /// The error of a response with a status the call did not expect.
    static func failure(_ response: NXHTTPResponse) -> NXClientError {
        let exception = (try? NXJSON.decode(NXException.self, from: response.body)).flatMap { $0.status != nil || $0.message != nil ? $0 : nil }
        return .answered(status: response.status, exception: exception, body: String(decoding: response.body, as: UTF8.self))
    }

    /// A property xpath in a URL: each `/`-separated segment percent-encoded (`files:files/0/file`).
    public static func encodeXPath(_ xpath: String) -> String {
        xpath.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.encodePathSegment(String($0)) }.joined(separator: "/")
    }

    /// `/repo/<name>` when a repository is given, else "".
    public static func repositoryPrefix(_ repository: String?) -> String {
        guard let repository else { return "" }
        return "/repo/" + PercentEncoding.encodePathSegment(repository)
    }
}

/// Every entry of every page, fetched page by page as the sequence is iterated.
public struct NXPageSequence<Page: NXPaginable>: AsyncSequence, Sendable {
    public typealias Element = Page.Entry
    let startIndex: Int
    let fetch: @Sendable (Int) async throws -> Page

    /// A sequence starting at page `startIndex`.
    public init(startIndex: Int, fetch: @escaping @Sendable (Int) async throws -> Page) {
        self.startIndex = startIndex
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var pageIndex: Int
        var buffer: [Page.Entry] = []
        var done = false
        let fetch: @Sendable (Int) async throws -> Page

        public mutating func next() async throws -> Page.Entry? {
            while buffer.isEmpty {
                if done { return nil }
                let page = try await fetch(pageIndex)
                pageIndex += 1
                buffer = page.entries
                if buffer.isEmpty || page.paging?.isNextPageAvailable != true { done = true }
            }
            return buffer.removeFirst()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pageIndex: startIndex, fetch: fetch) }

    /// Every entry, or the first `limit`: the pages are fetched until then.
    public func collect(limit: Int? = nil) async throws(NXClientError) -> [Element] {
        var entries: [Element] = []
        do {
            for try await entry in self {
                if let limit, entries.count >= limit { break }
                entries.append(entry)
            }
        } catch let error as NXClientError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .transport("\(error)")
        }
        return entries
    }
}
