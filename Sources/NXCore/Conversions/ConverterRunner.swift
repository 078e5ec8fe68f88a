import Foundation
import Subprocess
import SystemPackage

/// Runs a converter's tool with swift-subprocess: an argument array (never a shell), in the conversion's private
/// directory (its `HOME` and `TMPDIR` too, so LibreOffice's profile and every temporary file stay there), in a session
/// of its own (a timeout or a cancellation tears down the whole process group: soffice's children included), under
/// `prlimit` (address space, CPU time and, when asked, the size of any file it writes) when util-linux provides it.
/// Standard output is discarded or written to a file of the work directory; standard error goes to a file of the work
/// directory, of which the first 8 KiB are kept for the log (a chatty tool is not mistaken for one that cannot start).
struct ConverterRunner: Sendable {
    /// Largest address space of a tool, in bytes.
    var maxAddressSpace: Int64 = 4 << 30
    /// `prlimit`'s path, nil when missing (the limits are then the timeout alone).
    var prlimit: String? = TextExtractor.findExecutable("prlimit")

    /// How a run ended.
    enum Outcome: Equatable {
        case succeeded
        /// Exited with another status (`exitCode`), or was killed by a signal (`exitCode` nil).
        case failed(status: String, exitCode: Int32?, stderr: String)
        case timedOut
        case notStarted(String)
    }

    /// Runs `executable` with `arguments` in `workDir`; `standardOutput` names the file that receives its output (nil
    /// discards it); `maxFileSize` bounds every file it writes (`RLIMIT_FSIZE`), standard output included.
    func run(executable: String, arguments: [String], workDir: String, timeout: Int, standardOutput: String? = nil,
             maxFileSize: Int64? = nil) async -> Outcome {
        var command = [executable] + arguments
        if let prlimit {
            var limits = ["--as=\(maxAddressSpace)", "--cpu=\(timeout)"]
            if let maxFileSize { limits.append("--fsize=\(maxFileSize)") }
            command = [prlimit] + limits + ["--"] + command
        }
        let options = { () -> PlatformOptions in
            var options = PlatformOptions()
            options.createSession = true
            options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
            return options
        }()
        let environment: Environment = .custom([
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": workDir, "TMPDIR": workDir, "LANG": "C.UTF-8",
        ])
        let program = command[0]
        let rest = Array(command.dropFirst())
        let errorFile = workDir + "/.stderr-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let output = try Self.open(standardOutput ?? "/dev/null", create: standardOutput != nil)
                    let error: FileDescriptor
                    do { error = try Self.open(errorFile, create: true) } catch {
                        try? output.close()
                        throw error
                    }
                    let result = try await Subprocess.run(
                        .path(FilePath(program)), arguments: Arguments(rest), environment: environment,
                        workingDirectory: FilePath(workDir), platformOptions: options,
                        output: .fileDescriptor(output, closeAfterSpawningProcess: true),
                        error: .fileDescriptor(error, closeAfterSpawningProcess: true))
                    switch result.terminationStatus {
                    case .exited(0): return .succeeded
                    case .exited(let code):
                        return .failed(status: "\(result.terminationStatus)", exitCode: code, stderr: Self.head(of: errorFile))
                    default:
                        return .failed(status: "\(result.terminationStatus)", exitCode: nil, stderr: Self.head(of: errorFile))
                    }
                } catch is CancellationError {
                    return nil
                } catch {
                    return Task.isCancelled ? nil : .notStarted("\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return Task.isCancelled ? nil : .timedOut
            }
            var outcome: Outcome = .timedOut
            if let first = await group.next(), let value = first { outcome = value }
            group.cancelAll()
            while let _ = await group.next() {}
            return outcome
        }
    }

    /// `path` from the root: tools run in their work directory, where a relative path (`make run` stores in `./data`)
    /// would name another file, and where a name starting with `-` would read as an option.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path
            : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/")).standardizedFileURL.path
    }

    /// A new private work directory (mode 0700) under `root`'s `work/`, which the caller removes.
    static func makeWorkDir(under root: String) throws -> String {
        let path = root + "/work/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// A file opened for the tool to write (created, or truncated, readable by the server's user only).
    static func open(_ path: String, create: Bool) throws -> FileDescriptor {
        try FileDescriptor.open(FilePath(path), .writeOnly, options: create ? [.create, .truncate] : [],
                                permissions: create ? [.ownerReadWrite] : nil)
    }

    /// The first 8 KiB of the file at `path` as text ("" when unreadable).
    static func head(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 8192)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
