import NXSpec
import Testing

/// The diff engine on two in-memory specs: each kind of change classified, located on the right side.
@Suite struct SpecDiffTests {
    static let base: [String: String] = [
        "entities/document.yaml": """
            entity: document
            fields:
              uid: string
              title: string?
              size: integer
            """,
        "entities/enums.yaml": """
            enums:
              color:
                description: A color.
                values: [red, green, blue]
            """,
        "endpoints/docs.yaml": """
            endpoints:
              - id: getDoc
                method: GET
                path: /doc/{id}
                params:
                  id: { in: path, type: string }
                  depth: { in: query, type: string }
                headers: [properties]
                responses:
                  200: { entity: document }
                  404: { entity: document }
              - id: listDocs
                method: GET
                path: /doc
                responses:
                  200: { entity: document }
            """,
    ]

    /// Diffs the base spec against the base with `edit` applied to one file.
    static func diff(_ file: String, _ edit: (String) -> String) throws -> [SpecChange] {
        var changed = base
        changed[file] = edit(try #require(base[file]))
        let old = try InMemorySpec.compile(base).get()
        let new = try InMemorySpec.compile(changed).get()
        return SpecDiff.compare(old: old, new: new)
    }

    static func replacing(_ a: String, _ b: String) -> (String) -> String {
        { text in
            #expect(text.contains(a), "fixture must contain \(a)")
            return text.replacingOccurrences(of: a, with: b)
        }
    }

    @Test func identicalSpecsHaveNoChange() throws {
        #expect(try Self.diff("entities/document.yaml") { $0 }.isEmpty)
    }

    @Test func removedFieldIsBreakingAtTheOldLocation() throws {
        let changes = try Self.diff("entities/document.yaml", Self.replacing("\n  size: integer", ""))
        #expect(changes.map(\.description) == ["Spec/entities/document.yaml:5:3: breaking[field-removed]: entity 'document': field 'size' removed (old spec)"])
        #expect(SpecDiff.hasBreaking(changes))
    }

    @Test func addedOptionalFieldIsCompatibleAtTheNewLocation() throws {
        let changes = try Self.diff("entities/document.yaml") { $0 + "\n  note: string?\n" }
        #expect(changes.map(\.description) == ["Spec/entities/document.yaml:6:3: compatible[field-added]: entity 'document': optional field 'note' added (new spec)"])
        #expect(!SpecDiff.hasBreaking(changes))
    }

    @Test func removedEndpointIsBreaking() throws {
        let changes = try Self.diff("endpoints/docs.yaml") { text in String(text[..<(text.range(of: "  - id: listDocs")?.lowerBound ?? text.endIndex)]) }
        #expect(changes.map(\.kind) == [.endpointRemoved])
        #expect(changes.first?.side == .old)
        #expect(changes.first?.message == "endpoint 'listDocs' (GET /doc) removed")
    }

    @Test func addedEndpointIsCompatible() throws {
        let changes = try Self.diff("endpoints/docs.yaml") { $0 + "\n  - id: headDoc\n    method: HEAD\n    path: /doc/{id}\n    params:\n      id: { in: path, type: string }\n    responses:\n      200: { empty: true }\n" }
        #expect(changes.map(\.impact) == [.compatible])
        #expect(changes.map(\.kind) == [.endpointAdded])
    }

    @Test func removedEnumCaseIsBreakingAndAddedIsCompatibleWithNote() throws {
        let removed = try Self.diff("entities/enums.yaml", Self.replacing("[red, green, blue]", "[red, green]"))
        #expect(removed.map(\.kind) == [.enumCaseRemoved])
        #expect(removed.map(\.impact) == [.breaking])
        let added = try Self.diff("entities/enums.yaml", Self.replacing("[red, green, blue]", "[red, green, blue, cyan]"))
        #expect(added.map(\.kind) == [.enumCaseAdded])
        #expect(added.map(\.impact) == [.compatibleWithNote])
    }

    @Test func removedStatusIsBreaking() throws {
        let changes = try Self.diff("endpoints/docs.yaml", Self.replacing("      404: { entity: document }\n", ""))
        #expect(changes.map(\.description) == ["Spec/endpoints/docs.yaml:11:7: breaking[status-removed]: endpoint 'getDoc': status 404 removed (old spec)"])
    }

    @Test func typeChangeIsBreaking() throws {
        let changes = try Self.diff("entities/document.yaml", Self.replacing("size: integer", "size: string"))
        #expect(changes.map(\.description) == ["Spec/entities/document.yaml:5:3: breaking[type-changed]: entity 'document': field 'size' type integer → string (new spec)"])
    }

    @Test func parameterMadeRequiredOrNewRequiredIsBreaking() throws {
        let required = try Self.diff("endpoints/docs.yaml", Self.replacing("depth: { in: query, type: string }", "depth: { in: query, type: string, required: true }"))
        #expect(required.map(\.kind) == [.parameterMadeRequired])
        #expect(required.map(\.impact) == [.breaking])
        let added = try Self.diff("endpoints/docs.yaml", Self.replacing("      depth: {", "      q: { in: query, type: string, required: true }\n      depth: {"))
        #expect(added.map(\.description) == ["Spec/endpoints/docs.yaml:7:7: breaking[parameter-added]: endpoint 'getDoc': new required parameter 'q' (new spec)"])
    }

    @Test func pathChangeAndRemovedHeaderAreBreaking() throws {
        let changes = try Self.diff("endpoints/docs.yaml", Self.replacing("path: /doc/{id}", "path: /docs/{id}"))
        #expect(changes.map(\.kind) == [.pathChanged])
        let header = try Self.diff("endpoints/docs.yaml", Self.replacing("    headers: [properties]\n", ""))
        #expect(header.map(\.kind) == [.headerRemoved])
        #expect(header.map(\.impact) == [.breaking])
    }

    @Test func removedEntityIsBreakingAndChangesSortBreakingFirst() throws {
        var changed = Self.base
        changed["entities/widget.yaml"] = "entity: widget\nfields:\n  x: string\n"
        let grown = try InMemorySpec.compile(changed).get()
        let old = try InMemorySpec.compile(Self.base).get()
        #expect(SpecDiff.compare(old: grown, new: old).map(\.kind) == [.entityRemoved])
        var both = changed
        both["entities/document.yaml"] = try #require(changed["entities/document.yaml"]).replacingOccurrences(of: "\n  size: integer", with: "")
        let changes = SpecDiff.compare(old: old, new: try InMemorySpec.compile(both).get())
        #expect(changes.map(\.impact) == [.breaking, .compatible])
        #expect(changes.map(\.kind) == [.fieldRemoved, .entityAdded])
    }
}
