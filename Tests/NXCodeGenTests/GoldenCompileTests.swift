import Foundation
import NXCodeGen
import Testing

/// The golden output tree is Swift that compiles: each generated module of `Golden/output` is type-checked with
/// `swiftc` against the runtime modules this package built (the golden NXModel first, so the others import it, not
/// the real one). Needs the package built (`swift build --build-tests`, which `swift test` and `make test` do).
@Suite struct GoldenCompileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let output = CodeGenGoldenTests.golden.appendingPathComponent("output")

    /// Every `.swift` file under `directory`, sorted.
    static func sources(_ directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { files.append(url.path) }
        }
        return files.sorted()
    }

    /// `-Xcc -fmodule-map-file=` for every C module the built Swift modules may need.
    static func moduleMaps(_ build: URL) -> [String] {
        var maps: [String] = []
        let built = (try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []
        for name in built.sorted() where name.hasSuffix(".build") {
            let map = build.appendingPathComponent(name).appendingPathComponent("module.modulemap").path
            if FileManager.default.fileExists(atPath: map) { maps.append(map) }
        }
        let checkouts = root.appendingPathComponent(".build/checkouts")
        for package in ((try? FileManager.default.contentsOfDirectory(atPath: checkouts.path)) ?? []).sorted() {
            let sources = checkouts.appendingPathComponent(package).appendingPathComponent("Sources")
            let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.lastPathComponent == "module.modulemap" { maps.append(url.path) }
            }
        }
        return maps.flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] }
    }

    /// Runs swiftc; returns its exit status and output.
    static func swiftc(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A `ListAPI` handler and a `paging` set reader, taking `arguments` besides the others.
    static func handler(taking arguments: String) -> String {
        """
        import NXAPIRuntime
        import NXModel
        import NXRuntime

        struct Handler: ListAPI {
            func listNotes(repository: String, doc: DocumentRef, \(arguments)context: NXCallContext) async throws -> ListNotesOutput {
                .ok(NotesEntity())
            }
        }

        struct Reader: PagingParametersReader {
            func read(currentPageIndex: Int?, pageSize: Int, properties: [String]) -> Int { pageSize }
        }
        """
    }

    @Test func goldenOutputTypeChecks() throws {
        let build = Self.root.appendingPathComponent(".build/debug")
        let modules = build.appendingPathComponent("Modules")
        for needed in ["NXRuntime", "NXAPIRuntime", "NXClientRuntime", "NXHTTP", "NXConformanceKit", "NXCore", "Hummingbird"] {
            let path = modules.appendingPathComponent("\(needed).swiftmodule").path
            try #require(FileManager.default.fileExists(atPath: path), "build the package first: \(path) is missing")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nx-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let common = ["-I", scratch.path, "-I", modules.path] + Self.moduleMaps(build)

        let model = try Self.swiftc(["-emit-module", "-module-name", "NXModel", "-emit-module-path",
                                     scratch.appendingPathComponent("NXModel.swiftmodule").path]
                                    + common + Self.sources(Self.output.appendingPathComponent("NXModel")))
        #expect(model.0 == 0, "golden NXModel does not compile:\n\(model.1)")
        // A handler or parameter-set reader that leaves out an input does not compile; one that takes them all does.
        let api = Self.sources(Self.output.appendingPathComponent("NXAPI"))
        let forgetful = scratch.appendingPathComponent("Forgetful.swift")
        for (source, compiles) in [(Self.handler(taking: "paging: PagingParameters, "), true), (Self.handler(taking: ""), false)] {
            try source.write(to: forgetful, atomically: true, encoding: .utf8)
            let result = try Self.swiftc(["-typecheck", "-module-name", "NXAPI"] + common + api + [forgetful.path])
            #expect((result.0 == 0) == compiles, "\(source)\n\(result.1)")
            if !compiles { #expect(result.1.contains("does not conform to protocol"), "\(result.1)") }
        }
        for module in ["NXAPI", "NXClient", "NXConformance", "NXSchemas"] {
            let files = Self.sources(Self.output.appendingPathComponent(module))
            try #require(!files.isEmpty, "no golden \(module)")
            let result = try Self.swiftc(["-typecheck", "-module-name", module] + common + files)
            #expect(result.0 == 0, "golden \(module) does not compile:\n\(result.1)")
        }
    }
}
