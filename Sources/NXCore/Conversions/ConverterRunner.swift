import Foundation
import Subprocess
import SystemPackage

/// Runs a converter's tool with swift-subprocess: an argument array (never a shell), in the conversion's private
/// directory (its `HOME` and `TMPDIR` too, so LibreOffice's profile and every temporary file stay there), in a session
/// of its own (a timeout or a cancellation tears down the whole process group: soffice's children included), under
/// `prlimit` (address space and CPU time) when util-linux provides it. Standard output is discarded, standard error
/// kept (at most 8 KiB) for the log.
struct ConverterRunner: Sendable {
    /// Largest address space of a tool, in bytes.
    var maxAddressSpace: Int64 = 4 << 30
    /// `prlimit`'s path, nil when missing (the limits are then the timeout alone).
    var prlimit: String? = TextExtractor.findExecutable("prlimit")

    /// How a run ended.
    enum Outcome: Equatable {
        case succeeded
        case failed(status: String, stderr: String)
        case timedOut
        case notStarted(String)
    }

    func run(executable: String, arguments: [String], workDir: String, timeout: Int) async -> Outcome {
        var command = [executable] + arguments
        if let prlimit {
            command = [prlimit, "--as=\(maxAddressSpace)", "--cpu=\(timeout)", "--"] + command
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
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        .path(FilePath(program)), arguments: Arguments(rest), environment: environment,
                        workingDirectory: FilePath(workDir), platformOptions: options,
                        output: .discarded, error: .string(limit: 8192))
                    if case .exited(0) = result.terminationStatus { return .succeeded }
                    return .failed(status: "\(result.terminationStatus)", stderr: result.standardError)
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
}
