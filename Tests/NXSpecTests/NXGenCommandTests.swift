import Foundation
import NXSpec
import Testing

/// The built `nxgen` binary end to end (skipped when `.build/debug/nxgen` is absent): `diff` against a
/// temporary git repository, and warnings with and without `--warnings-as-errors`.
@Suite struct NXGenCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let nxgen = root.appendingPathComponent(".build/debug/nxgen").path
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: nxgen) && FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
    }

    /// Runs a program in `directory`; returns its exit status and standard output plus error.
    static func run(_ program: String, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "t"; environment["GIT_AUTHOR_EMAIL"] = "t@t"
        environment["GIT_COMMITTER_NAME"] = "t"; environment["GIT_COMMITTER_EMAIL"] = "t@t"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A temporary git repository with an in-memory spec committed under `Spec/`.
    static func repository() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nxgen-diff-test-\(UUID().uuidString)")
        for file in InMemorySpec.files(SpecDiffTests.base) {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (file.text + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        for arguments in [["init", "-q"], ["add", "Spec"], ["commit", "-q", "-m", "spec"]] {
            let result = try run("/usr/bin/git", arguments, in: directory)
            #expect(result.status == 0, "git \(arguments): \(result.output)")
        }
        return directory
    }

    @Test(.enabled(if: available)) func diffAgainstAGitRefExitsOneOnABreakingChange() throws {
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let unchanged = try Self.run(Self.nxgen, ["diff", "HEAD"], in: repository)
        #expect(unchanged.status == 0, "\(unchanged.output)")
        let document = repository.appendingPathComponent("Spec/entities/document.yaml")
        let text = try String(contentsOf: document, encoding: .utf8)
        try text.replacingOccurrences(of: "  size: integer\n", with: "").write(to: document, atomically: true, encoding: .utf8)
        let broken = try Self.run(Self.nxgen, ["diff", "--against", "HEAD"], in: repository)
        #expect(broken.status == 1)
        #expect(broken.output.contains("Spec/entities/document.yaml:5:3: breaking[field-removed]: entity 'document': field 'size' removed (spec at HEAD)"))
        let unknown = try Self.run(Self.nxgen, ["diff", "no-such-ref"], in: repository)
        #expect(unknown.status == 2, "\(unknown.output)")
    }

    @Test(.enabled(if: available)) func warningsPrintButFailOnlyWithWarningsAsErrors() throws {
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let plain = try Self.run(Self.nxgen, ["generate", "--out", "Generated"], in: repository)
        #expect(plain.status == 0, "\(plain.output)")
        #expect(plain.output.contains("warning[NX902]: endpoint 'getDoc'"))
        let strict = try Self.run(Self.nxgen, ["check", "--out", "Generated", "--warnings-as-errors"], in: repository)
        #expect(strict.status == 1)
        #expect(strict.output.contains("--warnings-as-errors"))
    }
}
