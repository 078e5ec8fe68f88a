import Foundation
import NXCodeGen
import NXSpec
import Testing

/// Operation declarations Nuxeo's catalog needs: primitive `int` parameters, parameter names with spaces or that are
/// Swift keywords, an operation listing its own id among its aliases, and descriptor heads too wide for one line.
@Suite struct OperationCatalogSpecTests {
    static let spec = """
        operations:
          - id: Test.AVeryLongOperationIdentifierForWrapping
            aliases: [Test.AVeryLongOperationIdentifierForWrapping, Test.AnotherQuiteLongAliasForWrapping]
            category: Document
            label: A label long enough to push the first descriptor line past the width
            signature: [document: document]
            params:
              is Remove All: { type: boolean, values: ["true"], default: "true" }
              class: { type: string }
              limit: { type: int }
        """

    static func model() throws -> SpecModel {
        try SpecCompiler.compile([
            SpecFile(path: "Spec/api.yaml", text: "api: { title: T, basePaths: [/nuxeo/api/v1] }\n"),
            SpecFile(path: "Spec/operations/test.yaml", text: spec),
        ]).get()
    }

    @Test func declarationsCompile() throws {
        let op = try #require(try Self.model().operations.first)
        #expect(op.aliases.first == op.id)
        #expect(op.params.map(\.name) == ["is Remove All", "class", "limit"])
        #expect(op.params.last?.type == .int)
    }

    @Test func generatedSwiftNamesTheParametersAndStaysNarrow() throws {
        let files = CodeGenerator.generate(try Self.model())
        let params = try #require(files.first { $0.path.hasSuffix("OperationParams+Test.swift") }).contents
        #expect(params.contains("public var isRemoveAll: Bool") && params.contains("self.class = `class`"))
        #expect(params.contains("self.limit = try reader.int(\"limit\")"))
        let registry = try #require(files.first { $0.path.hasSuffix("NXOperations.swift") }).contents
        #expect(registry.components(separatedBy: "case \"Test.AVeryLongOperationIdentifierForWrapping\", \"Test.AnotherQuiteLongAliasForWrapping\":").count == 2)
        for file in files {
            for line in file.contents.split(separator: "\n", omittingEmptySubsequences: false) { #expect(line.count <= 120, "\(file.path): \(line)") }
        }
    }
}
