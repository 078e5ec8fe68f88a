import HTTPTypes
import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// Nuxeo's `NuxeoIdempotentFilter` (server-behaviour-2.md §2.5): a POST (any method but GET, HEAD, OPTIONS, TRACE, PUT,
/// DELETE) carrying `Idempotency-Key` runs once. While it runs, the same key gets 409 with the `Idempotency-Key` header;
/// once it succeeded, the same key gets its stored status, headers and body without running again, whatever the new
/// request says. A failed request (status ≥ 400) is forgotten, so a retry runs. Keys are global, remembered for a day.
/// Responses larger than 5 MiB are not stored (the key is released rather than left in progress, as Nuxeo would).
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = NXRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let maxStoredBody = 5 << 20
    static let exempt: Set<HTTPRequest.Method> = [.get, .head, .options, .trace, .put, .delete]
    let store: IdempotencyStore

    func handle(_ request: Request, context: NXRequestContext, next: (Request, NXRequestContext) async throws -> Response) async throws -> Response {
        guard !Self.exempt.contains(request.method), let key = request.headers[Self.header], !key.isEmpty, context.principal != nil else {
            return try await next(request, context)
        }
        switch try await store.claim(key) {
        case .inProgress:
            return Response(status: .conflict, headers: [Self.header: key])
        case .completed(let stored):
            var headers = HTTPFields()
            for pair in stored.headers where pair.count == 2 {
                if let name = HTTPField.Name(pair[0]) { headers.append(HTTPField(name: name, value: pair[1])) }
            }
            headers[Self.header] = key
            return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        case .claimed:
            let response: Response
            do {
                response = try await next(request, context)
            } catch {
                try? await store.release(key)
                throw error
            }
            guard response.status.code < 400, (response.body.contentLength ?? 0) <= Self.maxStoredBody else {
                try? await store.release(key)
                var passed = response
                passed.headers[Self.header] = key
                return passed
            }
            let collector = CollectingWriter()
            do {
                try await response.body.write(collector)
            } catch {
                try? await store.release(key)
                throw error
            }
            let bytes = await collector.storage.bytes
            var headers = response.headers
            headers[Self.header] = key
            let stored = headers.filter { $0.name != .transferEncoding }.map { [$0.name.rawName, $0.value] }
            try? await store.complete(key, IdempotencyStore.StoredResponse(status: Int(response.status.code), headers: stored, body: bytes))
            return Response(status: response.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}

/// A response body writer that keeps what is written (a small response, to store it).
struct CollectingWriter: ResponseBodyWriter {
    actor Storage {
        var bytes: [UInt8] = []
        func append(_ buffer: ByteBuffer) { bytes += buffer.readableBytesView }
    }

    let storage = Storage()

    mutating func write(_ buffer: ByteBuffer) async throws { await storage.append(buffer) }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
