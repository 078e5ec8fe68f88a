import Foundation
import Testing

/// The README's "Use the Swift SDK" example is the package `Client/Examples/GettingStarted`: a package of its own with
/// one dependency (the SDK) and `import NXClient`. Its graph holds no server package, the README shows its code
/// verbatim, and it runs against a live server. `make test` builds it first (`make sdk-example`); run alone, the
/// test builds it (minutes the first time: AsyncHTTPClient and SwiftNIO are compiled for it).
@Suite(.serialized) struct SDKExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let package = root.appendingPathComponent("Client/Examples/GettingStarted")
    static let scratch = root.appendingPathComponent(".build/examples/GettingStarted")
    static let source = package.appendingPathComponent("Sources/GettingStarted/GettingStarted.swift")

    /// Packages of the server's graph that a client must never resolve.
    static let serverPackages: Set<String> = [
        "hummingbird", "hummingbird-auth", "grdb.swift", "postgres-nio", "yams", "jwt-kit", "swift-prometheus", "swift-otel", "ink",
        "zipfoundation", "swift-subprocess", "openapikit", "swift-argument-parser", "swift-metrics",
    ]

    /// Runs `swift arguments` (off the cooperative pool); its status and output.
    static func swift(_ arguments: [String]) async throws -> (Int32, String) {
        try await Self.process("/usr/bin/env", ["swift"] + arguments)
    }

    static func process(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let (status, output, _) = try await runProcess(executable, arguments, mergingErrors: true)
        return (status, String(decoding: output, as: UTF8.self))
    }

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let code = try String(contentsOf: Self.source, encoding: .utf8)
        #expect(readme.contains("```swift\n" + code + "```\n"), "README.md's \"Use the Swift SDK\" must show \(Self.source.path) as is")
    }

    @Test func theExampleResolvesNoServerPackage() async throws {
        let (status, output) = try await Self.swift(["package", "--package-path", Self.package.path, "--scratch-path", Self.scratch.path,
                                                     "show-dependencies", "--format", "flatlist"])
        #expect(status == 0, "\(output)")
        let identities = Set(output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        #expect(identities.contains("async-http-client") && identities.contains("client"), "\(output)")
        #expect(identities.isDisjoint(with: Self.serverPackages), "the SDK resolves server packages: \(identities.intersection(Self.serverPackages))")
    }

    @Test func theExampleRunsAgainstALiveServer() async throws {
        let binary = Self.scratch.appendingPathComponent("debug/GettingStarted").path
        let (built, log) = try await Self.swift(["build", "--package-path", Self.package.path, "--scratch-path", Self.scratch.path])
        #expect(built == 0, "\(log.suffix(3000))")
        try #require(FileManager.default.isExecutableFile(atPath: binary))
        try await withLiveServer { port in
            let (status, output) = try await Self.process(binary, ["http://127.0.0.1:\(port)/nuxeo/api/v1"])
            #expect(status == 0, "\(output)")
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines == [
                "created /default-domain/workspaces/reports/q3",
                "fetched Q3 - Revenue is up.",
                "updated Reviewed token 1-1",
                "found Q3",
                "downloaded Hello, nx!",
                "child File hello",
                "child Note Q3",
                "state approved",
                "not found: 404 /default-domain/no-such-document",
            ], "\(output)")
        }
    }
}
