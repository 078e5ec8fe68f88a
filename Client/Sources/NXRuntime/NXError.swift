/// A typed, growable error: a code (what kind of failure) and a message (what failed).
/// The mapping from code to HTTP status lives in one place, `NXErrorCode.httpStatus` in NXAPIRuntime.
public struct NXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public var code: NXErrorCode
    /// The message sent to clients (and logged).
    public var message: String
    /// Whether clients get `"message": null` instead of `message`, as Nuxeo answers a `NuxeoException` raised with a
    /// status alone (the management API's 403 and 404).
    public var hidesMessage = false

    /// Creates an error.
    public init(_ code: NXErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Something addressed does not exist.
    public static func notFound(_ message: String) -> NXError { NXError(.notFound, message) }
    /// The request is malformed or names something invalid.
    public static func invalid(_ message: String) -> NXError { NXError(.invalidArgument, message) }
    /// The change conflicts with the stored state.
    public static func conflict(_ message: String) -> NXError { NXError(.conflict, message) }
    /// No or wrong credentials.
    public static func unauthenticated(_ message: String) -> NXError { NXError(.unauthenticated, message) }
    /// Authenticated but not allowed.
    public static func forbidden(_ message: String) -> NXError { NXError(.forbidden, message) }
    /// Not implemented here.
    public static func unsupported(_ message: String) -> NXError { NXError(.unsupported, message) }
    /// A failure of `code` whose exception entity carries `"message": null`; `reason` is only logged.
    public static func withoutMessage(_ code: NXErrorCode, reason: String) -> NXError {
        var error = NXError(code, reason)
        error.hidesMessage = true
        return error
    }
    /// An unexpected failure.
    public static func `internal`(_ message: String) -> NXError { NXError(.internal, message) }
}

/// Kinds of failure. New kinds are new static members.
public struct NXErrorCode: RawRepresentable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let notFound = NXErrorCode(rawValue: "notFound")
    public static let invalidArgument = NXErrorCode(rawValue: "invalidArgument")
    public static let conflict = NXErrorCode(rawValue: "conflict")
    public static let unauthenticated = NXErrorCode(rawValue: "unauthenticated")
    public static let forbidden = NXErrorCode(rawValue: "forbidden")
    public static let unsupported = NXErrorCode(rawValue: "unsupported")
    public static let validation = NXErrorCode(rawValue: "validation")
    public static let methodNotAllowed = NXErrorCode(rawValue: "methodNotAllowed")
    public static let payloadTooLarge = NXErrorCode(rawValue: "payloadTooLarge")
    /// A service the server depends on is not available (storage full, I/O failure): 503.
    public static let unavailable = NXErrorCode(rawValue: "unavailable")
    /// A service the operator configures is missing or refused the request (no SMTP relay, the relay said no): 503, with
    /// its message shown — the caller can act on it, unlike a storage failure.
    public static let serviceNotAvailable = NXErrorCode(rawValue: "serviceNotAvailable")
    public static let `internal` = NXErrorCode(rawValue: "internal")
}
