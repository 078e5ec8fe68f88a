import Foundation

/// Converters: unique names, chains naming known converters without cycles, and each chain step able to read what the
/// step before it writes.
extension SpecValidator {
    static func checkConverters(_ raw: RawSpec, _ d: inout Diagnostics) {
        checkUnique(raw.converters.map { ($0.name, $0.origin.location) }, "converter", &d)
        for converter in raw.converters { checkUnique(converter.params.map { ($0.name, $0.location) }, "parameter of converter '\(converter.name)'", &d) }
        let byName = Dictionary(raw.converters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (name, location) in raw.converterRefs where byName[name] == nil {
            d.unknown(.unknownConverter, kind: "converter", name: name, candidates: byName.keys.sorted(), at: location)
        }
        for converter in raw.converters {
            guard case .chain(let steps) = converter.run else { continue }
            // A chain of chains must end: no converter reached again on the way down.
            var seen: Set<String> = [converter.name]
            var pending = steps
            var cyclic = false
            while let next = pending.popLast(), !cyclic {
                if seen.contains(next) { cyclic = true; break }
                seen.insert(next)
                if case .chain(let inner)? = byName[next]?.run { pending += inner }
            }
            if cyclic { d.error(.unknownConverter, "converter chain '\(converter.name)' runs into itself", at: converter.origin.location) }
            // Each step reads what the one before writes.
            for (previous, next) in zip(steps, steps.dropFirst()) {
                guard let written = byName[previous]?.destinationMimeType, let reader = byName[next] else { continue }
                if !ConverterMime.accepts(reader.sourceMimeTypes, written) {
                    d.error(.invalidValue, "in the chain '\(converter.name)', '\(next)' does not accept \(written), which '\(previous)' writes",
                            at: converter.origin.location)
                }
            }
        }
    }
}

/// Mime type patterns of converters.
public enum ConverterMime {
    /// Whether one of `patterns` (`type/subtype`, `type/*`, `*`) accepts `mimeType` (parameters after `;` ignored).
    public static func accepts(_ patterns: [String], _ mimeType: String) -> Bool {
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return patterns.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern == "*" || pattern == type { return true }
            if pattern.hasSuffix("/*") { return type.hasPrefix(pattern.dropLast()) }
            return false
        }
    }
}
