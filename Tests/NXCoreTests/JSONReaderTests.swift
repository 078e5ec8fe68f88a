import Foundation
import NXRuntime
import Testing

/// One reader from JSON text to values: `NXJSON` parses with `JSONParser` and decodes types from the parsed value,
/// so object keys keep document order however a value is reached (top level, inside an entity, inside an array).
@Suite struct JSONReaderTests {
    struct Holder: Decodable, Equatable {
        var name: String
        var count: Int?
        var properties: JSONObject?
        var extra: JSONValue?
        var list: [JSONValue]?
    }

    static let text = #"{"unknown":{"x":1},"name":"n","count":2.0,"properties":{"z":1,"a":2,"m":{"y":1,"b":2}},"extra":{"k2":1,"k1":2},"list":[{"q":1,"p":2}]}"#

    @Test func keepsKeyOrderInsideDecodedTypes() throws {
        let holder = try NXJSON.decode(Holder.self, from: Array(Self.text.utf8))
        #expect(holder.name == "n")
        #expect(holder.count == 2)
        #expect(holder.properties?.keys == ["z", "a", "m"])
        #expect(holder.properties?["m"]?.objectValue?.keys == ["y", "b"])
        #expect(holder.extra?.objectValue?.keys == ["k2", "k1"])
        #expect(holder.list?.first?.objectValue?.keys == ["q", "p"])
    }

    @Test func decodingAParsedValueEqualsDecodingTheBytes() throws {
        let value = try NXJSON.parse(Array(Self.text.utf8))
        #expect(try NXJSON.decode(Holder.self, from: value) == NXJSON.decode(Holder.self, from: Array(Self.text.utf8)))
    }

    @Test func topLevelValuesKeepKeyOrder() throws {
        let value = try NXJSON.decode(JSONValue.self, from: Array(#"{"b":1,"a":{"d":1,"c":2}}"#.utf8))
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value.objectValue?["a"]?.objectValue?.keys == ["d", "c"])
    }

    @Test func nullsAndMissingKeysAreNil() throws {
        let holder = try NXJSON.decode(Holder.self, from: Array(#"{"name":"n","count":null,"extra":null}"#.utf8))
        #expect(holder == Holder(name: "n", count: nil, properties: nil, extra: nil, list: nil))
    }

    @Test func failuresCarryTheCodingPath() throws {
        #expect {
            try NXJSON.decode(Holder.self, from: Array(#"{"name":"n","count":"two"}"#.utf8))
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["count"]
        }
        #expect {
            try NXJSON.decode(Holder.self, from: Array(#"{"count":1}"#.utf8))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "name"
        }
        #expect(throws: DecodingError.self) { try NXJSON.decode(Holder.self, from: Array(#"{"name":"n","count":1.5}"#.utf8)) }
    }

    /// Foundation's decoder would read objects in another order, so `JSONValue` refuses it.
    @Test func otherDecodersAreRefused() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JSONValue.self, from: Data(#"{"b":1,"a":2}"#.utf8)) }
    }
}
