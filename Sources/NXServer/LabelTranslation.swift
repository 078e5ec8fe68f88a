import NXCore
import NXRuntime
import NXSchemas

/// `translate.directoryEntry=label` (Nuxeo's DirectoryEntryJsonWriter): the listed fields of a directory entry hold
/// message keys; each non-empty one is written as its text from the message bundles of `Spec/messages/` for the request
/// locale (`Accept-Language`; default English), falling back to the language, then to the default bundle. A key no
/// bundle knows is written as it is.
struct LabelTranslation: Sendable {
    /// Fields to translate (`label`).
    let fields: Set<String>
    /// The request locale (`fr_FR`, `fr`), nil for the default.
    let locale: String?
    let messages: MessageBundles

    /// Nothing to translate.
    static let none = LabelTranslation([], acceptLanguage: nil)

    init(_ fields: [String], acceptLanguage: String?, messages: MessageBundles = NXSchemas.messages) {
        self.fields = Set(fields)
        locale = MessageBundles.locale(acceptLanguage: acceptLanguage)
        self.messages = messages
    }

    /// `properties` with every translated field replaced by its text.
    func apply(_ properties: JSONObject) -> JSONObject {
        guard !fields.isEmpty else { return properties }
        var result = properties
        for (key, value) in properties where fields.contains(key) {
            guard case .string(let text) = value, !text.isEmpty,
                  let message = messages.message(text, locale: locale ?? messages.defaultLocale), message != text
            else { continue }
            result[key] = .string(message)
        }
        return result
    }
}
