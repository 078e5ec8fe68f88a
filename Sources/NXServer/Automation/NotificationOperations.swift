import Foundation
import NXAPI
import NXAPIRuntime
import NXCore
import NXExpression
import NXRuntime

/// `Document.Mail` (`Notification.SendMail`): one mail per input document through the configured SMTP relay. The message
/// is a template whose `${…}` holes are read as expressions over the document (`${Document['dc:title']}`,
/// `${Document.title}`) or name `docUrl`, `subject`, `viewId`, `baseUrl`; `files` attaches the blobs at those xpaths.
/// Recipients: addresses, `user:name`, `group:name`, or a bare user or group name (Nuxeo's `MailBox`).
extension DocumentOperations {
    func documentMail(_ input: Value, _ params: DocumentMailParams, context: Context) async throws -> Value {
        try await context.each(input) { document in
            do {
                try await context.sendMail(params, about: document)
            } catch let error as NXError where !params.rollbackOnError {
                context.call.logger.warning("Document.Mail failed; continuing since rollbackOnError is false",
                                            metadata: ["error": "\(error.message)"])
            }
            return document
        }
    }
}

extension OperationContext {
    func sendMail(_ params: DocumentMailParams, about document: DocumentRecord) async throws {
        guard let mail else {
            throw NXError(.serviceNotAvailable, "Cannot send mail: no SMTP relay is configured (nuxeo.conf mail.transport.host, or --smtp-host)")
        }
        if params.message.hasPrefix("template:") {
            throw NXError.invalid("No such mail template: \(String(params.message.dropFirst("template:".count)).trimmingWhitespace)")
        }
        let strict = params.strictUserResolution ?? false
        let from = try await mailboxes([params.from], strict: strict).first ?? mail.defaultFrom
        let to = try await mailboxes(params.to ?? [], strict: strict)
        let cc = try await mailboxes(params.cc ?? [], strict: strict)
        let bcc = try await mailboxes(params.bcc ?? [], strict: strict)
        let replyTo = try await mailboxes(params.replyto ?? [], strict: strict)
        var seen = Set<String>()
        let envelope = try (to + cc + bcc).map(SMTPClient.address).filter { seen.insert($0.lowercased()).inserted }
        guard !envelope.isEmpty else { throw NXError.invalid("The mail has no recipient: give 'to', 'cc' or 'bcc'") }
        guard envelope.count <= Self.maximumRecipients else {
            throw NXError.invalid("Too many mail recipients: \(envelope.count), at most \(Self.maximumRecipients)")
        }
        let docURL = "\(call.baseURL)nxpath/\(repository.name)\(document.path)@\(params.viewId)"
        let variables = ["docUrl": docURL, "subject": params.subject, "viewId": params.viewId, "baseUrl": call.baseURL]
        var message = MailMessage(from: from, to: to, cc: cc, replyTo: replyTo, subject: params.subject,
                                  body: try renderTemplate(Self.unescapeHTML(params.message), document: document, variables: variables),
                                  html: params.html)
        message.attachments = try attachments(params.files ?? [], of: document)
        try await SMTPClient(configuration: mail).send(message.rendered(), from: from, to: envelope)
    }

    /// Most distinct recipients of one mail (Nuxeo has no limit; a group of thousands would make a mass mailing).
    static let maximumRecipients = 200
    /// Largest rendered message body, in bytes.
    static let maximumMessageBytes = 1 << 20

    /// `Name <address>` of each entry: an address as is, `user:x` / `group:x` / a bare name resolved through the users
    /// directory. With `strict`, an entry that resolves to no address is a 400; otherwise it is skipped.
    func mailboxes(_ entries: [String], strict: Bool) async throws -> [String] {
        var result: [String] = []
        for raw in entries {
            let entry = raw.trimmingWhitespace
            guard !entry.isEmpty else { continue }
            if entry.contains("@"), !entry.hasPrefix("user:"), !entry.hasPrefix("group:") {
                result.append(entry)
                continue
            }
            var users: [String] = []
            if entry.hasPrefix("user:") {
                users = [String(entry.dropFirst(5))]
            } else if entry.hasPrefix("group:") {
                users = try await self.users.group(String(entry.dropFirst(6)))?.memberUsers ?? []
            } else if try await self.users.user(entry) != nil {
                users = [entry]
            } else {
                users = try await self.users.group(entry)?.memberUsers ?? []
            }
            var found = false
            for name in users.prefix(1000) {
                guard let user = try await self.users.user(name), let email = user.email, !email.isEmpty else { continue }
                let display = [user.firstName, user.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                result.append(display.isEmpty ? email : "\(display) <\(email)>")
                found = true
            }
            if !found && strict { throw NXError.invalid("Cannot resolve mail recipient: \(entry)") }
        }
        return result
    }

    /// The message with each `${…}` hole replaced: a known variable, or an expression over the document.
    func renderTemplate(_ text: String, document: DocumentRecord, variables: [String: String]) throws -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw NXError.invalid("Unterminated '${' in the mail message")
            }
            let hole = String(rest[open.upperBound..<close]).trimmingWhitespace
            if let value = variables[hole] {
                output += value
            } else {
                do {
                    let expression = try NXExpression.parse(hole)
                    output += try expression.evaluate(in: OperationEnvironment(context: self, input: .document(document), user: nil)).text
                } catch {
                    throw NXError.invalid("Cannot render '${\(hole)}' in the mail message: \(error.description)")
                }
            }
            rest = rest[rest.index(after: close)...]
            guard output.utf8.count <= Self.maximumMessageBytes else {
                throw NXError.invalid("The mail message exceeds \(Self.maximumMessageBytes >> 20) MiB once rendered")
            }
        }
        return output + rest
    }

    /// The files at `xpaths` of the document (a blob, or each blob of a list), read from the binary store.
    func attachments(_ xpaths: [String], of document: DocumentRecord) throws -> [(name: String, mimeType: String, content: [UInt8])] {
        var files: [(name: String, mimeType: String, content: [UInt8])] = []
        var total = 0
        for xpath in xpaths {
            // The blob at the xpath, or every blob inside it (a list of files, a complex property).
            guard let value = BlobXPath.value(xpath, in: document.properties) else { continue }
            let blobs = BlobValue.all(in: JSONObject([(xpath, value)])).map(\.blob)
            for blob in blobs {
                total += Int(clamping: blob.length)
                guard total <= MailMessage.maximumAttachmentBytes else {
                    throw NXError.invalid("Mail attachments exceed \(MailMessage.maximumAttachmentBytes >> 20) MiB")
                }
                guard let path = repository.binaries?.file(blob.digest), let data = FileManager.default.contents(atPath: path) else {
                    throw NXError.notFound("The content of \(blob.name ?? xpath) is missing")
                }
                files.append((blob.name ?? "file", blob.mimeType ?? "application/octet-stream", Array(data)))
            }
        }
        return files
    }

    /// Nuxeo unescapes HTML entities of an inline message (`StringEscapeUtils.unescapeHtml`): the common ones here.
    static func unescapeHTML(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", "\u{a0}"),
                                    ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}

extension DocumentOperations {
    /// `Event.Fire`: fires `name` on the input (its `properties` become the event's properties) and returns the input. The
    /// listener nx has is the audit: an audited document event (`documentModified`, `documentLocked`…) fired on document(s)
    /// is logged for each of them, with the `category` (default `eventDocumentCategory`) and `comment` properties.
    func eventFire(_ input: Value, _ params: EventFireParams, context: Context) async throws -> Value {
        let name = params.name.trimmingWhitespace
        guard !name.isEmpty else { throw NXError.invalid("Parameter 'name' must not be empty") }
        guard AuditEvent.audited.contains(name) else { return input }
        let documents: [DocumentRecord]
        switch input {
        case .document, .documents, .page, .reference: documents = try await context.documents(input)
        default: return input
        }
        let properties = params.properties ?? JSONObject()
        try await context.repository.logEvent(name, category: properties["category"]?.stringValue ?? AuditEvent.documentCategory,
                                              comment: properties["comment"]?.stringValue, on: documents, principal: context.principal)
        return input
    }
}
