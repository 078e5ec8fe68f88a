import Foundation
import NXRuntime
import Testing

/// The byte-level JSON parser: the one reader from JSON text to `JSONValue`.
@Suite struct JSONParserTests {
    @Test(arguments: [
        (#"{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-1.25,"g":"\u00e9\ud83d\ude00\n\"\\/"}"#,
         ["a": 1, "b": [true, false, nil], "c": ["d": "e"], "f": -1.25, "g": "\u{e9}\u{1F600}\n\"\\/"] as JSONValue),
        (#"[]"#, []), (#"{}"#, [:]), (#"  [ 1 , 2 ,3 ]  "#, [1, 2, 3]), (#""plain""#, "plain"), (#"0"#, 0), (#"-0.25"#, -0.25),
        (#"{"dc:title":"Caf\u00e9 cr\u00e8me","n":9007199254740993}"#, ["dc:title": "Caf\u{e9} cr\u{e8}me", "n": 9007199254740993]),
    ] as [(String, JSONValue)])
    func parses(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    @Test func numbers() throws {
        #expect(try JSONParser.parse(Array("-1.5e3".utf8)) == .double(-1500))
        #expect(try JSONParser.parse(Array("42".utf8)) == .int(42))
        #expect(try JSONParser.parse(Array("1E2".utf8)) == .double(100))
    }

    /// JSON text is UTF-8 (RFC 8259): an invalid sequence in a string is an error, not a U+FFFD (found by FuzzJSON:
    /// a lone lead byte 0xC7 before an ASCII digit); valid multi-byte text still reads.
    /// Numbers follow RFC 8259: no leading zeros, and none beyond a double's range (found by FuzzJSON: `00` was read as
    /// 0, `921e2038` as infinity).
    @Test func leadingZerosAreRefused() throws {
        for bad in ["00", "01", "-01", "[1, 007]", "00.5", "921e2038", "-1e999"] {
            #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(bad.utf8)) }
        }
        #expect(try JSONParser.parse(Array("[0, -0, 0.5, 10, 1e2]".utf8)) == .array([.int(0), .int(0), .double(0.5), .int(10), .double(100)]))
    }

    @Test func invalidUTF8InAStringIsRefused() throws {
        for bad: [UInt8] in [[0x22, 0xC7, 0x32, 0x22], [0x22, 0x61, 0x5C, 0x6E, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: JSONParser.Error.self) { try JSONParser.parse(bad) }
        }
        #expect(try JSONParser.parse(Array("\"é😀\\n\"".utf8)) == .string("é😀\n"))
    }

    @Test func keepsKeyOrder() throws {
        let value = try JSONParser.parse(Array(#"{"z":1,"a":2,"m":3}"#.utf8))
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test(arguments: [#"{"a":}"#, #"[1,]"#, #"{"a" 1}"#, #"tru"#, #""unterminated"#, #"01x"#, #"{"a":1} x"#, "\"\u{01}\"", #"1."#, #""\ud800""#, ""])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(deep.utf8)) }
    }

    /// Deep client documents are a parse error naming the limit, never a stack overflow.
    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000),
        String(repeating: #"[{"a":"#, count: 50_000),
    ])
    func veryDeepDocumentsAreRejected(_ text: String) {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("parsed a document nested too deeply")
        } catch let error as JSONParser.Error {
            #expect(error.message == "JSON nested too deeply, the limit is \(JSONParser.maxDepth) levels")
            #expect(error.offset <= 2 * 6 * JSONParser.maxDepth)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// The deepest accepted document parses, compares, writes back and is freed without trouble.
    @Test func deepestAcceptedDocumentRoundTrips() throws {
        let depth = JSONParser.maxDepth - 1
        let text = String(repeating: #"{"a":["#, count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
        let value = try JSONParser.parse(Array(text.utf8))
        var writer = JSONWriter()
        writer.value(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == text)
        #expect(try JSONParser.parse(writer.bytes) == value)
        #expect(value.hashValue == (try JSONParser.parse(writer.bytes)).hashValue)
    }
}
