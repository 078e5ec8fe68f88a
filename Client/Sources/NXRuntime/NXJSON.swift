/// JSON reading shared by the server, the client and tests: one reader, `JSONParser`, is the only way from JSON text
/// to values (object keys keep document order); types are decoded from the parsed value by `JSONValueDecoder`.
public enum NXJSON {
    /// Decodes `type` from JSON bytes; unknown fields are ignored.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: try JSONParser.parse(bytes))
    }

    /// Decodes `type` from an already parsed value (a body parsed once, then handed on).
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder().decode(type, from: value)
    }

    /// Decodes `type` from a JSON string.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: Array(text.utf8))
    }

    /// Parses any JSON document (object keys keep their order).
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue { try JSONParser.parse(bytes) }
}

/// An example of an entity, with a function that decodes it (to write it back as bytes or build it as a value).
public struct EntityExample: Sendable {
    /// The entity name.
    public var entity: String
    /// The example name.
    public var name: String
    /// The example JSON.
    public var json: String
    /// Decodes JSON text as the entity.
    public var decode: @Sendable (String) throws -> any NXEntity

    public init(entity: String, name: String, json: String, decode: @escaping @Sendable (String) throws -> any NXEntity) {
        self.entity = entity
        self.name = name
        self.json = json
        self.decode = decode
    }

    /// Decodes `text` as the entity and writes it back as bytes.
    public func roundTrip(_ text: String) throws -> [UInt8] { try decode(text).jsonBytes() }

    /// Decodes `text` as the entity and builds it back as a value (no bytes written).
    public func value(_ text: String) throws -> JSONValue { try decode(text).jsonValue }
}
