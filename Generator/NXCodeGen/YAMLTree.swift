/// A YAML document as a tree of ordered maps, lists and scalars, rendered in block style by one renderer.
/// The OpenAPI emitter builds this tree instead of concatenating indented text.
indirect enum YAMLTree: Equatable {
    /// A string, written single-quoted.
    case string(String)
    /// A scalar written as is (numbers, booleans, `null`).
    case plain(String)
    /// A mapping, keys in the given order.
    case map([(String, YAMLTree)])
    /// A sequence.
    case list([YAMLTree])

    static func == (a: YAMLTree, b: YAMLTree) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.plain(let x), .plain(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// An integer scalar.
    static func int(_ value: Int) -> YAMLTree { .plain(String(value)) }
    /// A boolean scalar.
    static func bool(_ value: Bool) -> YAMLTree { .plain(value ? "true" : "false") }

    /// The block-style text of this tree as the value of a document root (a map or list), each line ending in `\n`.
    func rendered() -> String {
        var out = ""
        render(into: &out, indent: 0)
        return out
    }

    /// Writes this map or list at `indent`; scalars are written by their parent.
    private func render(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let entries):
            for (key, value) in entries {
                out += pad + Self.key(key) + ":"
                value.renderValue(into: &out, indent: indent + 2)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                switch item {
                case .map(let entries) where !entries.isEmpty:
                    // The first entry shares the dash's line: `- name: x`.
                    var nested = ""
                    item.render(into: &nested, indent: indent + 2)
                    out += " " + nested.dropFirst(indent + 2)
                default:
                    item.renderValue(into: &out, indent: indent + 2)
                }
            }
        case .string, .plain:
            renderValue(into: &out, indent: indent)
        }
    }

    /// Writes this value after a `key:` or `-` already on the line.
    private func renderValue(into out: inout String, indent: Int) {
        switch self {
        case .string(let text): out += " " + Self.quote(text) + "\n"
        case .plain(let text): out += " " + text + "\n"
        case .map(let entries) where entries.isEmpty: out += " {}\n"
        case .list(let items) where items.isEmpty: out += " []\n"
        case .map, .list:
            out += "\n"
            render(into: &out, indent: indent)
        }
    }

    /// `'text'`, quotes doubled.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A key, plain when it is a simple word (`$ref`, `entity-type`, `x-nx`), quoted otherwise (paths, statuses, `@prefix`).
    static func key(_ key: String) -> String {
        guard let first = key.unicodeScalars.first, first == "$" || first == "_" || KeyCharacters.asciiLetters.contains(first),
              key.unicodeScalars.allSatisfy({ KeyCharacters.asciiWord.contains($0) })
        else { return quote(key) }
        return key
    }
}

/// The ASCII character classes keys are checked against.
private enum KeyCharacters {
    static let asciiLetters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
    static let asciiWord = asciiLetters.union("0123456789_-.$/".unicodeScalars)
}
