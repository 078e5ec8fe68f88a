import Foundation
import NXRuntime

/// Responses of idempotent POSTs (Nuxeo's `NuxeoIdempotentFilter` key/value store `idempotentrequest`): a key is
/// claimed while its first request runs, then holds that request's status, headers and body until it expires.
public final class IdempotencyStore: Sendable {
    /// A stored response.
    public struct StoredResponse: Sendable, Hashable {
        public var status: Int
        /// Header names and values, in order (repeats kept).
        public var headers: [[String]]
        public var body: [UInt8]

        public init(status: Int, headers: [[String]], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// What a key holds.
    public enum Claim: Sendable, Hashable {
        /// The key was free: the caller runs the request and then `complete`s or `release`s it.
        case claimed
        /// A request with this key is running.
        case inProgress
        /// A request with this key completed: replay it.
        case completed(StoredResponse)
    }

    let pool: any SQLAccess
    /// How long a key is remembered, ms (Nuxeo: `org.nuxeo.request.idempotency.ttl.duration`, 1 day).
    public let timeToLive: Int64
    let now: @Sendable () -> Int64

    public init(store: any SQLStore, timeToLive: Int64 = 24 * 3600 * 1000,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        pool = store.sql
        self.timeToLive = timeToLive
        self.now = now
    }

    /// Claims `key`, or tells what it holds.
    public func claim(_ key: String) async throws -> Claim {
        let time = now(), expires = now() + timeToLive
        return try await pool.write { db in
            try db.execute("DELETE FROM idempotent_requests WHERE key = ? AND expires < ?", [key, time])
            if let row = try db.one("SELECT in_progress, status, headers, body FROM idempotent_requests WHERE key = ?", [key]) {
                if row[0] as Bool { return .inProgress }
                let headersText: String = row[2] ?? "[]"
                let headers = (try? NXJSON.parse(Array(headersText.utf8)))?.arrayValue?.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] } ?? []
                let body: Data = row[3] ?? Data()
                return .completed(StoredResponse(status: row[1] ?? 200, headers: headers, body: Array(body)))
            }
            try db.execute("INSERT INTO idempotent_requests(key, in_progress, expires) VALUES (?, 1, ?)", [key, expires])
            return .claimed
        }
    }

    /// Stores the response of the request that claimed `key`.
    public func complete(_ key: String, _ response: StoredResponse) async throws {
        let headers = JSONValue.array(response.headers.map { .array($0.map(JSONValue.string)) })
        let text = String(decoding: headers.jsonBytes(), as: UTF8.self)
        let expires = now() + timeToLive
        try await pool.write { db in
            try db.execute("UPDATE idempotent_requests SET in_progress = 0, status = ?, headers = ?, body = ?, expires = ? WHERE key = ?",
                           [response.status, text, Data(response.body), expires, key])
        }
    }

    /// Forgets the keys of requests that were running when the server stopped (at start-up): a retry runs again instead
    /// of getting 409 until the key expires.
    public func releaseInProgress() async throws {
        try await pool.write { db in try db.execute("DELETE FROM idempotent_requests WHERE in_progress = 1") }
    }

    /// Removes expired keys; returns how many.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let time = now()
        return try await pool.write { db in
            try db.execute("DELETE FROM idempotent_requests WHERE expires < ?", [time])
        }
    }

    /// Forgets `key` (its request failed: a retry runs again).
    public func release(_ key: String) async throws {
        try await pool.write { db in try db.execute("DELETE FROM idempotent_requests WHERE key = ?", [key]) }
    }
}
