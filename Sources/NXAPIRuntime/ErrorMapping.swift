import Hummingbird
import NIOCore
import Logging
import NXRuntime

extension NXErrorCode {
    /// The HTTP status of each error kind: the one place where errors become statuses.
    public var httpStatus: Int {
        switch self {
        case .notFound: return 404
        case .invalidArgument: return 400
        case .conflict: return 409
        case .unauthenticated: return 401
        case .forbidden: return 403
        case .unsupported: return 501
        case .validation: return 422
        case .methodNotAllowed: return 405
        case .payloadTooLarge: return 413
        case .unavailable, .serviceNotAvailable: return 503
        default: return 500
        }
    }
}

/// Turns any error into Nuxeo's exception entity response.
public enum ErrorResponder {
    /// Whether the exception entities of the current request carry a `stacktrace` (Nuxeo's JSON stack display, off by
    /// default): the server's outermost middleware binds its setting, which `JsonStack.ToggleDisplay` switches.
    @TaskLocal public static var showsStack = false

    /// What the `stacktrace` of `error` says: its kind and full description (the message of a hidden 5xx included).
    public static func stacktrace(_ error: any Error) -> String {
        if let error = error as? NXError { return "NXError.\(error.code.rawValue): \(error.message)" }
        return "\(type(of: error)): \(String(reflecting: error))"
    }

    /// The status and message an error is reported with (messages of 5xx are hidden as Nuxeo does).
    public static func describe(_ error: any Error) -> (status: Int, message: String) {
        if let error = error as? NXError {
            let status = error.code.httpStatus
            let shown = status < 500 || error.code == .unsupported || error.code == .serviceNotAvailable
            return (status, shown ? error.message : "Internal Server Error")
        }
        if error is DecodingError { return (400, "Unable to read the request: \(APIRequest.describe(error))") }
        if let error = error as? HTTPError { return (Int(error.status.code), error.body ?? error.status.reasonPhrase) }
        if error is NIOTooManyBytesError {
            return (413, "Request entity too large: the body exceeds the limit of \(NXRequestContext.maxBodySize) bytes")
        }
        if let error = error as? any HTTPResponseError, error.status.code < 500 {
            return (Int(error.status.code), error.status.reasonPhrase)
        }
        return (500, "Internal Server Error")
    }

    /// The exception response for `error`; unexpected errors are logged.
    public static func response(for error: any Error, logger: Logger) -> Response {
        let (status, message) = describe(error)
        if status >= 500 { logger.error("request failed", metadata: ["error": "\(error)"]) }
        let trace = showsStack ? stacktrace(error) : nil
        let hidden = (error as? NXError)?.hidesMessage == true
        return response(status: status, message: hidden ? nil : message, stacktrace: trace)
    }

    /// An exception response with `status` and `message` (null when nil; and `stacktrace`, when the stack display is on).
    public static func response(status: Int, message: String?, headers: HTTPFields = [:], stacktrace: String? = nil) -> Response {
        let entity = NXException(status: status, message: message, stacktrace: stacktrace)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: entity.jsonBytes())))
    }
}

/// Encodes handler outputs.
public enum EntityResponse {
    /// An entity with `Content-Type: application/json; nuxeo-entity=<type>`.
    public static func make<T: NXEntity>(status: Int, _ entity: T) -> Response {
        var writer = JSONWriter(capacity: 2048)
        entity.writeJSON(to: &writer)
        return Response(
            status: .init(code: status),
            headers: [.contentType: "application/json; nuxeo-entity=\(T.entityType)"],
            body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    /// An empty response (204).
    public static func empty(status: Int) -> Response { Response(status: .init(code: status)) }
}
