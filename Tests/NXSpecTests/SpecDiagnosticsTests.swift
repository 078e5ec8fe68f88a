import Foundation
import NXSpec
import Testing

/// Golden diagnostics: each fixture under `Fixtures/<case>/Spec` compiles to exactly the lines of `Fixtures/<case>/expected.errors`.
/// Set `NX_UPDATE_GOLDEN=1` to rewrite the expectations after reviewing a change.
@Suite struct SpecDiagnosticsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func diagnostics(_ name: String) -> String {
        let directory = fixtures.appendingPathComponent(name).appendingPathComponent("Spec").path
        switch SpecCompiler.compile(directory: directory, displayPrefix: "Spec") {
        case .success: return ""
        case .failure(let errors): return errors.description + "\n"
        }
    }

    @Test(arguments: cases)
    func goldenDiagnostics(_ name: String) throws {
        let actual = Self.diagnostics(name)
        let golden = Self.fixtures.appendingPathComponent(name).appendingPathComponent("expected.errors")
        if ProcessInfo.processInfo.environment["NX_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
        #expect(!actual.isEmpty, "fixture \(name) must produce at least one diagnostic")
    }

    @Test func fixturesCoverAtLeastTwelveErrorKinds() {
        var codes = Set<String>()
        for name in Self.cases {
            for line in Self.diagnostics(name).split(separator: "\n") {
                if let range = line.range(of: "error[") { codes.insert(String(line[range.upperBound...].prefix(5))) }
            }
        }
        #expect(codes.count >= 12, "codes covered: \(codes.sorted())")
    }

    /// Every diagnostic and every note under it starts with file:line:col.
    @Test func everyDiagnosticHasFileLineColumn() {
        for name in Self.cases {
            for line in Self.diagnostics(name).split(separator: "\n") {
                #expect(line.wholeMatch(of: /Spec\/[^:]+\.yaml:\d+:\d+: (error\[NX\d{3}\]|note): .+/) != nil, "\(line)")
            }
        }
    }
}
