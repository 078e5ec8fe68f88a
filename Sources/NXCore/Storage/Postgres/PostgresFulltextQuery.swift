import Foundation

/// Nuxeo's fulltext syntax as a PostgreSQL `tsquery` (config `simple`): words ANDed (`&`), `OR` between groups (`|`),
/// `-word` excluded (`!`), `prefix*` (`:*`), `"phrases"` (`<->`), for the `nx_fulltext` configuration (which removes
/// accents and lower-cases, on both sides). Terms are split exactly as for FTS5 (`FulltextQuery.terms`) and always
/// quoted, so no query text reaches `to_tsquery` as an operator.
public enum PostgresFulltextQuery {
    /// The `tsquery` text, or nil when nothing can match (empty query, or a group of only exclusions).
    public static func tsquery(_ text: String) -> String? {
        var rendered: [String] = []
        for group in FulltextQuery.groups(text) {
            var parts = group.compactMap(positive)
            guard !parts.isEmpty else { continue }
            for case .not(let word, let prefix) in group { parts.append("!" + lexeme(word, prefix: prefix)) }
            rendered.append("(" + parts.joined(separator: " & ") + ")")
        }
        return rendered.isEmpty ? nil : rendered.joined(separator: " | ")
    }

    /// A `tsquery` matching any positive term of the query (for highlighting); nil when there is none.
    public static func anyTerm(_ text: String) -> String? {
        let parts = FulltextQuery.terms(text).compactMap(positive)
        return parts.isEmpty ? nil : parts.joined(separator: " | ")
    }

    private static func positive(_ term: FulltextQuery.Term) -> String? {
        switch term {
        case .word(let word, let prefix): return lexeme(word, prefix: prefix)
        case .phrase(let phrase):
            let words = FulltextQuery.words(phrase).map { lexeme($0, prefix: false) }
            return words.isEmpty ? nil : "(" + words.joined(separator: " <-> ") + ")"
        default: return nil
        }
    }

    /// A quoted lexeme: letters and digits only (as `FulltextQuery.words` splits them; `to_tsquery` folds it).
    static func lexeme(_ word: String, prefix: Bool) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "''") + "'" + (prefix ? ":*" : "")
    }
}
