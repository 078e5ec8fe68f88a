import Foundation
import NXRuntime

/// What a client call throws (`throws(NXClientError)`): the common refusals by name, each with the server's exception
/// entity; any other error status; a transport failure; a response that does not decode.
public enum NXClientError: Error, Sendable, CustomStringConvertible {
    /// 400: the request is malformed or invalid (bad NXQL, unknown type, wrong parameter).
    case badRequest(NXException)
    /// 401: no credentials, or wrong ones.
    case unauthorized(NXException)
    /// 403: the caller may not do this.
    case forbidden(NXException)
    /// 404: no such document, user, batch, operation…
    case notFound(NXException)
    /// 409: a conflict with the stored state (a stale change token, a name taken, a lock).
    case conflict(NXException)
    /// Any other error status answered with Nuxeo's exception entity (413, 500, 503…).
    case server(status: Int, NXException)
    /// A status the call did not expect, without an exception entity.
    case unexpectedStatus(Int, body: String)
    /// The request did not complete: connection refused or reset, timeout, DNS… (retried for idempotent requests by
    /// `NXRetryPolicy` before it is thrown).
    case transport(String)
    /// The call was cancelled.
    case cancelled
    /// The response body did not decode as the expected entity.
    case decoding(String)

    /// The error for an answer with `status`: `exception` when the body was one; the five named statuses always get
    /// an exception (one made of the status and body when the server sent none, as a proxy may).
    static func answered(status: Int, exception: NXException?, body: String) -> NXClientError {
        let made = exception ?? NXException(status: status, message: body.isEmpty ? nil : String(body.prefix(500)))
        switch status {
        case 400: return .badRequest(made)
        case 401: return .unauthorized(made)
        case 403: return .forbidden(made)
        case 404: return .notFound(made)
        case 409: return .conflict(made)
        default: return exception.map { .server(status: status, $0) } ?? .unexpectedStatus(status, body: String(body.prefix(2000)))
        }
    }

    /// The HTTP status answered, if the server answered.
    public var status: Int? {
        switch self {
        case .badRequest: return 400
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .server(let status, _), .unexpectedStatus(let status, _): return status
        case .transport, .cancelled, .decoding: return nil
        }
    }

    /// The server's exception entity, if it sent one (or one was made for a named status).
    public var exception: NXException? {
        switch self {
        case .badRequest(let e), .unauthorized(let e), .forbidden(let e), .notFound(let e), .conflict(let e), .server(_, let e): return e
        case .unexpectedStatus, .transport, .cancelled, .decoding: return nil
        }
    }

    public var description: String {
        switch self {
        case .transport(let message): return "the request did not complete: \(message)"
        case .cancelled: return "cancelled"
        case .decoding(let message): return "cannot decode the response: \(message)"
        case .unexpectedStatus(let status, let body): return "unexpected status \(status): \(body.prefix(200))"
        default: return "server error \(status ?? 0): \(exception?.message ?? "")"
        }
    }
}

/// When a request that failed in transport is sent again: idempotent methods only (GET, HEAD, PUT, DELETE, OPTIONS),
/// never a request whose body is a stream, after a delay growing by `multiplier` from `initialDelay`.
public struct NXRetryPolicy: Sendable {
    /// Attempts in all, the first included (1: no retry).
    public var maxAttempts: Int
    /// The delay before the second attempt.
    public var initialDelay: Duration
    /// How much each further delay grows.
    public var multiplier: Double

    public init(maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(200), multiplier: Double = 2) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
    }

    /// Three attempts, 200 ms then 400 ms apart.
    public static let `default` = NXRetryPolicy()
    /// One attempt.
    public static let none = NXRetryPolicy(maxAttempts: 1)

    /// The delay before attempt `attempt` (2 or more).
    func delay(before attempt: Int) -> Duration {
        initialDelay * pow(multiplier, Double(attempt - 2))
    }

    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]
}
