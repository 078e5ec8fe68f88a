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

    private var listener: LoopbackListener!
    private let received = NIOLockedValueBox<[Mail]>([])
    let refuseRecipients: Bool

    var port: Int { listener.port }

    init(refuseRecipients: Bool = false) throws {
        self.refuseRecipients = refuseRecipients
        listener = LoopbackListener { [unowned self] fd in handle(fd) }
    }

    var mails: [Mail] { received.withLockedValue { $0 } }

    func stop() { listener.stop() }

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
