/// Swift names for spec names.
enum Naming {
    static let keywords: Set<String> = [
        "default", "case", "class", "enum", "extension", "func", "import", "init", "let", "protocol", "public", "return",
        "self", "static", "struct", "subscript", "switch", "var", "where", "while", "type", "in", "is", "as", "repeat",
        "operator", "internal", "private", "true", "false", "nil", "do", "for", "if", "else", "guard", "throw", "try",
    ]

    /// `X-Versioning-Option` → `xVersioningOption`, `entity-type` → `entityType`, `dc:title` → `dcTitle`.
    static func lowerCamel(_ name: String) -> String {
        let parts = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let first = parts.first else { return "_" }
        var result = first.allSatisfy({ $0.isUppercase || $0.isNumber }) ? first.lowercased() : lowerFirst(first)
        for part in parts.dropFirst() { result += upperFirst(part.allSatisfy({ $0.isUppercase }) ? part.lowercased() : part) }
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// `getDocument` → `GetDocument`, `sortOrder` → `SortOrder`.
    static func upperCamel(_ name: String) -> String { upperFirst(lowerCamel(name)) }

    /// An identifier usable as a Swift property or case name.
    static func identifier(_ name: String) -> String {
        let camel = lowerCamel(name)
        return keywords.contains(camel) ? "`\(camel)`" : camel
    }

    /// `identifier` as an argument label of a call: only `inout`, `var` and `let` need backticks there.
    static func argumentLabel(_ identifier: String) -> String {
        let bare = identifier.replacingOccurrences(of: "`", with: "")
        return ["inout", "var", "let"].contains(bare) ? identifier : bare
    }

    static func upperFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
    static func lowerFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }

    /// A Swift string literal for `text`.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
