import Foundation
import NXSpec
import Testing

/// Diagnostics lead with the cause: a file that does not parse comes first and takes the knock-on
/// "unknown …" errors as notes; a duplicate key is located at the duplicate; indentation says so.
@Suite struct DiagnosticCauseTests {
    static let specDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Spec").path

    static func errors(_ files: [SpecFile]) -> [Diagnostic] {
        let repository = URL(fileURLWithPath: specDirectory).deletingLastPathComponent().path
        guard case .failure(let errors) = SpecCompiler.compile(files, fixture: SpecCompiler.fixtureReader(repository: repository)) else { return [] }
        return errors.diagnostics
    }

    /// The regression of issue 11: a duplicate key in exception.yaml made 87 "unknown entity" errors, root cause last.
    @Test func duplicateKeyInRealSpecIsOneRootError() throws {
        var files = try SpecCompiler.readFiles(directory: Self.specDirectory, displayPrefix: "Spec")
        let index = try #require(files.firstIndex { $0.path == "Spec/entities/exception.yaml" })
        files[index].text = files[index].text.replacingOccurrences(of: "  message: string?\n", with: "  message: string?\n  status: string\n")
        let errors = Self.errors(files)
        #expect(errors.count == 1)
        let root = try #require(errors.first)
        #expect(root.code == .yamlSyntax)
        #expect(root.location.file == "Spec/entities/exception.yaml")
        #expect(root.message == "duplicate key 'status' in a mapping")
        #expect(root.notes.contains { $0.message.hasPrefix("suppressed knock-on error[NX006]: unknown entity 'exception' and ") })
    }

    @Test func rootCauseComesFirstAndUnrelatedErrorsStay() {
        let errors = Self.errors(InMemorySpec.files([
            "endpoints/a.yaml": """
                endpoints:
                  - id: getA
                    method: GET
                    path: /a
                    responses:
                      200: { entity: widget }
                      404: { entity: exception }
                """,
            "entities/exception.yaml": "entity: exception\nfields:\n  status: integer\n  status: string\n",
        ]))
        #expect(errors.map(\.code) == [.yamlSyntax, .unknownEntity])
        #expect(errors.first?.location.file == "Spec/entities/exception.yaml")
        #expect(errors.last?.message == "unknown entity 'widget'")
        #expect(errors.first?.notes.last?.location == SourceLocation(file: "Spec/endpoints/a.yaml", line: 7, column: 22))
    }

    @Test func duplicateKeyPointsAtTheDuplicateWithANoteAtTheFirst() throws {
        let block = try #require(Self.errors(InMemorySpec.files([
            "entities/d.yaml": "entity: d\nfields:\n  uid: string\n  # comment\n\n  uid: integer\n",
        ])).first)
        #expect(block.description == """
            Spec/entities/d.yaml:6:3: error[NX001]: duplicate key 'uid' in a mapping
            Spec/entities/d.yaml:3:3: note: 'uid' is first written here
            """)
        let flow = try #require(Self.errors(InMemorySpec.files([
            "entities/d.yaml": "entity: d\nfields:\n  uid: { type: string, \"type\": integer }\n",
        ])).first)
        #expect(flow.location == SourceLocation(file: "Spec/entities/d.yaml", line: 3, column: 24))
        #expect(flow.notes == [DiagnosticNote("'type' is first written here", at: SourceLocation(file: "Spec/entities/d.yaml", line: 3, column: 10))])
    }

    @Test func indentationErrorsSaySoAndKeepTheLocation() throws {
        let deeper = try #require(Self.errors(InMemorySpec.files(["entities/d.yaml": "entity: d\nfields:\n  uid: string\n    title: string\n"])).first)
        #expect(deeper.location == SourceLocation(file: "Spec/entities/d.yaml", line: 4, column: 10))
        #expect(deeper.message.hasPrefix("bad indentation: "))
        #expect(deeper.message.contains("libyaml: mapping values are not allowed in this context"))
        let misaligned = try #require(Self.errors(InMemorySpec.files(["entities/d.yaml": "entity: d\nfields:\n    uid: string\n  title: string\n"])).first)
        #expect(misaligned.location == SourceLocation(file: "Spec/entities/d.yaml", line: 4, column: 3))
        #expect(misaligned.message.hasPrefix("bad indentation: this line is not aligned"))
        #expect(misaligned.notes.map(\.message) == ["the mapping starts here"])
        let tab = try #require(Self.errors(InMemorySpec.files(["entities/d.yaml": "entity: d\nfields:\n\tuid: string\n"])).first)
        #expect(tab.message.hasPrefix("a tab character indents"))
    }

    @Test func severitiesPrintInTheDiagnosticLine() {
        let location = SourceLocation(file: "Spec/a.yaml", line: 1, column: 2)
        #expect(Diagnostic(.unusedEntity, "m", at: location, severity: .warning).description == "Spec/a.yaml:1:2: warning[NX901]: m")
        #expect(Diagnostic(.unknownEntity, "m", at: location) < Diagnostic(.unusedEntity, "m", at: SourceLocation(file: "A", line: 1, column: 1), severity: .warning))
    }
}
