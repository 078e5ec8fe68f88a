/// A message bundle of `Spec/messages/`, as one of Nuxeo's `messages*.properties` files: the texts of label keys
/// (`label.directories.continent.europe`) in one locale. `translate.<entity>` answers use them.
public struct MessageBundleDef: Sendable {
    /// Locale: a language (`fr`) or a language and a country (`fr_FR`).
    public var locale: String
    /// Whether it is the base bundle (`messages.properties`) every lookup falls back to.
    public var isDefault: Bool
    /// Key → text, in written order.
    public var entries: [(key: String, text: String)]
    /// Where each key was written, parallel to `entries`.
    public var keyLocations: [SourceLocation]
    /// Where it was defined.
    public var origin: SpecOrigin
}
