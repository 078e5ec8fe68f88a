import Foundation

/// Runs blocking work (waiting for a process, reading its pipes) on a thread of its own, neither on the cooperative
/// pool (which in-process servers need) nor on Dispatch's global queues (whose few threads other tests' sockets use).
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}

/// The exit status, standard output and standard error of `executable arguments`, run to completion off the
/// cooperative pool; standard error is merged into standard output when `mergingErrors`.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                mergingErrors: Bool = false) async throws -> (status: Int32, output: Data, errors: Data) {
    try await onOwnThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = mergingErrors ? out : err
        try process.run()
        // Standard error on a thread of its own, so that neither pipe fills while the other is read.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            if !mergingErrors { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
            done.signal()
        }.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, output, errors.data)
    }
}
