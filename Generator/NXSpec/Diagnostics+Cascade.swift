/// Knock-on suppression: when a file does not parse, its definitions are missing, and every reference
/// to them elsewhere would be reported as "unknown …". Those errors follow from the root cause, so they
/// are folded into notes under the root error instead of being reported on their own.
extension Diagnostics {
    /// Codes of errors that a missing definition can cause.
    static let knockOnCodes: Set<DiagnosticCode> = [
        .unknownEntity, .unknownSchema, .unknownDocType, .unknownFacet, .unknownType, .unknownHeader, .unknownLifecycle,
        .unknownDirectory, .unknownSchemaField, .unknownMessageKey, .missingKey,
    ]

    /// Folds into the root error of each file in `unparsed` every knock-on error whose subject is
    /// written in that file's text (so the file would probably have defined it). Other errors stay.
    public mutating func suppressKnockOns(of unparsed: [SpecFile]) {
        guard !unparsed.isEmpty else { return }
        var kept: [Diagnostic] = []
        var folded: [String: [Diagnostic]] = [:]
        for diagnostic in all {
            guard diagnostic.severity == .error, Self.knockOnCodes.contains(diagnostic.code),
                  let subject = diagnostic.subject ?? Self.firstQuoted(in: diagnostic.message),
                  let file = unparsed.first(where: { Self.text($0.text, mentions: subject) })
            else {
                kept.append(diagnostic)
                continue
            }
            folded[file.path, default: []].append(diagnostic)
        }
        for (path, knockOns) in folded {
            guard let index = kept.firstIndex(where: { $0.code == .yamlSyntax && $0.location.file == path }) else {
                kept += knockOns
                continue
            }
            kept[index].notes += Self.summary(of: knockOns)
        }
        all = kept
    }

    /// One note per distinct message (first place, how many more), in source order.
    static func summary(of knockOns: [Diagnostic]) -> [DiagnosticNote] {
        var byMessage: [String: [Diagnostic]] = [:]
        for diagnostic in knockOns { byMessage[diagnostic.message, default: []].append(diagnostic) }
        return byMessage.values.map { $0.sorted() }.sorted { ($0[0].location, $0[0].message) < ($1[0].location, $1[0].message) }
            .map { group in
                let more = group.count > 1 ? " and \(group.count - 1) more like it" : ""
                return DiagnosticNote("suppressed knock-on error[\(group[0].code.rawValue)]: \(group[0].message)\(more); "
                                      + "it is probably defined in the file that does not parse", at: group[0].location)
            }
    }

    /// The first `'…'` quoted name of a message.
    static func firstQuoted(in message: String) -> String? {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// True when `name` occurs in `text` as a whole name (not inside a longer identifier).
    static func text(_ text: String, mentions name: String) -> Bool {
        guard !name.isEmpty else { return false }
        let identifier: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == ":" }
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: name, range: searchRange) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            // A trailing '.' or ':' ends a sentence or a key; only letters, digits, '_' and '-' continue a name.
            let continues: (Character?) -> Bool = { $0.map { identifier($0) && $0 != "." && $0 != ":" } ?? false }
            if !continues(before), !continues(after) { return true }
            searchRange = range.upperBound..<text.endIndex
        }
        return false
    }
}
