import Foundation
import Glibc
import NIOConcurrencyHelpers

/// A one-connection-at-a-time SMTP relay on a loopback port for tests: answers 220/250/354/221, records the envelope and
/// the DATA of every mail. `refuseRecipients` makes RCPT TO fail with 550.
final class FakeSMTPServer: @unchecked Sendable {
    struct Mail: Sendable {
        var from: String
        var recipients: [String]
        var data: String
    }

    let port: Int
    private let listener: Int32
    private let received = NIOLockedValueBox<[Mail]>([])
    let refuseRecipients: Bool

    init(refuseRecipients: Bool = false) throws {
        self.refuseRecipients = refuseRecipients
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 4)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var mails: [Mail] { received.withLockedValue { $0 } }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ fd: Int32) {
        var buffer: [UInt8] = []
        func send(_ line: String) { _ = Array((line + "\r\n").utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        func readLine() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<end].filter { $0 != 13 }, as: UTF8.self)
                    buffer.removeSubrange(...end)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return nil }
                buffer += chunk[..<count]
            }
        }
        send("220 fake ESMTP")
        var mail = Mail(from: "", recipients: [], data: "")
        while let line = readLine() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                send("250-fake")
                send("250 8BITMIME")
            } else if upper.hasPrefix("MAIL FROM:") {
                mail = Mail(from: String(line.dropFirst(10)), recipients: [], data: "")
                send("250 OK")
            } else if upper.hasPrefix("RCPT TO:") {
                if refuseRecipients { send("550 No such user here") } else {
                    mail.recipients.append(String(line.dropFirst(8)))
                    send("250 OK")
                }
            } else if upper == "DATA" {
                send("354 End data with <CR><LF>.<CR><LF>")
                var lines: [String] = []
                while let dataLine = readLine(), dataLine != "." { lines.append(dataLine) }
                mail.data = lines.joined(separator: "\n")
                let finished = mail
                received.withLockedValue { $0.append(finished) }
                send("250 OK queued")
            } else if upper == "QUIT" {
                send("221 Bye")
                return
            } else {
                send("502 Command not implemented")
            }
        }
    }
}
