import Foundation
import NXSpec
import Testing

/// Warnings: each kind with its code and location; the project's spec has no unused entity.
@Suite struct SpecWarningsTests {
    static let entities = [
        "entities/document.yaml": "entity: document\nfields:\n  uid: string\n",
        "entities/orphan.yaml": "entity: orphan\nfields:\n  x: string\n",
    ]
    static let endpoints = """
        endpoints:
          - id: getDoc
            method: GET
            path: "{doc}"
            params:
              doc: { in: path, type: docRef }
            responses:
              200: { entity: document }
          - id: getChildren
            method: GET
            path: "{doc}/@children"
            params:
              doc: { in: path, type: docRef }
            responses:
              200: { entity: document }
          - id: getUser
            method: GET
            path: /user/{name}
            params:
              name: { in: path, type: string }
            responses:
              200: { entity: document }
        """
    static let scenarios = """
        scenarios:
          - id: s
            description: d
            steps:
              - request: { method: POST, path: "/path/default-domain/folder" }
                expect: { status: 200 }
                capture: { id: $.uid, p: $.path }
              - request: { method: GET, path: "/path{{p}}" }
                expect: { status: 200 }
              - request: { method: GET, path: "/repo/default/id/{{id}}/@children?pageSize=1" }
                expect: { status: 200 }
        """

    static func warnings(_ files: [String: String]) throws -> [Diagnostic] {
        SpecWarnings.check(try InMemorySpec.compile(files).get())
    }

    @Test func unusedEntityIsAWarningAtItsDefinition() throws {
        let found = try Self.warnings(Self.entities.merging(["endpoints/e.yaml": Self.endpoints, "conformance/c.yaml": Self.scenarios]) { a, _ in a })
            .filter { $0.code == .unusedEntity }
        #expect(found.map(\.description) == [
            "Spec/entities/orphan.yaml:1:9: warning[NX901]: entity 'orphan' is not used by any endpoint, entity, operation or enricher",
        ])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func endpointWithoutScenarioIsAWarningAtTheEndpoint() throws {
        let found = try Self.warnings(Self.entities.merging(["endpoints/e.yaml": Self.endpoints, "conformance/c.yaml": Self.scenarios]) { a, _ in a })
            .filter { $0.code == .endpointWithoutScenario }
        #expect(found.map(\.description) == [
            "Spec/endpoints/e.yaml:16:9: warning[NX902]: endpoint 'getUser' (GET /user/{name}) is not exercised by any conformance scenario",
        ])
    }

    @Test func warningsDoNotFailCompilation() throws {
        let model = try InMemorySpec.compile(Self.entities.merging(["endpoints/e.yaml": Self.endpoints]) { a, _ in a }).get()
        #expect(SpecWarnings.check(model).count == 4)
    }

    @Test func operationWithoutScenarioIsAWarningUnlessCalledByIdAliasOrRunOperation() throws {
        let operations = """
            operations:
              - { id: Op.Called, category: C, label: L, signature: [void: void] }
              - { id: Op.ByAlias, aliases: [Op.Alias], category: C, label: L, signature: [void: void] }
              - { id: Op.Nested, category: C, label: L, signature: [void: void] }
              - { id: Op.Never, category: C, label: L, signature: [void: void] }
            """
        let calls = """
            scenarios:
              - id: s
                steps:
                  - request: { method: POST, path: /automation/Op.Called }
                    expect: { status: 204 }
                  - request: { method: POST, path: "/id/abc/@op/Op.Alias" }
                    expect: { status: 204 }
                  - request: { method: POST, path: /automation/RunOperation, body: { params: { id: Op.Nested } } }
                    expect: { status: 204 }
            """
        let model = try InMemorySpec.compile(["operations/o.yaml": operations, "conformance/c.yaml": calls]).get()
        #expect(SpecWarnings.operationsWithoutScenario(model).map(\.message) == ["operation 'Op.Never' is not called by any conformance scenario"])
    }

    @Test func everyOperationOfTheProjectIsCalledByAScenario() throws {
        let model = try SpecCompiler.compile(directory: RealSpecTests.specDirectory, displayPrefix: "Spec").get()
        #expect(SpecWarnings.operationsWithoutScenario(model).map(\.message) == [])
    }

    @Test func projectSpecHasNoUnusedEntity() throws {
        let model = try SpecCompiler.compile(directory: RealSpecTests.specDirectory, displayPrefix: "Spec").get()
        #expect(SpecWarnings.unusedEntities(model).isEmpty)
    }
}
