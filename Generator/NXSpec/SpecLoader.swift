import Foundation
import Yams

/// One spec file read from disk.
public struct SpecFile: Sendable {
    /// Display path (`Spec/endpoints/documents.yaml`).
    public var path: String
    /// Its text.
    public var text: String

    /// Creates a file from its display path and text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Entry point of the front end: files → validated `SpecModel` or sorted diagnostics.
public enum SpecCompiler {
    /// Reads every `*.yaml` below `directory` (sorted by path); display paths start with `displayPrefix`.
    public static func readFiles(directory: String, displayPrefix: String) throws -> [SpecFile] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw SpecLoadError(message: "cannot read spec directory \(directory)")
        }
        var files: [SpecFile] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let text = try String(contentsOf: url, encoding: .utf8)
            let prefix = displayPrefix.hasSuffix("/") ? String(displayPrefix.dropLast()) : displayPrefix
            files.append(SpecFile(path: prefix.isEmpty ? relative : "\(prefix)/\(relative)", text: text))
        }
        if files.isEmpty { throw SpecLoadError(message: "no .yaml files in spec directory \(directory)") }
        return files.sorted { $0.path < $1.path }
    }

    /// Largest conformance fixture: scenarios carry their files, so they stay small.
    public static let maxFixtureSize = 64 << 10

    /// Parses and validates `files`; `fixture` reads a conformance fixture by its path relative to the repository
    /// (nil: missing). Returns the model, or every diagnostic sorted.
    public static func compile(_ files: [SpecFile], fixture: (String) -> [UInt8]? = { _ in nil }) -> Result<SpecModel, SpecErrors> {
        var diagnostics = Diagnostics()
        var raw = RawSpec()
        for file in files.sorted(by: { $0.path < $1.path }) {
            SpecParser.parse(file, into: &raw, &diagnostics)
        }
        readFixtures(&raw, fixture, &diagnostics)
        let model = SpecValidator.validate(raw, &diagnostics)
        let unparsed = Set(diagnostics.all.filter { $0.code == .yamlSyntax }.map(\.location.file))
        diagnostics.suppressKnockOns(of: files.filter { unparsed.contains($0.path) }.sorted { $0.path < $1.path })
        if !diagnostics.hasErrors, let model { return .success(model) }
        return .failure(SpecErrors(diagnostics: diagnostics.sorted.filter { $0.severity == .error }))
    }

    /// Fills in the bytes of every scenario's fixture.
    static func readFixtures(_ raw: inout RawSpec, _ fixture: (String) -> [UInt8]?, _ d: inout Diagnostics) {
        for s in raw.scenarios.indices {
            for i in raw.scenarios[s].steps.indices {
                guard let def = raw.scenarios[s].steps[i].bodyFixture else { continue }
                guard let bytes = fixture(def.path) else {
                    d.error(.unreadableFixture, "no fixture file '\(def.path)' in the repository", at: def.location)
                    continue
                }
                if bytes.count > maxFixtureSize {
                    d.error(.unreadableFixture, "fixture '\(def.path)' is larger than a scenario may carry (\(maxFixtureSize / 1024) KiB)",
                            at: def.location)
                }
                raw.scenarios[s].steps[i].bodyFixture?.contents = bytes
            }
        }
    }

    /// A reader of fixtures below `repository` (at most one byte more than `maxFixtureSize` is read).
    public static func fixtureReader(repository: String) -> (String) -> [UInt8]? {
        { path in
            let full = URL(fileURLWithPath: repository).appendingPathComponent(path).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let handle = FileHandle(forReadingAtPath: full) else { return nil }
            defer { try? handle.close() }
            do { return try handle.read(upToCount: maxFixtureSize + 1).map { Array($0) } ?? [] } catch { return nil }
        }
    }

    /// Reads and compiles the spec in `directory`; fixtures are read from its parent directory (the repository).
    public static func compile(directory: String, displayPrefix: String) -> Result<SpecModel, SpecErrors> {
        do {
            let repository = URL(fileURLWithPath: directory).standardizedFileURL.deletingLastPathComponent().path
            return compile(try readFiles(directory: directory, displayPrefix: displayPrefix), fixture: fixtureReader(repository: repository))
        } catch {
            let location = SourceLocation(file: displayPrefix, line: 1, column: 1)
            return .failure(SpecErrors(diagnostics: [Diagnostic(.yamlSyntax, "\(error)", at: location)]))
        }
    }
}

/// A failure to read the spec directory.
public struct SpecLoadError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
}

/// The diagnostics of a failed compilation.
public struct SpecErrors: Error, CustomStringConvertible {
    /// Sorted diagnostics.
    public var diagnostics: [Diagnostic]
    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
