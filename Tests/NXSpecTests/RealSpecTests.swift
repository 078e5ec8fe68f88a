import Foundation
import NXSpec
import Testing

/// The project's own Spec/ compiles cleanly, and a misspelled entity in it is reported with file, line and column.
@Suite struct RealSpecTests {
    static let specDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Spec").path

    @Test func projectSpecCompiles() throws {
        let model = try SpecCompiler.compile(directory: Self.specDirectory, displayPrefix: "Spec").get()
        #expect(model.entities.map(\.name).contains("document"))
        #expect(model.endpoints.contains { $0.id == "getChildren" && $0.path == "{doc}/@children" })
        #expect(!model.scenarios.isEmpty)
    }

    @Test func misspelledEntityIsReportedWithLocation() throws {
        var files = try SpecCompiler.readFiles(directory: Self.specDirectory, displayPrefix: "Spec")
        let index = try #require(files.firstIndex { $0.path == "Spec/endpoints/documents.yaml" })
        let original = files[index].text
        files[index].text = original.replacingOccurrences(of: "200: { entity: document }", with: "200: { entity: documnet }")
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("200: { entity: document }") }) + 1
        let column = try #require(lines[line - 1].range(of: "documen")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        guard case .failure(let errors) = SpecCompiler.compile(files) else {
            Issue.record("a misspelled entity must fail")
            return
        }
        #expect(errors.diagnostics.first?.description
            == "Spec/endpoints/documents.yaml:\(line):\(column): error[NX006]: unknown entity 'documnet' (did you mean 'document'?)")
    }

    @Test func suggestionsUseEditDistance() {
        #expect(Suggestion.closest(to: "documnet", in: ["document", "documents", "exception"]) == "document")
        #expect(Suggestion.closest(to: "zzz", in: ["document"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}
