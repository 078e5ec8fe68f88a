/// Nuxeo's fulltext syntax (words ANDed, `OR` between groups, `-word` excluded, `prefix*`, `"phrases"`) as an FTS5 query.
public enum FulltextQuery {
    enum Term: Equatable {
        case word(String, prefix: Bool)
        case phrase(String)
        case or
        case not(String, prefix: Bool)
    }

    /// The FTS5 MATCH expression, or nil when nothing can match (empty query, or a group of only exclusions).
    public static func fts5(_ text: String) -> String? {
        var rendered: [String] = []
        for group in groups(text) {
            let positives = group.compactMap { term -> String? in
                switch term {
                case .word(let w, let prefix): return quote(w) + (prefix ? "*" : "")
                case .phrase(let p): return quote(p)
                default: return nil
                }
            }
            guard !positives.isEmpty else { continue }
            var expression = "(" + positives.joined(separator: " AND ") + ")"
            for case .not(let w, let prefix) in group { expression += " NOT " + quote(w) + (prefix ? "*" : "") }
            rendered.append("(\(expression))")
        }
        return rendered.isEmpty ? nil : rendered.joined(separator: " OR ")
    }

    /// The query's terms in its `OR` groups (terms of one group are ANDed).
    static func groups(_ text: String) -> [[Term]] {
        var groups: [[Term]] = [[]]
        for term in terms(text) {
            if term == .or { groups.append([]) } else { groups[groups.count - 1].append(term) }
        }
        return groups
    }

    static func quote(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Splits the query into terms; punctuation inside words separates them, as Nuxeo's analyzer does.
    static func terms(_ text: String) -> [Term] {
        var result: [Term] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace {
                chars.removeFirst()
            } else if c == "\"" {
                chars.removeFirst()
                let end = chars.firstIndex(of: "\"") ?? chars.endIndex
                let phrase = words(String(chars[chars.startIndex..<end])).joined(separator: " ")
                if !phrase.isEmpty { result.append(.phrase(phrase)) }
                chars = end < chars.endIndex ? chars[chars.index(after: end)...] : chars[chars.endIndex...]
            } else {
                let end = chars.firstIndex(where: \.isWhitespace) ?? chars.endIndex
                var token = String(chars[chars.startIndex..<end])
                chars = chars[end...]
                if token == "OR" {
                    result.append(.or)
                    continue
                }
                let negated = token.hasPrefix("-")
                if negated { token.removeFirst() }
                let prefix = token.hasSuffix("*")
                if prefix { token.removeLast() }
                let parts = words(token)
                for (i, part) in parts.enumerated() {
                    let isLast = i == parts.count - 1
                    result.append(negated ? .not(part, prefix: prefix && isLast) : .word(part, prefix: prefix && isLast))
                }
            }
        }
        return result
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}
