import NXSpec
import Testing

/// `sdk:` (Spec/sdk.yaml): every endpoint is one method of one resource; methods name known endpoints and parameters.
@Suite struct SDKSpecTests {
    static let endpoints = """
        endpoints:
          - id: getThing
            method: GET
            path: /thing/{name}
            params:
              name: { in: path, type: string }
            responses:
              204: { empty: true }
          - id: deleteThing
            method: DELETE
            path: /thing/{name}
            params:
              name: { in: path, type: string }
            responses:
              204: { empty: true }
        """

    static func errors(_ sdk: String) -> [String] {
        guard case .failure(let errors) = InMemorySpec.compile(["endpoints/things.yaml": endpoints, "sdk.yaml": sdk]) else { return [] }
        return errors.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.code.rawValue) \($0.message)" }
    }

    @Test func aCompleteMappingCompiles() throws {
        let result = InMemorySpec.compile(["endpoints/things.yaml": Self.endpoints, "sdk.yaml": """
            sdk:
              resources:
                things:
                  description: Things.
                  methods:
                    get: { endpoint: getThing, labels: { name: _ } }
                    delete: deleteThing
            """])
        let model = try result.get()
        let resource = try #require(model.sdkResources.first)
        #expect(resource.name == "things" && resource.methods.map(\.name) == ["get", "delete"])
        #expect(resource.methods[0].labels == ["name": "_"])
    }

    @Test func anEndpointLeftOutIsAnErrorAtTheEndpoint() {
        let errors = Self.errors("""
            sdk:
              resources:
                things:
                  methods:
                    get: getThing
            """)
        #expect(errors == ["9:9: NX051 endpoint 'deleteThing' is no method of an SDK resource (Spec/sdk.yaml)"])
    }

    @Test func unknownEndpointsLabelsAndDuplicatesAreLocated() {
        let errors = Self.errors("""
            sdk:
              operations: nowhere
              resources:
                things:
                  methods:
                    get: { endpoint: getThing, labels: { nmae: _ } }
                    remove: deleteThing
                    again: deleteThing
                    gone: getThings
                    pages: { endpoint: getThing, sequence: all }
            """)
        #expect(errors.contains { $0.hasPrefix("6:9: NX051 unknown parameter of endpoint 'getThing' 'nmae'") })
        #expect(errors.contains { $0.hasPrefix("9:9: NX051 unknown endpoint 'getThings'") })
        #expect(errors.contains { $0.hasPrefix("2:15: NX051 unknown SDK resource 'nowhere'") })
        #expect(errors.contains { $0.hasPrefix("8:9: NX005 duplicate SDK method of endpoint 'deleteThing'") })
        #expect(errors.contains { $0 == "10:9: NX016 'things.pages' has a sequence, but endpoint 'getThing' is not paged by currentPageIndex" })
    }

    @Test func namesMustBeSwiftIdentifiers() {
        let errors = Self.errors("""
            sdk:
              resources:
                my-things:
                  methods:
                    get: { endpoint: getThing, labels: { name: "a b" } }
                    delete: deleteThing
            """)
        #expect(errors.contains { $0.hasPrefix("3:5: NX016 SDK resource name 'my-things' must be a Swift identifier") })
        #expect(errors.contains { $0.hasPrefix("5:52: NX016 argument label 'a b' must be a Swift identifier") })
    }
}
