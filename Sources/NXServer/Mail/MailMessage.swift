import Foundation
import NXCore
import NXRuntime

/// An outgoing mail as RFC 5322 / MIME text: UTF-8 headers encoded per RFC 2047, a text or HTML body in base64, and
/// file attachments as `multipart/mixed` parts (Nuxeo's `Composer.newTextMessage` / `newMixedMessage`).
struct MailMessage: Sendable {
    var from: String
    var to: [String]
    var cc: [String] = []
    var replyTo: [String] = []
    var subject: String
    var body: String
    var html = false
    /// Files to attach: name, mime type, content.
    var attachments: [(name: String, mimeType: String, content: [UInt8])] = []

    /// Largest total size of attachments, in bytes: more is a 400, not an unbounded message in memory.
    static let maximumAttachmentBytes = 25 << 20

    /// The message text, lines ending in CRLF. `date` and `id` make it deterministic in tests.
    func rendered(date: Date = Date(), id: String = UUID().uuidString) -> [UInt8] {
        var lines: [String] = []
        lines.append("From: \(Self.mailbox(from))")
        lines.append("To: \(to.map(Self.mailbox).joined(separator: ", "))")
        if !cc.isEmpty { lines.append("Cc: \(cc.map(Self.mailbox).joined(separator: ", "))") }
        if !replyTo.isEmpty { lines.append("Reply-To: \(replyTo.map(Self.mailbox).joined(separator: ", "))") }
        lines.append("Subject: \(Self.header(subject))")
        lines.append("Date: \(Self.rfc5322(date))")
        lines.append("Message-ID: <\(id)@nx>")
        lines.append("MIME-Version: 1.0")
        let textType = "text/\(html ? "html" : "plain"); charset=UTF-8"
        if attachments.isEmpty {
            lines.append("Content-Type: \(textType)")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += Self.base64Lines(Array(body.utf8))
        } else {
            let boundary = "----=_Part_nx_\(id.replacingOccurrences(of: "-", with: ""))"
            lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(textType)")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines += Self.base64Lines(Array(body.utf8))
            for file in attachments {
                lines.append("--\(boundary)")
                lines.append("Content-Type: \(Self.headerSafe(file.mimeType)); name=\"\(Self.header(file.name))\"")
                lines.append("Content-Disposition: attachment; filename=\"\(Self.header(file.name))\"")
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("")
                lines += Self.base64Lines(file.content)
            }
            lines.append("--\(boundary)--")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A mailbox `Display Name <address>`: the name quoted when it holds specials, or an RFC 2047 encoded word when it is
    /// not ASCII; the address as is.
    static func mailbox(_ text: String) -> String {
        let clean = headerSafe(text)
        guard let open = clean.lastIndex(of: "<"), clean.hasSuffix(">") else { return clean }
        let name = clean[..<open].trimmingCharacters(in: .whitespaces)
        let address = clean[open...]
        guard !name.isEmpty else { return String(address) }
        if name.unicodeScalars.contains(where: { $0.value > 127 }) {
            return "=?UTF-8?B?\(Data(name.utf8).base64EncodedString())?= \(address)"
        }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.unicodeScalars.contains(where: specials.contains) else { return "\(name) \(address)" }
        return "\"\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\" \(address)"
    }

    /// A header value: CR/LF removed (no header injection); non-ASCII as an RFC 2047 encoded word.
    static func header(_ text: String) -> String {
        let clean = headerSafe(text)
        guard clean.unicodeScalars.contains(where: { $0.value > 127 }) else { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    static func headerSafe(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let text = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
