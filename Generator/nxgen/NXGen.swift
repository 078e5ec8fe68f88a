import ArgumentParser
import Foundation
import NXCodeGen
import NXSpec

/// nxgen: the spec compiler of nx (conformance runs are `nxconform`'s).
@main
struct NXGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nxgen",
        abstract: "Compiles Spec/ into Generated/ and compares the spec with a git ref.",
        subcommands: [Generate.self, Check.self, Diff.self])
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
    @Option(help: "The client package (NXModel into Generated/NXModel, NXClient into Sources/NXClient/Generated).") var clientOut = "Client"

    func run() throws {
        let model = try options.compile(warnings)
        let files = CodeGenerator.generate(model)
        let result = try OutputLayout(server: out, client: clientOut).write(files)
        print("nxgen: \(files.count) files, \(result.written.count) written, \(result.removed.count) removed")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fails if the output directory differs from what the spec generates.")
    @OptionGroup var options: SpecOptions
    @OptionGroup var warnings: WarningOptions
    @Option(help: "Output directory.") var out = "Generated"
    @Option(help: "The client package (NXModel into Generated/NXModel, NXClient into Sources/NXClient/Generated).") var clientOut = "Client"

    func run() throws {
        let model = try options.compile(warnings)
        let differences = try OutputLayout(server: out, client: clientOut).differences(CodeGenerator.generate(model))
        if differences.isEmpty {
            print("nxgen check: \(out) and the generated directories of \(clientOut) are up to date")
            return
        }
        for line in differences { print(line) }
        print("nxgen check: \(differences.count) stale or extra file(s); run `make generate`")
        throw ExitCode(1)
    }
}
