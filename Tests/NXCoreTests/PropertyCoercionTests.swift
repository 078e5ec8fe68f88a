import NXCore
import NXRuntime
import Testing

@Suite struct PropertyCoercionTests {
    @Test(arguments: [
        (JSONValue.string("x"), FieldType.string, JSONValue.string("x")),
        (.bool(true), .string, .string("true")),
        (.int(5), .string, .string("5")),
        (.int(5), .long, .int(5)),
        (.string(" 42 "), .integer, .int(42)),
        (.int(2), .double, .double(2)),
        (.string("1.5"), .double, .double(1.5)),
        (.int(0), .boolean, .bool(false)),
        (.string("TRUE"), .boolean, .bool(true)),
        (.string("2014-06-06T10:23:59.76Z"), .date, .string("2014-06-06T10:23:59.760Z")),
        (.string("2014-06-06"), .date, .string("2014-06-06T00:00:00.000Z")),
        (.array(["a", .null, "b"]), .list(.string), .array(["a", "b"])),
        (.array([]), .list(.string), .null),
        (.null, .date, .null),
    ])
    func accepted(_ input: JSONValue, _ type: FieldType, _ expected: JSONValue) throws {
        #expect(try PropertyCoercion.coerce(input, to: type, key: "k") == expected)
    }

    @Test(arguments: [
        (JSONValue.array(["x"]), FieldType.string),
        (.string("abc"), .long),
        (.double(1.5), .long),
        (.bool(true), .long),
        (.string("maybe"), .boolean),
        (.string("not a date"), .date),
        (.int(5), .list(.string)),
        (.string("x"), .complex([Field(name: "a", type: .string)])),
        (.object(["name": "x"]), .blob),
    ])
    func rejected(_ input: JSONValue, _ type: FieldType) {
        #expect(throws: NXError.self) { try PropertyCoercion.coerce(input, to: type, key: "k") }
    }

    @Test func complexValuesReplaceTheWholeValue() throws {
        let type = FieldType.complex([Field(name: "a", type: .string), Field(name: "b", type: .long)])
        #expect(try PropertyCoercion.coerce(["a": "x", "zzz": 1], to: type, key: "k") == ["a": "x"])
        #expect(PropertyCoercion.outputValue(["a": "x"], type) == ["a": "x", "b": nil])
        #expect(PropertyCoercion.outputValue(nil, .list(.string)) == [])
        #expect(PropertyCoercion.outputValue(nil, .complexList([Field(name: "a", type: .string)])) == [])
    }
}
