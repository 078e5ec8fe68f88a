/// Message bundle checks: one bundle per locale, exactly one default bundle, every key of the other bundles and every
/// directory label written as a key (`label.…`) present in the default bundle.
extension SpecValidator {
    static func checkMessages(_ raw: RawSpec, _ d: inout Diagnostics) {
        guard !raw.messageBundles.isEmpty else { return }
        checkUnique(raw.messageBundles.map { ($0.locale, $0.origin.location) }, "message bundle locale", &d)
        let defaults = raw.messageBundles.filter(\.isDefault)
        guard let base = defaults.first else {
            let first = raw.messageBundles.map(\.origin.location).min() ?? raw.messageBundles[0].origin.location
            d.error(.missingKey, "no default message bundle: one bundle of Spec/messages/ must say 'default: true'", at: first)
            return
        }
        for extra in defaults.dropFirst() {
            d.error(.duplicate, "a second default message bundle '\(extra.locale)' (the default one is '\(base.locale)')", at: extra.origin.location)
        }
        let known = Set(base.entries.map(\.key))
        for bundle in raw.messageBundles where !bundle.isDefault {
            for (index, entry) in bundle.entries.enumerated() where !known.contains(entry.key) {
                d.error(.unknownMessageKey, notIn(entry.key, "message key", "the default bundle '\(base.locale)'", candidates: known),
                        at: bundle.keyLocations[index])
            }
        }
        for directory in raw.directories {
            for entry in directory.entries {
                guard let index = entry.values.firstIndex(where: { $0.field == "label" }) else { continue }
                let label = entry.values[index].value
                if label.hasPrefix("label."), !known.contains(label) {
                    d.error(.unknownMessageKey, notIn(label, "label key", "the default message bundle '\(base.locale)'", candidates: known),
                            at: entry.valueLocations[index])
                }
            }
        }
    }
}
