import NXRuntime
import Testing

/// A value-building `JSONWriter` takes the calls a byte writer takes and builds the value parsing those bytes gives.
@Suite struct JSONValueBuildingTests {
    /// Writes a small document through every writer call.
    static func write(_ writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("z")
        writer.string("s\u{0}\"")
        writer.key("a")
        writer.beginArray()
        writer.int(-3)
        writer.double(2)
        writer.double(0.5)
        writer.double(.infinity)
        writer.bool(true)
        writer.null()
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.endArray()
        writer.key("v")
        writer.value(["y": 1, "b": [2, "x"]])
        writer.key("z")
        writer.string("again")
        writer.endObject()
    }

    @Test func builtValueEqualsParsedBytes() throws {
        var bytes = JSONWriter()
        Self.write(&bytes)
        let parsed = try JSONParser.parse(bytes.bytes)
        let built = JSONWriter.buildValue { Self.write(&$0) }
        #expect(built == parsed)
        #expect(built.objectValue?.keys == parsed.objectValue?.keys)
        #expect(built.objectValue?.keys == ["z", "a", "v"])
        #expect(built.objectValue?["v"]?.objectValue?.keys == ["y", "b"])
    }

    @Test func scalarsAtTopLevel() {
        #expect(JSONWriter.buildValue { $0.string("x") } == "x")
        #expect(JSONWriter.buildValue { _ in } == .null)
        var writer = JSONWriter.valueBuilder()
        writer.int(1)
        #expect(writer.bytes.isEmpty)
        #expect(writer.builtValue == 1)
    }
}
