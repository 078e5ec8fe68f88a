import Foundation
import NXSpec
import Testing

/// `Spec/directories/`: the grammar's defaults, field resolvers, and the project's vocabularies.
@Suite struct DirectorySpecTests {
    static let api = SpecFile(path: "Spec/api.yaml", text: "api: { title: T, basePaths: [/nuxeo/api/v1] }\n")

    @Test func defaultsAndResolvers() throws {
        let model = try SpecCompiler.compile([
            Self.api,
            SpecFile(path: "Spec/repository/schemas.yaml", text: """
                schemas:
                  vocabulary: { fields: { id: string, label: string, ordering: long } }
                  dublincore: { prefix: dc, fields: { nature: { type: string, resolver: { directory: n } } } }
                """),
            SpecFile(path: "Spec/directories/n.yaml", text: """
                directories:
                  n:
                    schema: vocabulary
                    aliases: [natures]
                    defaults: { ordering: 3 }
                    entries:
                      - { id: a, label: A }
                      - { id: b, ordering: 1 }
                """),
        ]).get()
        let n = try #require(model.directory("natures"))
        #expect(n.name == "n" && n.idField == "id" && !n.readOnly && n.types == ["vocabulary"] && n.parent == nil)
        #expect(n.entries.map { $0.values.map { "\($0.field)=\($0.value)" } } == [["id=a", "label=A", "ordering=3"], ["id=b", "ordering=1"]])
        #expect(model.schemas.first { $0.name == "dublincore" }?.fields.first?.resolver == .directory("n"))
    }

    @Test func projectVocabularies() throws {
        let model = try SpecCompiler.compile(directory: RealSpecTests.specDirectory, displayPrefix: "Spec").get()
        #expect(model.directories.map(\.name) == ["continent", "country", "l10ncoverage", "l10nsubjects", "language", "nature"])
        #expect(model.directory("continent")?.entries.compactMap { $0.value("id") }
            == ["europe", "africa", "north-america", "south-america", "asia", "oceania", "antarctica"])
        #expect(model.directory("continent")?.entries.allSatisfy { $0.value("ordering") == "10000000" && $0.value("obsolete") == "0" } == true)
        #expect(model.directory("subject")?.name == "l10nsubjects" && model.directory("coverage")?.name == "l10ncoverage")
        #expect(model.directory("nature")?.entries.contains { $0.value("id") == "article" } == true)
    }
}
