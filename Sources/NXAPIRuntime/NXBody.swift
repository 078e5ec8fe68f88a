import HTTPTypes
import Hummingbird
import NXRuntime

/// The body of an `any` response (`200: { any: true }`): the handler decides what it writes.
/// Each case may override the endpoint's declared status; `nil` keeps it (`.empty` defaults to 204).
public enum NXBody: Sendable {
    /// An entity, written with `Content-Type: application/json; nuxeo-entity=<type>`.
    case entity(any NXEntity, status: Int? = nil)
    /// Any JSON value, written with `Content-Type: application/json`.
    case json(JSONValue, status: Int? = nil)
    /// Raw bytes with their content type; a filename adds `Content-Disposition: attachment`.
    case bytes([UInt8], contentType: String, filename: String? = nil, status: Int? = nil)
    /// No body; 204 unless a status is given.
    case empty(status: Int? = nil)
    /// A response built by the handler (streamed downloads): sent as it is.
    case response(Response)

    /// The HTTP response, using `defaultStatus` (the endpoint's declared status) when the body names none.
    public func response(defaultStatus: Int) -> Response {
        switch self {
        case .entity(let entity, let status):
            return EntityResponse.make(status: status ?? defaultStatus, anyEntity: entity)
        case .json(let value, let status):
            return EntityResponse.json(status: status ?? defaultStatus, value)
        case .bytes(let bytes, let contentType, let filename, let status):
            var headers: HTTPFields = [.contentType: contentType]
            if let filename { headers[.contentDisposition] = Self.contentDisposition(filename) }
            return Response(status: .init(code: status ?? defaultStatus), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case .empty(let status):
            return EntityResponse.empty(status: status ?? 204)
        case .response(let response):
            return response
        }
    }

    /// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / RFC 5987).
    public static func contentDisposition(_ filename: String) -> String {
        let fallback = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        var encoded = ""
        for byte in filename.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$&+-.^_`|~".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension EntityResponse {
    /// An entity of any type (for `NXBody`): same bytes and headers as `make(status:_:)`.
    public static func make(status: Int, anyEntity entity: any NXEntity) -> Response {
        func open<T: NXEntity>(_ entity: T) -> Response { make(status: status, entity) }
        return open(entity)
    }

    /// A JSON value with `Content-Type: application/json` (no nuxeo-entity).
    public static func json(status: Int, _ value: JSONValue) -> Response {
        var writer = JSONWriter(capacity: 1024)
        writer.value(value)
        return Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
