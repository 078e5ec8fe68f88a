import NXAPI
import NXAPIRuntime
import NXCore
import NXRuntime

/// `Document.SendNotificationEmailForPermission` (nuxeo-permissions' SendNotificationEmailForPermission and its
/// PermissionGrantedNotificationListener).
extension DocumentOperations {
    /// Mails the user of the granted ACE `id` (`username:permission:granted:creator:begin:end`), or every member of that
    /// group, that the input document was shared with them; returns the document(s). An ACE the document does not carry,
    /// or a denied one, sends nothing, as Nuxeo; a malformed id is a 400. As Nuxeo's listener, a mail that cannot be sent
    /// (no relay, no address) is logged, not an error of the operation.
    func documentSendNotificationEmailForPermission(
        _ input: Value, _ params: DocumentSendNotificationEmailForPermissionParams, context: Context
    ) async throws -> Value {
        let parts = params.id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, ["true", "false"].contains(parts[parts.count - 4]), !parts[0].isEmpty else {
            throw NXError.invalid("Invalid ACE id: \(params.id)")
        }
        return try await context.each(input) { document in
            let acp = try await context.repository.acp(of: .id(document.id), principal: context.principal)
            guard let acl = acp.acls.first(where: { $0.aces.contains { $0.id == params.id } }),
                  let ace = acl.aces.first(where: { $0.id == params.id }), ace.granted
            else { return document }
            do {
                try await context.notifyGranted(ace, on: document)
            } catch {
                context.call.logger.warning("Unable to notify user", metadata: ["ace": "\(ace.id)", "error": "\((error as? NXError)?.message ?? "\(error)")"])
            }
            return try await context.repository.document(.id(document.id), principal: context.principal)
        }
    }
}

extension OperationContext {
    /// Sends the "new permission" mail of a granted ACE: to the user's address, or blind to every member of the group.
    func notifyGranted(_ ace: ACE, on document: DocumentRecord) async throws {
        var addresses: [String] = []
        if let user = try await users.user(ace.username) {
            if let email = user.email, !email.isEmpty { addresses = [email] }
        } else if let group = try await users.group(ace.username) {
            for name in group.memberUsers.prefix(Self.maximumRecipients) {
                if let email = try await users.user(name)?.email, !email.isEmpty { addresses.append(email) }
            }
        }
        guard !addresses.isEmpty else { return }
        guard let mail else {
            throw NXError(.serviceNotAvailable, "Cannot send mail: no SMTP relay is configured (nuxeo.conf mail.transport.host, or --smtp-host)")
        }
        let title = document.properties["dc:title"]?.stringValue ?? document.name
        var creator = "Someone"
        if let login = ace.creator, let user = try await users.user(login) {
            let name = [user.firstName, user.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            creator = "\(name.isEmpty ? login : name) (\(login))"
        }
        let url = "\(call.baseURL)nxpath/\(repository.name)\(document.path)@view_documents"
        let body = """
            <p>\(MarkupEntities.escape(creator)) gave you the permission <b>\(MarkupEntities.escape(ace.permission))</b> on \
            <a href="\(MarkupEntities.escape(url))">\(MarkupEntities.escape(title))</a>.</p>
            """
        let bcc = addresses.count > 1
        let message = MailMessage(from: mail.defaultFrom, to: bcc ? [] : addresses, subject: "[Nuxeo] New permission on \(title)", body: body,
                                  html: true)
        let envelope = try addresses.map(SMTPClient.address)
        try await SMTPClient(configuration: mail).send(message.rendered(), from: mail.defaultFrom, to: envelope)
    }
}
