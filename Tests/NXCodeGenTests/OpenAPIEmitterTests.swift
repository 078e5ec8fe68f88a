import Foundation
@testable import NXCodeGen
import NXSpec
import Testing

/// The OpenAPI document of the project's own Spec/ says what the server's shared layers answer, and the YAML renderer
/// writes block YAML that keys and scalars survive.
@Suite struct OpenAPIEmitterTests {
    static let specDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Spec").path

    static func document() throws -> String {
        let model = try SpecCompiler.compile(directory: specDirectory, displayPrefix: "Spec").get()
        return try #require(OpenAPIEmitter.emit(model).first?.contents)
    }

    /// The block of `path` (up to the next path).
    static func pathItem(_ path: String, in document: String) throws -> Substring {
        let start = try #require(document.range(of: "\n  '\(path)':\n"))
        let rest = document[start.upperBound...]
        return rest[..<(rest.range(of: "\n  '/")?.lowerBound ?? rest.endIndex)]
    }

    @Test func everyOperationDeclaresTheAuthenticationErrors() throws {
        let text = try Self.document()
        let operations = text.components(separatedBy: "      operationId: ").count - 1
        #expect(operations > 60)
        #expect(text.components(separatedBy: "        '401':\n").count - 1 == operations)
        #expect(text.components(separatedBy: "        '429':\n").count - 1 == operations)
    }

    @Test func configListsAreArrays() throws {
        let text = try Self.document()
        #expect(try Self.pathItem("/config/schemas", in: text).contains("type: 'array'\n                items:\n                  $ref: '#/components/schemas/schemaSummary'"))
        #expect(try Self.pathItem("/config/facets", in: text).contains("$ref: '#/components/schemas/facetSummary'"))
    }

    @Test func savedSearchNumbersAreIntegerStrings() throws {
        let text = try Self.document()
        let start = try #require(text.range(of: "\n    savedSearch:\n"))
        let schema = text[start.upperBound...].prefix(3000)
        let pageSize = try #require(schema.range(of: "        pageSize:\n"))
        #expect(schema[pageSize.upperBound...].prefix(300).contains("pattern: '^-?[0-9]{1,19}$'"))
        let input = try #require(text.range(of: "\n    savedSearchInput:\n"))
        let inputPageSize = try #require(text[input.upperBound...].range(of: "        pageSize:\n"))
        #expect(text[inputPageSize.upperBound...].prefix(300).contains("oneOf:"))
        #expect(!schema.contains("type: 'object'\n        currentPageIndex"))
    }

    @Test func requestBodiesUseInputSchemas() throws {
        let text = try Self.document()
        #expect(try Self.pathItem("/search/saved", in: text).contains("$ref: '#/components/schemas/savedSearchInput'"))
        #expect(text.contains("\n    documentInput:\n"))
    }

    @Test func rendererQuotesKeysAndStringsAndNestsLists() {
        let tree = YAMLTree.map([
            ("'/a'", .string("it's")),
            ("$ref", .plain("1")),
            ("items", .list([.map([("name", .string("x")), ("in", .plain("query"))]), .string("y")])),
            ("empty", .map([])),
            ("none", .list([])),
        ])
        #expect(tree.rendered() == """
            '''/a''': 'it''s'
            $ref: 1
            items:
              - name: 'x'
                in: query
              - 'y'
            empty: {}
            none: []

            """)
    }
}
