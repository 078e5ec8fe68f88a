import NXConformance
import NXConformanceKit
import NXRuntime
import Testing

/// The one scenario loader: the generated document and hand-written ones, every step field, and errors with their place.
@Suite struct ScenarioLoaderTests {
    @Test func generatedSuiteLoads() throws {
        let scenarios = try ConformanceSuite.load()
        #expect(scenarios.count >= 15)
        #expect(Set(scenarios.map(\.id)).count == scenarios.count)
        for scenario in scenarios {
            #expect(scenario.origin.hasPrefix("Spec/conformance/") && scenario.origin.hasSuffix("#\(scenario.id)"))
            #expect(!scenario.steps.isEmpty)
        }
    }

    @Test func readsEveryStepField() throws {
        let text = #"""
        {"scenarios": [
        {"id": "s", "description": "d\u00e9", "origin": "Spec/conformance/x.yaml#s", "steps": [
        {"method": "POST", "path": "/p/{{id}}", "headers": [["A", "1"], ["A", "2"]], "query": [["q", "v"]], "body": {"z":1,"a":[null]},
         "auth": {"user": "u", "password": "p"}, "status": 201, "expectBody": null, "forbidFields": ["$.x"],
         "requireHeaders": [["Content-Type", "application/json"]], "captures": [["id", "$.uid"]], "location": "x.yaml:3:9"},
        {"method": "GET", "path": "/", "auth": "none", "status": 200, "location": "x.yaml:5:9"}
        ]}
        ]}
        """#
        let scenarios = try ScenarioLoader.load(json: text)
        #expect(scenarios.count == 1)
        let scenario = try #require(scenarios.first)
        #expect(scenario.id == "s" && scenario.description == "d\u{e9}" && scenario.origin == "Spec/conformance/x.yaml#s")
        let first = scenario.steps[0]
        #expect(first.method == "POST" && first.path == "/p/{{id}}" && first.status == 201 && first.location == "x.yaml:3:9")
        #expect(first.headers.map { "\($0.0)=\($0.1)" } == ["A=1", "A=2"])
        #expect(first.query.map { "\($0.0)=\($0.1)" } == ["q=v"])
        #expect(first.body == ["z": 1, "a": [nil]])
        #expect(first.body?.objectValue?.keys == ["z", "a"])
        #expect(first.auth == .basic(user: "u", password: "p"))
        #expect(first.expectBody == .null)
        #expect(first.forbidFields == ["$.x"])
        #expect(first.requireHeaders.map(\.0) == ["Content-Type"])
        #expect(first.captures.map { "\($0.0)=\($0.1)" } == ["id=$.uid"])
        let second = scenario.steps[1]
        #expect(second.auth == ConformanceAuth.none)
        #expect(second.body == nil && second.expectBody == nil && second.headers.isEmpty && second.captures.isEmpty)
    }

    @Test(arguments: [
        (#"{"scenarios": [{"id": "s"}]}"#, "$.scenarios[0]"),
        (#"{"scenarios": [{"id": "s", "description": "", "origin": "", "steps": [{"method": "GET", "path": "/", "status": "200", "location": ""}]}]}"#,
         "$.scenarios[0].steps[0].status"),
        (#"{"scenarios": [{"id": "s", "description": "", "origin": "", "steps": [{"method": "GET", "path": "/", "status": 200, "location": "", "headers": [["a"]]}]}]}"#,
         "$.scenarios[0].steps[0].headers[0]"),
        (#"{"scenarios": [{"id": "s", "description": "", "origin": "", "steps": [{"method": "GET", "path": "/", "status": 200, "location": "", "auth": 1}]}]}"#,
         "$.scenarios[0].steps[0].auth"),
        (#"{"scenarios": "#, "$"),
        (#"[]"#, "$"),
    ])
    func errorsNameTheirPlace(_ text: String, _ path: String) {
        #expect(throws: ScenarioLoadError.self) { try ScenarioLoader.load(json: text) }
        do {
            _ = try ScenarioLoader.load(json: text)
        } catch {
            #expect(error.path == path, "\(error)")
        }
    }
}
