/// Nuxeo's exception entity, `{"entity-type":"exception","status":404,"message":"…"}`: what every failed request answers with.
///
/// Hand-written here so the runtimes (server and client) need no generated module; `Spec/entities/exception.yaml`
/// declares `runtimeType: NXException`, so the generated model names this type (`typealias ExceptionEntity = NXException`)
/// and its spec examples round-trip through it.
public struct NXException: NXEntity, Hashable {
    /// The `entity-type` of this entity.
    public static let entityType: String = "exception"

    /// `status`: the HTTP status.
    public var status: Int?

    /// `message`: what failed. Written as null when nil.
    public var message: String?

    /// `stacktrace`: how the failure came about, only while an administrator has turned the stack display on
    /// (`JsonStack.ToggleDisplay`). Left out when nil.
    public var stacktrace: String?

    /// Creates the entity; every field is optional.
    public init(status: Int? = nil, message: String? = nil, stacktrace: String? = nil) {
        self.status = status
        self.message = message
        self.stacktrace = stacktrace
    }

    /// JSON field names.
    public enum CodingKeys: String, CodingKey {
        case status
        case message
        case stacktrace
    }

    /// Writes the JSON object: `entity-type`, `status`, `message`, then `stacktrace` when set.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("entity-type")
        writer.string(Self.entityType)
        writer.key("status")
        if let status { writer.int(Int64(status)) } else { writer.null() }
        writer.key("message")
        if let message { writer.string(message) } else { writer.null() }
        if let stacktrace {
            writer.key("stacktrace")
            writer.string(stacktrace)
        }
        writer.endObject()
    }
}
