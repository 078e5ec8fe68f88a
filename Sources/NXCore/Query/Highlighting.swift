import NXRuntime

/// Search highlights, as Nuxeo's Elasticsearch page providers return them (`highlight=dc:title.fulltext,…`): for each
/// requested field, fragments of that field's own value with every query term wrapped in `<em>…</em>`
/// (`requireFieldMatch` false: a term counts in any highlighted field), at most 5 fragments of about 100 characters,
/// in text order (Elasticsearch's defaults). Fields without a match get no entry.
public enum Highlighting {
    /// Fragment size in characters (Elasticsearch's `fragment_size`).
    static let fragmentSize = 100
    /// Fragments per field (Elasticsearch's `number_of_fragments`).
    static let maxFragments = 5
    static let open = "<em>", close = "</em>"

    /// The texts a highlight field names in `properties`: `dc:title.fulltext` and `dc:title` both name `dc:title`'s value
    /// (each string of a list separately); `ecm:fulltext` names the document's whole indexed text.
    static func texts(of field: String, in properties: JSONObject) -> [String] {
        let xpath = field.hasSuffix(".fulltext") ? String(field.dropLast(".fulltext".count)) : field
        if xpath == "ecm:fulltext" { return [FulltextText.extract(properties).text].filter { !$0.isEmpty } }
        switch properties[xpath] {
        case .string(let s)?: return s.isEmpty ? [] : [s]
        case .array(let items)?: return items.compactMap { $0.stringValue }.filter { !$0.isEmpty }
        default: return []
        }
    }

    /// Cuts a value highlighted whole (markers around matches) into fragments holding at least one match.
    static func fragments(_ marked: String) -> [String] {
        // Plain characters and the ranges of the marked matches.
        var plain: [Character] = []
        var matches: [Range<Int>] = []
        var rest = Substring(marked)
        var matchStart: Int?
        while !rest.isEmpty {
            if rest.hasPrefix(open) {
                matchStart = plain.count
                rest = rest.dropFirst(open.count)
            } else if rest.hasPrefix(close), let start = matchStart {
                matches.append(start..<plain.count)
                matchStart = nil
                rest = rest.dropFirst(close.count)
            } else {
                plain.append(rest.removeFirst())
            }
        }
        guard !matches.isEmpty else { return [] }
        if plain.count <= fragmentSize { return [marked] }
        var result: [String] = []
        var start = 0
        while start < plain.count, result.count < maxFragments {
            var end = min(start + fragmentSize, plain.count)
            if end < plain.count, let space = plain[start..<end].lastIndex(where: \.isWhitespace), space > start { end = space }
            if let cut = matches.first(where: { $0.contains(end) && $0.lowerBound < end }) { end = cut.upperBound }
            let inside = matches.filter { $0.lowerBound >= start && $0.lowerBound < end }
            if !inside.isEmpty {
                var text = ""
                var cursor = start
                for match in inside {
                    text += String(plain[cursor..<match.lowerBound]) + open + String(plain[match.lowerBound..<min(match.upperBound, end)]) + close
                    cursor = min(match.upperBound, end)
                }
                text += String(plain[cursor..<end])
                result.append(text.trimmingWhitespace)
            }
            start = end
        }
        return result
    }
}

extension FulltextQuery {
    /// An FTS5 expression matching any positive term of the query (words, prefixes, phrases; exclusions dropped), to find
    /// every occurrence to highlight; nil when there is none.
    public static func anyTerm(_ text: String) -> String? {
        let positives = terms(text).compactMap { term -> String? in
            switch term {
            case .word(let w, let prefix): return quote(w) + (prefix ? "*" : "")
            case .phrase(let p): return quote(p)
            default: return nil
            }
        }
        return positives.isEmpty ? nil : positives.joined(separator: " OR ")
    }
}
