import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL server of its own in a temporary directory (tests, benchmarks): initdb, pg_ctl start on a free loopback port, stop.
///
/// The server trusts every local connection (user `postgres`), listens on 127.0.0.1 and on a unix socket in its
/// directory, and trades durability for speed (`fsync`, `synchronous_commit` and `full_page_writes` off): tests only.
/// Binaries come from the highest `/usr/lib/postgresql/<version>/bin` (Debian, Ubuntu) or from `PATH`. Run as root, the
/// server runs as the `postgres` user (`runuser -u postgres --`; initdb refuses root), its directory owned by it.
///
/// A server is not left running: `stop()` (idempotent, also called from `deinit`) stops it (`pg_ctl stop -m immediate`,
/// then SIGKILL if the postmaster is still there) and removes the directory. A process that never calls it (a crash, a
/// fatal error, `exit`, SIGKILL) is covered on a best-effort basis by a watchdog: a detached `sh` started with the
/// server that polls the starting process's pid every second and, once that process is gone (or a zombie), stops the
/// server and removes its directory. Only `kill -9` of the watchdog itself, or a reboot, leaves a server (or its directory) behind.
public final class LocalPostgres: @unchecked Sendable {
    /// Why a server could not be started or a database created; the description carries the server log's tail.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// `postgres://postgres@127.0.0.1:PORT/<database>`
    public let url: String
    /// The server's temporary directory: `data/` (the cluster), `server.log`, and the unix socket.
    public let directory: String
    /// The directory of the PostgreSQL binaries in use (`psql`, `pg_dump`, …).
    public let binDirectory: String
    /// The superuser every URL names.
    public static let user = "postgres"

    private let runAsPostgres: Bool
    private let watchdog: pid_t?
    private let lock = NSLock()
    private var stopped = false

    private init(port: Int, database: String, directory: String, binDirectory: String, runAsPostgres: Bool, watchdog: pid_t?) {
        self.port = port
        self.url = "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)"
        self.directory = directory
        self.binDirectory = binDirectory
        self.runAsPostgres = runAsPostgres
        self.watchdog = watchdog
    }

    deinit { stop() }

    /// Creates a cluster in a new temporary directory, starts it on a free port and creates `database`.
    /// Throws when no PostgreSQL binaries are found, or with the server log's tail when the server does not start.
    public static func start(database: String = "nx") throws -> LocalPostgres {
        try validate(database)
        let bin = try findBinaries()
        let asRoot = geteuid() == 0
        if asRoot, getpwnam("postgres") == nil {
            throw Failure(description: "LocalPostgres: running as root needs a 'postgres' user to run the server as (initdb refuses root)")
        }
        let directory = try makeDirectory(ownedByPostgres: asRoot)
        let data = directory + "/data"
        var result: (status: Int32, output: String)
        do {
            result = try run(bin + "/initdb", ["-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                             asPostgres: asRoot, in: directory)
            if result.status != 0 {
                // A system without the C.UTF-8 locale: the C locale (fulltext folds ASCII case only).
                try? FileManager.default.removeItem(atPath: data)
                result = try run(bin + "/initdb", ["-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                                 asPostgres: asRoot, in: directory)
            }
            guard result.status == 0 else {
                throw Failure(description: "LocalPostgres: initdb failed (status \(result.status)):\n\(tail(result.output))")
            }
            var lastError = ""
            for _ in 0..<5 {
                let port = try freePort()
                let options = [
                    "-p \(port)", "-k '\(directory)'", "-c listen_addresses=127.0.0.1", "-c max_connections=1000",
                    "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
                ].joined(separator: " ")
                result = try run(bin + "/pg_ctl", ["-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"],
                                 asPostgres: asRoot, in: directory)
                if result.status == 0 {
                    let watchdog = startWatchdog(directory: directory, stop: stopCommand(bin: bin, data: data, asPostgres: asRoot))
                    let server = LocalPostgres(port: port, database: database, directory: directory, binDirectory: bin,
                                               runAsPostgres: asRoot, watchdog: watchdog)
                    _ = try server.createDatabase(database)
                    return server
                }
                lastError = "pg_ctl start on port \(port) failed (status \(result.status)):\n\(tail(result.output))\nserver.log:\n"
                    + tail((try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "")
                // A server that did start but was not seen ready must not stay.
                _ = try? run(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: asRoot, in: directory)
            }
            throw Failure(description: "LocalPostgres: \(lastError)")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Creates another database on this server (each test suite its own), a copy of `template` when given (which must
    /// have no open connection), and returns its URL.
    public func createDatabase(_ name: String, template: String? = nil) throws -> String {
        try Self.validate(name)
        if let template { try Self.validate(template) }
        lock.lock()
        let isStopped = stopped
        lock.unlock()
        guard !isStopped else { throw Failure(description: "LocalPostgres: the server is stopped") }
        let result = try Self.run(binDirectory + "/createdb", ["-h", directory, "-p", String(port), "-U", Self.user]
                                  + (template.map { ["-T", $0] } ?? []) + [name],
                                  asPostgres: runAsPostgres, in: directory)
        guard result.status == 0 else {
            throw Failure(description: "LocalPostgres: createdb \(name) failed (status \(result.status)):\n\(Self.tail(result.output))\nserver.log:\n"
                + Self.tail((try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""))
        }
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)"
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`, SIGKILL if it is still there) and removes its directory.
    /// Idempotent; also called from `deinit`.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        let data = directory + "/data"
        let postmaster = (try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8))?
            .split(separator: "\n").first.flatMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
        _ = try? Self.run(binDirectory + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], asPostgres: runAsPostgres, in: directory)
        if let postmaster, postmaster > 0, Self.isAlive(postmaster) {
            kill(postmaster, SIGKILL)
            for _ in 0..<100 where Self.isAlive(postmaster) { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
        if let watchdog {
            kill(watchdog, SIGTERM)
            Self.wait(for: watchdog)
        }
    }

    // MARK: - Helpers

    private static func validate(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count < 64, name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) else {
            throw Failure(description: "LocalPostgres: a database name is 1 to 63 ASCII letters, digits or underscores, not '\(name)'")
        }
    }

    /// The highest `/usr/lib/postgresql/<version>/bin` holding initdb, else the directory of `initdb` on `PATH`.
    private static func findBinaries() throws -> String {
        let fm = FileManager.default
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? [])
            .filter { fm.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") && fm.isExecutableFile(atPath: "\(root)/\($0)/bin/pg_ctl") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        if let highest = versions.last { return "\(root)/\(highest)/bin" }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where fm.isExecutableFile(atPath: dir + "/initdb") && fm.isExecutableFile(atPath: dir + "/pg_ctl") {
            // A symlink (Debian links some tools into /usr/local/bin): the directory of its target, where createdb is too.
            let resolved = (try? fm.destinationOfSymbolicLink(atPath: dir + "/initdb")).map {
                $0.hasPrefix("/") ? $0 : dir + "/" + $0
            }
            return resolved.map { ($0 as NSString).deletingLastPathComponent } ?? dir
        }
        throw Failure(description: "LocalPostgres: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; install them (make postgres-tools, or apt-get install postgresql)")
    }

    /// A new private directory under /tmp (or $TMPDIR when not root, if short enough for a unix socket path).
    private static func makeDirectory(ownedByPostgres: Bool) throws -> String {
        var base = "/tmp"
        if !ownedByPostgres, let tmp = ProcessInfo.processInfo.environment["TMPDIR"], !tmp.isEmpty, tmp.utf8.count < 60 {
            base = tmp.hasSuffix("/") ? String(tmp.dropLast()) : tmp
        }
        var template = Array((base + "/nx-postgres-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "LocalPostgres: cannot create a directory in \(base): \(String(cString: strerror(errno)))")
        }
        let path = String(cString: created)
        if ownedByPostgres, let pw = getpwnam("postgres") {
            guard chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: path)
                throw Failure(description: "LocalPostgres: cannot give \(path) to the postgres user: \(reason)")
            }
        }
        return path
    }

    /// A port that was free on 127.0.0.1 a moment ago (bound to port 0, read back, closed).
    private static func freePort() throws -> Int {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "LocalPostgres: socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "LocalPostgres: bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "LocalPostgres: getsockname: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether `pid` is a running process: not gone, and not a zombie (the postmaster's parent is init, which may be
    /// slow to reap it, or, in a container, never).
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        #if os(Linux)
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
            return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        }
        #endif
        return true
    }

    /// The first of `names` that exists and is executable.
    private static func executable(_ names: [String]) -> String? {
        names.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The command line of a tool, through `runuser -u postgres --` when the server runs as that user.
    private static func commandLine(_ tool: String, _ arguments: [String], asPostgres: Bool) throws -> [String] {
        guard asPostgres else { return [tool] + arguments }
        guard let runuser = executable(["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]) else {
            throw Failure(description: "LocalPostgres: running as root needs runuser (util-linux) to run PostgreSQL as the postgres user")
        }
        return [runuser, "-u", "postgres", "--", tool] + arguments
    }

    /// The environment of the tools: this process's, without the libpq variables that would redirect them.
    private static var toolEnvironment: [String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }.map { "\($0.key)=\($0.value)" }
    }

    /// Runs a tool to completion; its standard output and error together.
    private static func run(_ tool: String, _ arguments: [String], asPostgres: Bool, in directory: String) throws -> (status: Int32, output: String) {
        let line = try commandLine(tool, arguments, asPostgres: asPostgres)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure(description: "LocalPostgres: pipe: \(String(cString: strerror(errno)))") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do {
            pid = try spawn(line, output: fds[1], directory: directory)
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n > 0 { output += buffer[0..<n] } else if n == 0 || errno != EINTR { break }
        }
        close(fds[0])
        return (wait(for: pid), String(decoding: output, as: UTF8.self))
    }

    /// The exit status of a child (128 + signal when killed, -1 when it cannot be known).
    @discardableResult
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Starts `line` (an absolute executable and its arguments) with standard input from /dev/null, standard output
    /// and error into `output` (/dev/null when nil), default signal dispositions, and no other descriptor of this
    /// process: Foundation's `Process` lets a child inherit the socket by which it notices the child's end, so a
    /// server started through it (pg_ctl start) would hold that socket and `waitUntilExit` would never return; the
    /// server would also hold whatever descriptors the tests have open.
    private static func spawn(_ line: [String], output: Int32?, directory: String) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if os(Linux)
        // glibc's GNU extensions are not in Swift's Glibc module: looked up by name (glibc 2.34+ and 2.29+).
        let handle = dlopen(nil, RTLD_NOW)
        typealias AddInt = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
        typealias AddPath = @convention(c) (UnsafeMutableRawPointer, UnsafePointer<CChar>) -> Int32
        if let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddInt.self)(&actions, 3)
        } else {
            // Older glibc: close what is open now (a descriptor opened meanwhile by another thread may leak).
            let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
            for fd in open where fd > 2 && fd != output && fcntl(fd, F_GETFD) >= 0 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        if let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np") {
            _ = directory.withCString { unsafeBitCast(symbol, to: AddPath.self)(&actions, $0) }
        }
        #else
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)

        let argv = line.map { strdup($0) } + [nil]
        let envp = toolEnvironment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, line[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw Failure(description: "LocalPostgres: cannot run \(line.joined(separator: " ")): \(String(cString: strerror(status)))")
        }
        return pid
    }

    private static func stopCommand(bin: String, data: String, asPostgres: Bool) -> [String] {
        (try? commandLine(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: asPostgres))
            ?? [bin + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
    }

    /// A detached `sh` (its own session when `setsid` exists, so a signal to this process's group spares it) that stops
    /// the server and removes `directory` once this process is gone; it exits by itself when the directory goes.
    private static func startWatchdog(directory: String, stop: [String]) -> pid_t? {
        // The owner is gone when its pid is, is a zombie, or names another process (same pid, another start time).
        let script = """
            owner=$1; dir=$2; shift 2
            owner_state() {
                if [ -r "/proc/$owner/stat" ]; then sed 's/.*) //' "/proc/$owner/stat" 2>/dev/null | cut -d' ' -f1,20
                elif kill -0 "$owner" 2>/dev/null; then echo "R -"; fi
            }
            first=$(owner_state); born=${first#* }
            while [ -d "$dir/data" ]; do
                now=$(owner_state)
                case "$now" in ""|Z*) break ;; esac
                [ "${now#* }" = "$born" ] || break
                sleep 1
            done
            if [ -d "$dir/data" ]; then "$@"; rm -rf "$dir"; fi
            """
        var line = ["/bin/sh", "-c", script, "nx-postgres-watchdog", String(getpid()), directory] + stop
        if let setsid = executable(["/usr/bin/setsid", "/bin/setsid"]) { line.insert(setsid, at: 0) }
        return try? spawn(line, output: nil, directory: "/")
    }

    /// The last lines of a tool's output or of the server log.
    private static func tail(_ text: String, lines: Int = 20) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
