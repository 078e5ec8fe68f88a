import NXModel
import NXRuntime
import Testing

/// Entities nest as values: `jsonValue` builds from `writeJSON(to:)` what writing bytes and parsing them gives.
@Suite struct EntityValueTests {
    @Test(arguments: EntityExamples.all.map { "\($0.entity)/\($0.name)" })
    func valueEqualsTheBytesPath(_ name: String) throws {
        let example = try #require(EntityExamples.all.first { "\($0.entity)/\($0.name)" == name })
        let bytes = try example.roundTrip(example.json)
        let parsed = try NXJSON.parse(bytes)
        let built = try example.value(example.json)
        #expect(built == parsed)
        #expect(Self.keyOrders(built) == Self.keyOrders(parsed))
    }

    @Test func exceptionIsTheRuntimeType() throws {
        let entity = ExceptionEntity(status: 404, message: "/wrongID")
        #expect(entity.jsonString() == #"{"entity-type":"exception","status":404,"message":"/wrongID"}"#)
        #expect(entity.jsonValue == ["entity-type": "exception", "status": 404, "message": "/wrongID"])
        #expect(ExceptionEntity(status: 500).jsonString() == #"{"entity-type":"exception","status":500,"message":null}"#)
        #expect(try NXJSON.decode(NXException.self, from: Array(#"{"entity-type":"exception","status":403}"#.utf8)) == NXException(status: 403))
    }

    @Test func entitiesNestInsideArrays() {
        let list: [any NXEntity] = [ExceptionEntity(status: 1, message: "a"), TokenEntity()]
        let value = JSONValue.array(list.map(\.jsonValue))
        #expect(value.arrayValue?.count == 2)
        #expect(value.arrayValue?.first?.objectValue?.keys == ["entity-type", "status", "message"])
    }

    /// Every object's keys, depth first, so order differences show.
    static func keyOrders(_ value: JSONValue) -> [[String]] {
        switch value {
        case .object(let object): return [object.keys] + object.flatMap { keyOrders($0.value) }
        case .array(let items): return items.flatMap(keyOrders)
        default: return []
        }
    }
}
