import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an external tool with an argument array (never a shell), reading its standard output incrementally up to a
/// byte cap and killing it after a timeout. Blocking work happens on a thread of its own, not the cooperative pool.
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
            // A thread of its own: the blocking reads never hold a thread of the cooperative pool or of GCD.
            let thread = Thread {
                continuation.resume(
                    returning: runBlocking(
                        executable: executable, arguments: arguments, maxBytes: maxBytes, timeoutSeconds: timeoutSeconds))
            }
            thread.start()
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
        // The deadline is watched by this reading loop itself (poll with a timeout), not by a timer on a queue that a
        // busy process may not run in time.
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeoutSeconds) * 1_000_000_000)
        var bytes: [UInt8] = []
        var capped = false
        let reader = pipe.fileHandleForReading
        let fd = reader.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                control.stop(timedOut: true)
                break
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(1000, (deadline - now) / 1_000_000 + 1)))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let room = max(0, maxBytes - bytes.count)
            if count > room {
                bytes.append(contentsOf: buffer[0..<room])
                capped = true
                control.stop(timedOut: false)
                break
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        try? reader.close()
        process.waitUntilExit()
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
