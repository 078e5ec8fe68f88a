@testable import NXCodeGen
@testable import NXSpec
import Testing

/// Scenarios leave the generator once, as a JSON document inside a raw Swift string literal.
@Suite struct ScenarioDocumentTests {
    @Test func stringsAreASCIIJSON() {
        #expect(ScenarioDocument.string("a\"b\\c\nd\u{1}é😀") == #""a\"b\\c\nd\u0001\u00e9\ud83d\ude00""#)
    }

    @Test func valuesKeepSpecOrder() {
        let value = SpecJSON.object([SpecJSONPair(key: "z", value: .int(1)), SpecJSONPair(key: "a", value: .array([.null, .bool(true), .double(2), .double(0.5)]))])
        #expect(ScenarioDocument.value(value) == #"{"z":1,"a":[null,true,2.0,0.5]}"#)
    }

    @Test func rawLiteralOutlastsItsContent() {
        #expect(ConformanceEmitter.rawLiteral("{}\n") == "#\"\"\"\n{}\n\"\"\"#")
        #expect(ConformanceEmitter.rawLiteral("{\"a\":\"\\#\"}").hasPrefix("##\"\"\""))
        #expect(ConformanceEmitter.rawLiteral("\"\"\"#\n").hasPrefix("##\"\"\""))
    }

    @Test func stepsWriteOnlyWhatTheyHold() {
        let step = StepDef(method: "GET", path: "/x", headers: [], query: [("q", "1")], body: nil, auth: .none, status: 200, expectBody: .null,
                           forbidFields: [], requireHeaders: [], captures: [], location: SourceLocation(file: "f.yaml", line: 1, column: 2))
        #expect(ScenarioDocument.step(step)
            == #"{"method": "GET", "path": "/x", "query": [["q", "1"]], "auth": "none", "status": 200, "expectBody": null, "location": "f.yaml:1:2"}"#)
    }
}
