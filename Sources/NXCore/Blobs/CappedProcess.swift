import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an external tool with an argument array (never a shell), reading its standard output incrementally up to a
/// byte cap and killing it after a timeout. Blocking work happens on a GCD thread, not the cooperative pool.
enum CappedProcess {
    /// What a run produced.
    struct Output: Sendable {
        /// Standard output, at most the cap.
        var bytes: [UInt8]
        /// Whether the tool wrote more than the cap (it was stopped then).
        var capped: Bool
        /// Whether the tool was killed because it ran past the timeout.
        var timedOut: Bool
        /// Whether the tool exited normally with status 0.
        var succeeded: Bool
    }

    /// Runs `executable` with `arguments`; nil when it cannot be started.
    static func run(executable: String, arguments: [String], maxBytes: Int, timeoutSeconds: Double) async -> Output? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(
                    returning: runBlocking(
                        executable: executable, arguments: arguments, maxBytes: maxBytes, timeoutSeconds: timeoutSeconds))
            }
        }
    }

    private static func runBlocking(executable: String, arguments: [String], maxBytes: Int, timeoutSeconds: Double)
        -> Output?
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        try? pipe.fileHandleForWriting.close()
        let control = Control(process)
        let timer = DispatchWorkItem { control.stop(timedOut: true) }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + max(0, timeoutSeconds), execute: timer)

        var bytes: [UInt8] = []
        var capped = false
        let reader = pipe.fileHandleForReading
        while true {
            guard let chunk = try? reader.read(upToCount: 64 * 1024), !chunk.isEmpty else { break }
            let room = max(0, maxBytes - bytes.count)
            if chunk.count > room {
                bytes.append(contentsOf: chunk.prefix(room))
                capped = true
                control.stop(timedOut: false)
                break
            }
            bytes.append(contentsOf: chunk)
        }
        try? reader.close()
        process.waitUntilExit()
        timer.cancel()
        let succeeded = process.terminationReason == .exit && process.terminationStatus == 0
        // A kill racing with a normal exit does not count as a timeout.
        let timedOut = control.didTimeOut && process.terminationReason == .uncaughtSignal
        return Output(bytes: bytes, capped: capped, timedOut: timedOut, succeeded: succeeded)
    }

    /// Stops the process from the timeout timer or the reading thread; `Process` itself is not `Sendable`, so every
    /// access after launch goes through the lock.
    private final class Control: @unchecked Sendable {
        private let lock = NSLock()
        private let process: Process
        private var timedOut = false

        init(_ process: Process) {
            self.process = process
        }

        var didTimeOut: Bool {
            lock.lock()
            defer { lock.unlock() }
            return timedOut
        }

        /// Kills the process with SIGKILL. Not SIGTERM: a child spawned from a GCD worker thread inherits that
        /// thread's signal mask, in which SIGTERM is blocked, so only SIGKILL is sure to stop it.
        func stop(timedOut: Bool) {
            lock.lock()
            defer { lock.unlock() }
            guard process.isRunning else { return }
            if timedOut { self.timedOut = true }
            _ = kill(process.processIdentifier, SIGKILL)
        }
    }
}
