import Foundation

/// JSON decoding shared by the server, the client and tests.
public enum NXJSON {
    /// Decodes `type` from JSON bytes; unknown fields are ignored.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// Decodes `type` from a JSON string.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: Array(text.utf8))
    }

    /// Parses any JSON document (object keys keep their order).
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue { try JSONParser.parse(bytes) }
}

/// An example of an entity, with a function that decodes it and writes it back.
public struct EntityExample: Sendable {
    /// The entity name.
    public var entity: String
    /// The example name.
    public var name: String
    /// The example JSON.
    public var json: String
    /// Decodes `json` as the entity and writes it back.
    public var roundTrip: @Sendable (String) throws -> [UInt8]

    public init(entity: String, name: String, json: String, roundTrip: @escaping @Sendable (String) throws -> [UInt8]) {
        self.entity = entity
        self.name = name
        self.json = json
        self.roundTrip = roundTrip
    }
}
