/// Where generated files go. The SDK's modules go into the client package (`Client/`): `NXModel` is wholly generated
/// (`Client/Generated/NXModel`); `NXClient` has hand-written sources beside a generated directory
/// (`Client/Sources/NXClient/Generated`). Everything else (server routes, conformance suite, schemas, OpenAPI) goes
/// into `Generated/`. nxgen owns every file of each of these directories.
public struct OutputLayout {
    /// The server package's output directory.
    public let server: OutputDirectory
    /// Output directories by the top-level directory of generated paths (`NXModel`, `NXClient`), which they replace.
    public let modules: [(module: String, directory: OutputDirectory)]

    /// The layout with the server's output at `server` and the client package at `client`.
    public init(server: String, client: String) {
        self.server = OutputDirectory(path: server)
        modules = [
            ("NXModel", OutputDirectory(path: client + "/Generated/NXModel")),
            ("NXClient", OutputDirectory(path: client + "/Sources/NXClient/Generated")),
        ]
    }

    /// `files` split between the directories, each file's path relative to its directory.
    public func split(_ files: [GeneratedFile]) -> [(OutputDirectory, [GeneratedFile])] {
        var serverFiles: [GeneratedFile] = []
        var moduleFiles = Array(repeating: [GeneratedFile](), count: modules.count)
        for file in files {
            let top = String(file.path.prefix { $0 != "/" })
            if let index = modules.firstIndex(where: { $0.module == top }) {
                moduleFiles[index].append(GeneratedFile(path: String(file.path.dropFirst(top.count + 1)), contents: file.contents))
            } else {
                serverFiles.append(file)
            }
        }
        return [(server, serverFiles)] + zip(modules, moduleFiles).map { ($0.directory, $1) }
    }

    /// Writes changed files into every directory and removes files no longer generated.
    public func write(_ files: [GeneratedFile]) throws -> (written: [String], removed: [String]) {
        var written: [String] = [], removed: [String] = []
        for (directory, subset) in split(files) {
            let result = try directory.write(subset)
            written += result.written
            removed += result.removed
        }
        return (written, removed)
    }

    /// `stale: x`, `missing: x`, `extra: x` lines of every directory, sorted.
    public func differences(_ files: [GeneratedFile]) throws -> [String] {
        try split(files).flatMap { try $0.0.differences($0.1) }.sorted()
    }
}
