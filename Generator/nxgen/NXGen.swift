import ArgumentParser
import Foundation
import NXHTTP
import NXCodeGen
import NXConformanceKit
import NXSpec

/// nxgen: the spec compiler of nx.
@main
struct NXGen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nxgen",
        abstract: "Compiles Spec/ into Generated/ and runs conformance scenarios.",
        subcommands: [Generate.self, Check.self, Conform.self, Diff.self])
}

/// Options shared by every command.
struct SpecOptions: ParsableArguments {
    @Option(help: "Spec directory.") var spec = "Spec"

    /// Compiles the spec or prints every diagnostic and exits 1.
    func compile() throws -> SpecModel {
        switch SpecCompiler.compile(directory: spec, displayPrefix: spec) {
        case .success(let model): return model
        case .failure(let errors):
            FileHandle.standardError.write(Data((errors.description + "\n\(errors.diagnostics.count) error(s)\n").utf8))
            throw ExitCode(1)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Regenerates the output directory; writes only files whose bytes change.")
    @OptionGroup var options: SpecOptions
    @OptionGroup var warnings: WarningOptions
    @Option(help: "Output directory.") var out = "Generated"

    func run() throws {
        let model = try options.compile(warnings)
        let files = CodeGenerator.generate(model)
        let result = try OutputDirectory(path: out).write(files)
        print("nxgen: \(files.count) files, \(result.written.count) written, \(result.removed.count) removed")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fails if the output directory differs from what the spec generates.")
    @OptionGroup var options: SpecOptions
    @OptionGroup var warnings: WarningOptions
    @Option(help: "Output directory.") var out = "Generated"

    func run() throws {
        let model = try options.compile(warnings)
        let differences = try OutputDirectory(path: out).differences(CodeGenerator.generate(model))
        if differences.isEmpty {
            print("nxgen check: \(out) is up to date")
            return
        }
        for line in differences { print(line) }
        print("nxgen check: \(differences.count) stale or extra file(s); run `make generate`")
        throw ExitCode(1)
    }
}

struct Conform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Runs the conformance scenarios against a server.")
    @OptionGroup var options: SpecOptions
    @Option(help: "API base URL, e.g. http://127.0.0.1:8080/nuxeo/api/v1") var baseURL: String
    @Option(help: "User name.") var user = "Administrator"
    @Option(help: "Password.") var password = "Administrator"
    @Option(help: "Run only scenarios whose id contains this text.") var filter: String?

    func run() async throws {
        let model = try options.compile()
        var scenarios = model.scenarios.map(ScenarioConversion.scenario)
        if let filter { scenarios = scenarios.filter { $0.id.contains(filter) } }
        let runner = ConformanceRunner(transport: HTTPClientTransport(baseURL: baseURL), credentials: NXCredentials(user: user, password: password))
        let results = await runner.run(scenarios)
        print(ConformanceRunner.report(results))
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
