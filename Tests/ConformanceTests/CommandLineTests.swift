import Foundation
import Testing

/// `nx`, the command-line client, run as a process (its output piped, so JSON and no progress bar) against an
/// in-process server over HTTP. Needs the package built (`swift build --build-tests` builds `nx`).
@Suite struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let nx = root.appendingPathComponent(".build/debug/nx").path

    struct Result {
        var status: Int32
        var output: String
        var errors: String

        /// The standard output parsed as JSON.
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(output.utf8)) }
    }

    /// Runs `nx arguments` against the server on `port` as Administrator, unless `environment` says otherwise. The pipes
    /// are read and the exit awaited without blocking a thread (`runProcess`, on swift-subprocess).
    static func run(_ port: Int, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: nx), "build the package first: \(nx) is missing")
        let environment = environment ?? ["NX_URL": "http://127.0.0.1:\(port)/nuxeo", "HOME": "/nonexistent"]
        let (status, output, errors) = try await runProcess(nx, arguments, environment: environment)
        return Result(status: status, output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    @Test func documentsFromCreateToDelete() async throws {
        try await withLiveServer { port in
            let created = try await Self.run(port, ["create", "/default-domain/workspaces", "-t", "Note", "-n", "cli", "--title", "From nx",
                                              "-p", "note:note=hello", "-p", #"dc:subjects=["art"]"#])
            #expect(created.status == 0, "\(created.errors)")
            let document = try #require(try created.json() as? [String: Any])
            let uid = try #require(document["uid"] as? String)
            #expect(document["path"] as? String == "/default-domain/workspaces/cli" && document["title"] as? String == "From nx")
            let properties = try #require(document["properties"] as? [String: Any])
            #expect(properties["note:note"] as? String == "hello" && properties["dc:subjects"] as? [String] == ["art"])

            let table = try await Self.run(port, ["ls", "/default-domain/workspaces", "--format", "table"])
            #expect(table.status == 0 && table.output.hasPrefix("TYPE") && table.output.contains("From nx") && table.output.contains(uid))

            let found = try await Self.run(port, ["query", "SELECT * FROM Note WHERE dc:title = 'From nx'"])
            #expect((try found.json() as? [Any])?.count == 1)

            // A user change checked against the token the document was read with; the same token again is stale.
            let token = try #require(document["changeToken"] as? String)
            let updated = try await Self.run(port, ["update", uid, "-p", "dc:description=changed", "--change-token", token])
            #expect(((try updated.json() as? [String: Any])?["properties"] as? [String: Any])?["dc:description"] as? String == "changed")
            let stale = try await Self.run(port, ["update", uid, "-p", "dc:description=again", "--change-token", token])
            #expect(stale.status == 1 && stale.errors.hasPrefix("nx: 409 Conflict: "), "\(stale.errors)")

            let removed = try await Self.run(port, ["rm", "/default-domain/workspaces/cli"])
            #expect(removed.status == 0 && removed.output.isEmpty)
            let missing = try await Self.run(port, ["get", uid])
            #expect(missing.status == 1 && missing.output.isEmpty && missing.errors == "nx: 404 Not Found: \(uid)\n")
            let bad = try await Self.run(port, ["create", "/default-domain", "-t", "NoSuchType", "-n", "x"])
            #expect(bad.status == 1 && bad.errors.contains("400 Bad Request: Type: NoSuchType does not exist"), "\(bad.errors)")
        }
    }

    @Test func uploadThenDownloadIsByteIdenticalAndQuietWhenPiped() async throws {
        try await withLiveServer { port in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let content = Data((0..<250_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let source = directory.appendingPathComponent("data.bin")
            try content.write(to: source)
            let uploaded = try await Self.run(port, ["upload", source.path, "/default-domain/workspaces", "--chunk-size", "100000"])
            #expect(uploaded.status == 0 && uploaded.errors.isEmpty, "\(uploaded.errors)")
            #expect((try uploaded.json() as? [String: Any])?["path"] as? String == "/default-domain/workspaces/data.bin")
            let target = directory.appendingPathComponent("back.bin")
            let downloaded = try await Self.run(port, ["download", "/default-domain/workspaces/data.bin", "-o", target.path])
            #expect(downloaded.status == 0 && downloaded.errors.isEmpty && downloaded.output.isEmpty, "\(downloaded.errors)")
            #expect(try Data(contentsOf: target) == content)
            let piped = try await Self.run(port, ["download", "/default-domain/workspaces/data.bin", "-o", "-"])
            #expect(piped.output.utf8.count == 250_000 || Data(piped.output.utf8) != content)
            let noBlob = try await Self.run(port, ["download", "/default-domain/workspaces/data.bin", "--xpath", "dc:title", "-o", target.path])
            #expect(noBlob.status == 1 && noBlob.errors.hasPrefix("nx: "), "\(noBlob.errors)")
        }
    }

    @Test func operationsBulkAndUsers() async throws {
        try await withLiveServer { port in
            _ = try await Self.run(port, ["create", "/default-domain/workspaces", "-t", "File", "-n", "bulk1"])
            let locked = try await Self.run(port, ["op", "Document.Lock", "--input", "/default-domain/workspaces/bulk1"])
            #expect(locked.status == 0, "\(locked.errors)")
            let lockedDocument = try #require(try locked.json() as? [String: Any])
            #expect(lockedDocument["path"] as? String == "/default-domain/workspaces/bulk1")
            let query = try await Self.run(port, ["op", "Repository.Query", "-p", "query=SELECT * FROM File WHERE ecm:name = 'bulk1'"])
            #expect((try query.json() as? [Any])?.count == 1, "\(query.output)")
            let unknown = try await Self.run(port, ["op", "No.Such.Operation"])
            #expect(unknown.status == 1 && unknown.errors.hasPrefix("nx: 404 Not Found: "), "\(unknown.errors)")

            let started = try await Self.run(port, ["bulk", "run", "setProperties", "SELECT * FROM File WHERE ecm:name = 'bulk1'",
                                              "-p", "dc:description=bulked"])
            let commandId = try #require((try started.json() as? [String: Any])?["commandId"] as? String)
            let watched = try await Self.run(port, ["bulk", "status", commandId, "--watch", "--interval", "0.1"])
            #expect(watched.status == 0 && watched.errors.isEmpty, "\(watched.errors)")
            let status = try #require(try watched.json() as? [String: Any])
            #expect(status["state"] as? String == "COMPLETED" && status["processed"] as? Int == 1)
            let fetched = try await Self.run(port, ["get", "/default-domain/workspaces/bulk1", "-s", "dublincore"])
            #expect(((try fetched.json() as? [String: Any])?["properties"] as? [String: Any])?["dc:description"] as? String == "bulked")

            let user = try await Self.run(port, ["users", "create", "clia", "--user-password", "pw", "--first-name", "Cli", "--groups", "members"])
            #expect(user.status == 0, "\(user.errors)")
            let search = try await Self.run(port, ["users", "cli", "--format", "table"])
            #expect(search.output.contains("clia") && search.output.contains("Cli") && search.output.hasPrefix("USER"))
            let me = try await Self.run(port, ["get", "/default-domain/workspaces", "--user", "clia", "--password", "pw"])
            #expect(me.status == 0, "\(me.errors)")
        }
    }

    @Test func settingsComeFromFlagsThenEnvironmentThenTheConfigFile() async throws {
        try await withLiveServer { port in
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("nx-config-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: config) }
            try "# nx settings\nurl = http://127.0.0.1:\(port)/nuxeo/api/v1\nuser = Administrator\npassword = Administrator\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let fromFile = try await Self.run(port, ["get", "/default-domain"], environment: ["NX_CONFIG": config.path])
            #expect(fromFile.status == 0, "\(fromFile.errors)")
            let envWins = try await Self.run(port, ["get", "/default-domain"], environment: ["NX_CONFIG": config.path, "NX_PASSWORD": "wrong"])
            #expect(envWins.status == 1 && envWins.errors.hasPrefix("nx: 401 Unauthorized"), "\(envWins.errors)")
            let flagWins = try await Self.run(port, ["get", "/default-domain", "--password", "Administrator"],
                                        environment: ["NX_CONFIG": config.path, "NX_PASSWORD": "wrong"])
            #expect(flagWins.status == 0, "\(flagWins.errors)")
            let nowhere = try await Self.run(port, ["get", "/default-domain", "--url", "http://127.0.0.1:1/nuxeo"], environment: ["HOME": "/nonexistent"])
            #expect(nowhere.status == 1 && nowhere.errors.hasPrefix("nx: "), "\(nowhere.errors)")
            let usage = try await Self.run(port, ["query"])
            #expect(usage.status != 0 && usage.errors.contains("give an NXQL query or --provider"))
        }
    }
}
