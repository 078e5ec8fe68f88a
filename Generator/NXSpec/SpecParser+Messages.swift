/// `Spec/messages/*.yaml`, one bundle per file:
///
/// ```yaml
/// messages:
///   locale: fr                  # required: `fr` or `fr_FR`
///   default: false              # default false; exactly one bundle is the base one (Nuxeo's messages.properties)
///   entries:
///     label.directories.continent.europe: Europe
/// ```
///
/// Keys are checked against the default bundle once every file is read (`SpecValidator.checkMessages`).
extension SpecParser {
    static let messageKeys = ["locale", "default", "entries"]

    static func parseMessages(_ node: SpecNode, file: String, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let f = node.fields("messages", allowed: messageKeys, required: ["locale", "entries"], d: &d),
              let localeNode = f["locale"], let locale = localeNode.string("locale", &d)
        else { return }
        if !isLocale(locale) {
            d.error(.invalidValue, "invalid locale '\(locale)' (expected a language such as 'fr', or 'fr_FR')", at: localeNode.location)
        }
        let pairs = f["entries"].map { scalarPairs($0, "entries of the '\(locale)' messages", &d) } ?? []
        raw.messageBundles.append(MessageBundleDef(
            locale: locale, isDefault: f["default"]?.bool("default", &d) ?? false, entries: pairs.map { ($0.field, $0.value) },
            keyLocations: pairs.map(\.keyLocation), origin: origin(file, locale, localeNode.location)))
    }

    /// `fr`, `fr_FR`: a lower-case language and an optional upper-case country.
    static func isLocale(_ text: String) -> Bool {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.count == 1 || (parts[1].count == 2 && parts[1].allSatisfy { $0.isASCII && $0.isUppercase })
    }
}
