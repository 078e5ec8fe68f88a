import ArgumentParser
import Foundation
import NXSpec

/// `nxgen diff <ref>`: compares the spec at a git ref with the working tree's and classifies each
/// change for clients. Exits 1 when any change is breaking, 2 when a spec cannot be read or compiled.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classifies the changes from the spec at a git ref to the working tree's as breaking or compatible.",
        discussion: "Exit status: 0 when every change is compatible, 1 when any is breaking, 2 when a spec cannot be compiled.")
    @OptionGroup var options: SpecOptions
    @Argument(help: "Git ref to compare against (tag, branch, commit).") var ref: String?
    @Option(help: "Git ref to compare against (instead of the argument).") var against: String?

    func run() throws {
        guard let ref = against ?? ref else { throw ValidationError("give a git ref: nxgen diff <ref> or --against <ref>") }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("nxgen-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let oldDirectory = try GitSpec.extract(specDirectory: options.spec, at: ref, into: temporary.path)
        let old = try compile(oldDirectory, what: "the spec at \(ref)")
        let new = try compile(options.spec, what: "the working tree's spec")
        let changes = SpecDiff.compare(old: old, new: new)
        for change in changes { print(change.description(oldSpecName: "spec at \(ref)", newSpecName: "working tree")) }
        let breaking = changes.filter { $0.impact == .breaking }.count
        print("nxgen diff: \(changes.count) change(s) since \(ref), \(breaking) breaking, \(changes.count - breaking) compatible")
        if breaking > 0 { throw ExitCode(1) }
    }

    /// Compiles a spec directory with display paths under `--spec`, or prints its errors and exits 2.
    func compile(_ directory: String, what: String) throws -> SpecModel {
        switch SpecCompiler.compile(directory: directory, displayPrefix: options.spec) {
        case .success(let model): return model
        case .failure(let errors):
            FileHandle.standardError.write(Data("nxgen diff: \(what) does not compile:\n\(errors.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// Git plumbing of `nxgen diff`: the spec directory as committed at a ref, extracted to a directory.
enum GitSpec {
    /// Extracts the spec directory as of `ref` below `destination`; returns the extracted spec directory.
    static func extract(specDirectory: String, at ref: String, into destination: String) throws -> String {
        let top = try git(["-C", specDirectory, "rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = try git(["-C", specDirectory, "rev-parse", "--show-prefix"]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try git(["-C", top, "rev-parse", "--verify", "--quiet", "\(ref)^{commit}"], failure: "unknown git ref '\(ref)'")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        archive.arguments = ["git", "-C", top, "archive", "--format=tar", ref, "--"] + (prefix.isEmpty ? ["."] : [prefix])
        let untar = Process()
        untar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        untar.arguments = ["tar", "-x", "-C", destination]
        let pipe = Pipe()
        archive.standardOutput = pipe
        untar.standardInput = pipe
        try untar.run()
        try archive.run()
        archive.waitUntilExit()
        untar.waitUntilExit()
        guard archive.terminationStatus == 0, untar.terminationStatus == 0 else {
            throw failure("cannot extract \(prefix.isEmpty ? "the repository" : prefix) at '\(ref)' (git archive \(archive.terminationStatus), tar \(untar.terminationStatus))")
        }
        return prefix.isEmpty ? destination : (destination as NSString).appendingPathComponent(prefix)
    }

    /// Runs git and returns its standard output, or fails with `failure` (or git's own message).
    static func git(_ arguments: [String], failure message: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw failure(message ?? "git \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints `message` and gives the exit code of an unreadable spec.
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("nxgen diff: \(message)\n".utf8))
        return ExitCode(2)
    }
}
