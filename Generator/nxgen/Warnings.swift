import ArgumentParser
import Foundation
import NXSpec

/// `--warnings-as-errors`, shared by the commands that compile the spec for output.
struct WarningOptions: ParsableArguments {
    @Flag(help: "Fail when the spec compiles with warnings (unused entity, endpoint without a conformance scenario).")
    var warningsAsErrors = false
}

extension SpecOptions {
    /// Compiles the spec (printing errors and exiting 1 on failure), then prints its warnings to
    /// standard error; with `--warnings-as-errors`, any warning exits 1.
    func compile(_ warnings: WarningOptions) throws -> SpecModel {
        let model = try compile()
        let found = SpecWarnings.check(model)
        guard !found.isEmpty else { return model }
        let lines = found.map(\.description).joined(separator: "\n")
        FileHandle.standardError.write(Data("\(lines)\n\(found.count) warning(s)\n".utf8))
        if warnings.warningsAsErrors {
            FileHandle.standardError.write(Data("nxgen: failing on warnings (--warnings-as-errors)\n".utf8))
            throw ExitCode(1)
        }
        return model
    }
}
