import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an external tool with an argument array (never a shell), reading its standard output incrementally up to a
/// byte cap and killing it after a timeout. The child is started with `posix_spawn` (an empty signal mask, stdin and
/// stderr on /dev/null) and reaped with `waitpid`: nothing depends on a run loop or a dispatch queue that a busy
/// process might not serve in time. The blocking work runs on a thread of its own, not the cooperative pool.
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
            let thread = Thread {
                continuation.resume(
                    returning: runBlocking(executable: executable, arguments: arguments, maxBytes: maxBytes, timeoutSeconds: timeoutSeconds))
            }
            thread.start()
        }
    }

    static func runBlocking(executable: String, arguments: [String], maxBytes: Int, timeoutSeconds: Double) -> Output? {
        var pipeFDs: [Int32] = [-1, -1]
        // Both ends close-on-exec from their creation (a socket pair takes SOCK_CLOEXEC atomically; pipe + fcntl left a
        // window): a process forked meanwhile by another thread must not inherit the write end, or this read would wait
        // for that process to exit. `adddup2` clears the flag on the child's stdout.
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pipeFDs) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeFDs[0], pipeFDs[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        // A file just written may be briefly held open for writing by a child another thread is forking (ETXTBSY).
        var attempts = 0
        while spawned == ETXTBSY && attempts < 20 {
            attempts += 1
            usleep(10_000)
            spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        }
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            return nil
        }

        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeoutSeconds) * 1_000_000_000)
        var bytes: [UInt8] = []
        var capped = false
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(1000, (deadline - now) / 1_000_000 + 1)))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let room = max(0, maxBytes - bytes.count)
            if count > room {
                bytes.append(contentsOf: buffer[0..<room])
                capped = true
                kill(pid, SIGKILL)
                break
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        close(readEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exited = status & 0x7F == 0
        let succeeded = exited && (status >> 8) & 0xFF == 0
        return Output(bytes: bytes, capped: capped, timedOut: timedOut && !exited, succeeded: succeeded && !timedOut)
    }
}
