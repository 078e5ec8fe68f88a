import NXRuntime

/// Request bodies: parsed once by `JSONParser` (the only JSON reader), checked for NUL, and handed on as the parsed
/// value — an entity is decoded from that value, never by reading the bytes a second time.
extension APIRequest {
    /// Decodes the body as entity `T`; an empty body, malformed JSON or a wrong `entity-type` → 400.
    public func body<T: NXEntity>(_ type: T.Type) throws -> T {
        guard !body.isEmpty else { throw NXError.invalid("Request body is empty: a JSON \(T.entityType) entity is expected") }
        let value = try parsedBody()
        guard case .object(let object) = value else {
            throw NXError.invalid("Json object entity-type is wrong. Expected \(T.entityType) but the body is a JSON \(value.kindName)")
        }
        if let declared = object["entity-type"], declared != .string(T.entityType) {
            let shown = declared.stringValue ?? declared.kindName
            throw NXError.invalid("Json object entity-type is wrong. Expected \(T.entityType) but was \(shown)")
        }
        do {
            return try NXJSON.decode(T.self, from: value)
        } catch {
            throw NXError.invalid("Unable to read the \(T.entityType) entity: \(Self.describe(error))")
        }
    }

    /// Decodes the body as any JSON value, whatever the Content-Type (automation clients send
    /// `application/json+nxrequest`); an empty body is an empty object; malformed JSON → 400.
    public func jsonBody() throws -> JSONValue {
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .object(JSONObject()) }
        return try parsedBody()
    }

    /// The body parsed once: malformed JSON → 400, a NUL anywhere in it → 400.
    func parsedBody() throws -> JSONValue { try Self.parseJSON(body) }

    /// Bytes read as `jsonBody()` reads a body (blank → `{}`): for handlers that read a streamed body themselves.
    public static func jsonValue(of bytes: [UInt8]) throws -> JSONValue {
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .object(JSONObject()) }
        return try parseJSON(bytes)
    }

    static func parseJSON(_ body: [UInt8]) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try NXJSON.parse(body)
        } catch {
            throw NXError.invalid("Unable to parse the request body as JSON: \(Self.describe(error))")
        }
        try Self.rejectNUL(in: value)
        return value
    }

    /// A U+0000 in any key or string of a body → 400: the store cannot keep such text faithfully (SQLite's text
    /// binding stops at NUL, PostgreSQL refuses it), so it is refused before anything is written. Iterative walk.
    static func rejectNUL(in value: JSONValue) throws {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .string(let text): try rejectNUL(text, in: "request body")
            case .array(let items): pending.append(contentsOf: items)
            case .object(let object):
                for (key, item) in object {
                    try rejectNUL(key, in: "request body")
                    pending.append(item)
                }
            default: continue
            }
        }
    }

    /// `text` holding U+0000 → 400 naming `place`.
    public static func rejectNUL(_ text: String, in place: String) throws {
        if text.utf8.contains(0) { throw NXError.invalid("Invalid \(place): the NUL character (U+0000) is not allowed") }
    }
}
