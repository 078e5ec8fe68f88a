import Foundation
import NXCore
import NXRuntime
#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP client (RFC 5321): one connection per message — greeting, EHLO (HELO as fallback), MAIL FROM, one RCPT TO
/// per recipient, DATA with dot-stuffing, QUIT. Blocking sockets with timeouts, on a thread of their own (`BlockingIO`).
/// Any refusal or timeout is a 503 naming the relay's answer; nothing here blocks the cooperative pool.
struct SMTPClient: Sendable {
    let configuration: MailConfiguration

    /// Sends `message` (CRLF-separated RFC 5322 text) from `sender` to every address of `recipients`.
    func send(_ message: [UInt8], from sender: String, to recipients: [String]) async throws {
        guard !recipients.isEmpty else { throw NXError.invalid("The mail has no recipient") }
        let configuration = self.configuration
        try await BlockingIO.run {
            let connection = try SMTPConnection(host: configuration.host, port: configuration.port, timeout: configuration.timeout)
            defer { connection.close() }
            try connection.expect(220)
            do {
                try connection.command("EHLO nx", expect: 250)
            } catch {
                try connection.command("HELO nx", expect: 250)
            }
            try connection.command("MAIL FROM:<\(Self.address(sender))>", expect: 250)
            for recipient in recipients { try connection.command("RCPT TO:<\(Self.address(recipient))>", expect: 250, 251) }
            try connection.command("DATA", expect: 354)
            try connection.write(Self.dotStuffed(message) + Array("\r\n.\r\n".utf8))
            try connection.expect(250)
            try? connection.command("QUIT", expect: 221)
        }
    }

    /// The bare address of `Name <address>`; CR, LF and angle brackets are refused (no command injection).
    static func address(_ text: String) throws -> String {
        var address = text.trimmingWhitespace
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            address = String(address[address.index(after: open)..<close])
        }
        guard !address.isEmpty, !address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" || $0 == " " }) else {
            throw NXError.invalid("Invalid mail address: \(text)")
        }
        return address
    }

    /// A leading `.` of a line is doubled (RFC 5321 §4.5.2); bare LFs become CRLF.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64)
        var lineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { out.append(UInt8(ascii: "\r")) }
            if lineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        return out
    }
}

/// One blocking TCP connection to the relay, replies read line by line (multi-line replies joined).
final class SMTPConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []
    private let relay: String

    init(host: String, port: Int, timeout: Int) throws {
        relay = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw NXError(.serviceNotAvailable, "Cannot send mail: unknown SMTP relay host \(host)")
        }
        defer { freeaddrinfo(result) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let info = candidate, connected < 0 {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var limit = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { connected = fd } else { Glibc.close(fd) }
            }
            candidate = info.pointee.ai_next
        }
        guard connected >= 0 else { throw NXError(.serviceNotAvailable, "Cannot send mail: the SMTP relay \(relay) does not answer") }
        socket = connected
    }

    func close() { Glibc.close(socket) }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw NXError(.serviceNotAvailable, "Cannot send mail: the SMTP relay \(relay) closed the connection") }
            offset += written
        }
    }

    func command(_ line: String, expect codes: Int...) throws {
        try write(Array((line + "\r\n").utf8))
        try expect(codes)
    }

    func expect(_ codes: Int...) throws { try expect(codes) }

    /// Reads one reply (continuation lines `250-…` up to the final `250 …`) and checks its code.
    private func expect(_ codes: [Int]) throws {
        var text: [String] = []
        while true {
            let line = try readLine()
            text.append(line)
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
            guard text.count < 100 else { throw NXError(.serviceNotAvailable, "Cannot send mail: the SMTP relay \(relay) sent an endless reply") }
        }
        let last = text.last ?? ""
        guard let code = Int(last.prefix(3)), codes.contains(code) else {
            throw NXError(.serviceNotAvailable, "Cannot send mail: the SMTP relay \(relay) answered \(last)")
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<end]
                buffer.removeSubrange(...end)
                return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            guard buffer.count < 65_536 else { throw NXError(.serviceNotAvailable, "Cannot send mail: the SMTP relay \(relay) sent an overlong line") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw NXError(.serviceNotAvailable, "Cannot send mail: no answer from the SMTP relay \(relay)") }
            buffer += chunk[..<count]
        }
    }
}
