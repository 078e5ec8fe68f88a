/// Where outgoing mail goes (nuxeo.conf `mail.transport.host`, `mail.transport.port`, `mail.from`): a plain SMTP relay,
/// as Nuxeo's default `mail.transport.protocol=smtp` without authentication.
public struct MailConfiguration: Sendable, Hashable {
    /// Relay host name or address.
    public var host: String
    /// Relay port (25 by default).
    public var port: Int
    /// Sender used when an operation gives none.
    public var defaultFrom: String
    /// Seconds allowed for connecting and for each reply of the relay.
    public var timeout: Int

    public init(host: String, port: Int = 25, defaultFrom: String = "noreply@nuxeo.com", timeout: Int = 30) {
        self.host = host
        self.port = port
        self.defaultFrom = defaultFrom
        self.timeout = timeout
    }
}
