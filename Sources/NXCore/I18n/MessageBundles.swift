import NXRuntime

/// Label texts by locale, as Nuxeo's `messages` resource bundles (`messages.properties`, `messages_fr.properties`, …):
/// a key is looked up as Java's ResourceBundle does, from the most specific bundle of the locale (`fr_FR`) to its
/// language (`fr`), then the default bundle.
public struct MessageBundles: Sendable {
    /// Locale of the default (base) bundle.
    public let defaultLocale: String
    /// Locale → key → text.
    public let bundles: [String: [String: String]]

    /// Bundles by locale; `defaultLocale` names the base one.
    public init(defaultLocale: String, bundles: [String: [String: String]]) {
        self.defaultLocale = defaultLocale
        self.bundles = bundles
    }

    /// No bundles: every lookup misses.
    public static let empty = MessageBundles(defaultLocale: "en", bundles: [:])

    /// The text of `key` for `locale` (`fr_FR`, `fr`), nil when no bundle of the chain has it.
    public func message(_ key: String, locale: String) -> String? {
        for candidate in Self.chain(locale) + [defaultLocale] {
            if let text = bundles[candidate]?[key] { return text }
        }
        return nil
    }

    /// `fr_FR` → [`fr_FR`, `fr`]; `fr` → [`fr`].
    static func chain(_ locale: String) -> [String] {
        let parts = locale.split(separator: "_")
        guard let language = parts.first else { return [] }
        return parts.count > 1 ? [locale, String(language)] : [String(language)]
    }

    /// The locale of a request from its `Accept-Language` header, as a servlet's `getLocale()`: the language range of
    /// highest weight (the first among equals), `en-US` written `en_US`; nil without a usable one (`*`, absent, empty).
    public static func locale(acceptLanguage: String?) -> String? {
        guard let acceptLanguage else { return nil }
        var best: (tag: String, weight: Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { String($0).trimmingWhitespace }
            guard let tag = parts.first, !tag.isEmpty, tag != "*" else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0, weight > (best?.weight ?? -1) { best = (tag, weight) }
        }
        guard let tag = best?.tag else { return nil }
        let subtags = tag.split(separator: "-")
        guard let language = subtags.first, language.allSatisfy(\.isLetter) else { return nil }
        if subtags.count > 1, subtags[1].count == 2 { return language.lowercased() + "_" + subtags[1].uppercased() }
        return language.lowercased()
    }
}
