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
        let repository = URL(fileURLWithPath: Self.specDirectory).deletingLastPathComponent().path
        guard case .failure(let errors) = SpecCompiler.compile(files, fixture: SpecCompiler.fixtureReader(repository: repository)) else {
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

/// The project's operations and enrichers: ids, aliases, parameters as Nuxeo declares them.
@Suite struct OperationSpecTests {
    static func project() throws -> SpecModel {
        try SpecCompiler.compile(directory: RealSpecTests.specDirectory, displayPrefix: "Spec").get()
    }

    @Test func declaresTheRequiredOperations() throws {
        let model = try Self.project()
        let ids = Set(model.operations.map(\.id))
        for id in ["Document.Create", "Document.Update", "Document.Delete", "Document.GetChild", "Document.GetChildren",
                   "Document.GetParent", "Document.SetProperty", "Document.Copy", "Document.Move", "Document.FollowLifecycleTransition",
                   "Document.Trash", "Document.Untrash", "Document.Lock", "Document.Unlock", "Document.CheckIn", "Document.CheckOut",
                   "Document.CreateVersion", "Document.GetVersions", "Repository.Query", "Repository.GetDocument", "Log",
                   "Document.AddPermission", "Document.RemovePermission", "Document.ReplacePermission",
                   "Document.BlockPermissionInheritance", "Document.UnblockPermissionInheritance"] {
            #expect(ids.contains(id), "\(id)")
        }
        let aliases = Set(model.operations.flatMap(\.aliases))
        for alias in ["Document.Fetch", "Document.AddACL", "Document.Query", "Document.SetLifeCycle", "LogOperation"] {
            #expect(aliases.contains(alias), "\(alias)")
        }
        let create = try #require(model.operations.first { $0.id == "Document.Create" })
        #expect(create.params.map(\.name) == ["type", "name", "properties"])
        #expect(create.params.first?.required == true && create.params.last?.type == .properties)
        #expect(create.signature == [OperationSignatureDef(input: "document", output: "document"),
                                     OperationSignatureDef(input: "documents", output: "documents")])
    }

    @Test func documentEnrichers() throws {
        let names = try Self.project().enrichers.filter { $0.entity == "document" }.map(\.name)
        #expect(names == ["breadcrumb", "children", "permissions", "acls", "hasFolderishChild", "hasContent", "subtypes",
                          "userVisiblePermissions", "firstAccessibleAncestor", "audit", "documentURL", "thumbnail", "renditions", "preview",
                          "publications", "pendingTasks", "runningWorkflows", "runnableWorkflows"])
    }

    @Test func responseAndBodyKinds() throws {
        let files = [
            SpecFile(path: "Spec/api.yaml", text: "api: { title: T, basePaths: [/nuxeo/api/v1] }\n"),
            SpecFile(path: "Spec/endpoints/a.yaml", text: """
                endpoints:
                  - id: run
                    method: POST
                    path: /automation/{id}
                    params: { id: { in: path, type: string } }
                    body: { json: true }
                    responses: { 200: { any: true } }
                  - id: raw
                    method: GET
                    path: /raw
                    responses: { 200: { json: true }, 204: { empty: true } }
                """),
        ]
        let model = try SpecCompiler.compile(files).get()
        let run = try #require(model.endpoints.first { $0.id == "run" })
        #expect(run.jsonBody && run.body == nil && run.success?.kind == .any)
        let raw = try #require(model.endpoints.first { $0.id == "raw" })
        #expect(raw.responses.map(\.kind) == [.json, .empty] && raw.success?.entity == nil)
    }
}
