@testable import NXCodeGen
@testable import NXSpec
import Testing

/// Scenarios leave the generator once, as a JSON document inside a raw Swift string literal.
@Suite struct ScenarioDocumentTests {
    @Test func stringsAreASCIIJSON() {
        // A backslash is `\u005c`, so the document never holds a backslash followed by the literal's `#`.
        #expect(ScenarioDocument.string("a\"b\\c\nd\u{1}é😀") == #""a\"b\u005cc\nd\u0001\u00e9\ud83d\ude00""#)
    }

    @Test func valuesKeepSpecOrder() {
        let value = SpecJSON.object([SpecJSONPair(key: "z", value: .int(1)), SpecJSONPair(key: "a", value: .array([.null, .bool(true), .double(2), .double(0.5)]))])
        #expect(ScenarioDocument.compact(ScenarioDocument.value(value)) == #"{"z": 1, "a": [null, true, 2.0, 0.5]}"#)
    }

    @Test func rawLiteralOutlastsItsContent() {
        #expect(ConformanceEmitter.rawHashes("{}\n") == "#")
        #expect(ConformanceEmitter.rawHashes("{\"a\":\"\\#\"}") == "##")
        #expect(ConformanceEmitter.rawHashes("\"\"\"#\n") == "##")
    }

    @Test func laidOutDocumentKeepsWithinTheWidth() {
        let long = String(repeating: "word ", count: 80) + "\u{2192} \\ end"
        let step = StepDef(method: "GET", path: "/x", headers: [], query: [], body: nil, auth: .default, status: 200, expectBody: nil,
                           forbidFields: [], requireHeaders: [], captures: [], location: SourceLocation(file: "f.yaml", line: 1, column: 2))
        let scenario = ScenarioDef(id: "s", description: long, steps: [step],
                                   origin: SpecOrigin(file: "f.yaml", id: "s", location: SourceLocation(file: "f.yaml", line: 1, column: 1)))
        let text = ScenarioDocument.json([scenario], continuation: "\\#")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= LineWrapper.width })
        // Removing the continuations gives back the compact document's content.
        let joined = text.replacingOccurrences(of: "\\#\n", with: "").filter { !$0.isWhitespace }
        #expect(joined == ScenarioDocument.json([scenario]).filter { !$0.isWhitespace })
    }

    @Test func stepsWriteOnlyWhatTheyHold() {
        let step = StepDef(method: "GET", path: "/x", headers: [], query: [("q", "1")], body: nil, auth: .none, status: 200, expectBody: .null,
                           forbidFields: [], requireHeaders: [], captures: [], location: SourceLocation(file: "f.yaml", line: 1, column: 2))
        #expect(ScenarioDocument.compact(ScenarioDocument.step(step))
            == #"{"method": "GET", "path": "/x", "query": [["q", "1"]], "auth": "none", "status": 200, "expectBody": null, "location": "f.yaml:1:2"}"#)
    }
}
