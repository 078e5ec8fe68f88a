import Foundation
@testable import NXCodeGen
import NXSpec
import OpenAPIKit
import Testing
import Yams

/// The generated OpenAPI documents (of Spec/ and of the golden spec) decode as OpenAPI 3.1 with OpenAPIKit and pass its
/// validation (references resolve, operation ids unique, path parameters declared…), warnings counting as errors;
/// a document broken on purpose fails it.
@Suite struct OpenAPIValidationTests {
    /// The golden spec's directory.
    static let goldenSpecDirectory = CodeGenGoldenTests.golden.appendingPathComponent("spec").path

    /// The validations run: OpenAPIKit's defaults and the ones it leaves out (paths, operations and responses exist).
    static var validator: Validator { Validator().validating(\.documentContainsPaths, \.pathsContainOperations, \.operationsContainResponses) }

    /// The document nxgen writes for the spec in `directory`, as text.
    static func text(_ directory: String) throws -> String {
        let model = try SpecCompiler.compile(directory: directory, displayPrefix: "Spec").get()
        return try #require(OpenAPIEmitter.emit(model).first?.contents)
    }

    /// `text` decoded by OpenAPIKit.
    static func decoded(_ text: String) throws -> OpenAPI.Document {
        try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
    }

    @Test(arguments: [OpenAPIEmitterTests.specDirectory, goldenSpecDirectory])
    func generatedDocumentValidates(_ directory: String) throws {
        let document = try Self.decoded(Self.text(directory))
        #expect(document.openAPIVersion == .v3_1_0)
        #expect(document.paths.count > 0)
        try document.validate(using: Self.validator, strict: true)
    }

    @Test func everyOperationAndSchemaIsRead() throws {
        let model = try SpecCompiler.compile(directory: OpenAPIEmitterTests.specDirectory, displayPrefix: "Spec").get()
        let expected = OpenAPIEmitter.document(model)
        let document = try Self.decoded(Self.text(OpenAPIEmitterTests.specDirectory))
        #expect(document.paths.keys.map(\.rawValue).sorted() == expected.paths.keys.sorted())
        #expect(document.components.schemas.keys.map(\.rawValue).sorted() == expected.components.schemas.keys.sorted())
        let operationIds = document.allOperationIds.sorted()
        #expect(operationIds == expected.paths.entries.flatMap { $0.value.operations.entries.map(\.value.operationId) }.sorted())
    }

    /// A `$ref` to a schema the document does not define fails validation.
    @Test func danglingReferenceFailsValidation() throws {
        let model = try SpecCompiler.compile(directory: Self.goldenSpecDirectory, displayPrefix: "Spec").get()
        var broken = OpenAPIEmitter.document(model)
        broken.components.schemas[try #require(broken.components.schemas.keys.first { $0.hasSuffix("Input") })] = nil
        let document = try Self.decoded(broken.yaml())
        #expect(throws: ValidationErrorCollection.self) { try document.validate(using: Self.validator) }
    }

    /// Two operations with one id fail validation.
    @Test func duplicateOperationIdFailsValidation() throws {
        let model = try SpecCompiler.compile(directory: Self.goldenSpecDirectory, displayPrefix: "Spec").get()
        var broken = OpenAPIEmitter.document(model)
        let paths = broken.paths.keys
        try #require(paths.count > 1)
        let first = try #require(broken.paths[paths[0]]?.operations.entries.first?.value.operationId)
        var item = try #require(broken.paths[paths[1]])
        item.operations.entries[0].value.operationId = first
        broken.paths[paths[1]] = item
        let document = try Self.decoded(broken.yaml())
        #expect(throws: ValidationErrorCollection.self) { try document.validate(using: Self.validator) }
    }

    /// 3.0's `nullable` is not a keyword of OpenAPI 3.1's schema object: OpenAPIKit refuses it.
    @Test func openAPI30NullableFailsDecoding() throws {
        let text = try Self.text(Self.goldenSpecDirectory)
            .replacingOccurrences(of: "      type: object\n", with: "      type: object\n      nullable: true\n")
        #expect(text.contains("nullable: true"))
        #expect(throws: (any Error).self) { try Self.decoded(text).validate(using: Self.validator) }
    }
}
