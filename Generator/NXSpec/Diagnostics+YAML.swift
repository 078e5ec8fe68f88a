import Yams

/// Turns Yams/libyaml failures into diagnostics that lead with the cause in plain words: indentation
/// mistakes say so, duplicate keys point at the duplicate with a note at the first occurrence.
enum YAMLDiagnostics {
    /// The diagnostic for a file that does not parse.
    static func diagnostic(for error: YamlError, in file: SpecFile) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file.path, line: mark.line, column: mark.column)
            let contextLocation = context.map { SourceLocation(file: file.path, line: $0.mark.line, column: $0.mark.column) }
            return syntax(problem: problem, context: context?.text, contextLocation: contextLocation, at: location, text: file.text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKey(duplicates, firstAt: context.mark, in: file)
        default:
            return Diagnostic(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: file.path, line: 1, column: 1))
        }
    }

    /// A libyaml scanner or parser error, reworded when it is an indentation mistake.
    static func syntax(
        problem: String, context: String?, contextLocation: SourceLocation?, at location: SourceLocation, text: String
    ) -> Diagnostic {
        let raw = context.map { "\(problem) \($0)" } ?? problem
        var notes: [DiagnosticNote] = []
        let plain: String?
        switch problem {
        case "found character that cannot start any token" where line(location.line, of: text).contains("\t"):
            plain = "a tab character indents or separates this line; YAML indents with spaces only"
        case "mapping values are not allowed in this context":
            plain = "bad indentation: a key is indented deeper than the key above it (or a plain value contains ': ')"
        case "did not find expected key":
            plain = "bad indentation: this line is not aligned with the other keys of its mapping"
            if let contextLocation { notes.append(DiagnosticNote("the mapping starts here", at: contextLocation)) }
        case "did not find expected '-' indicator":
            plain = "bad indentation: this line is not aligned with the other items of its list"
            if let contextLocation { notes.append(DiagnosticNote("the list starts here", at: contextLocation)) }
        case "block sequence entries are not allowed in this context":
            plain = "bad indentation: a '- ' list item where a value was expected"
        case "could not find expected ':'":
            plain = "a key without ':' (or a value continued on a line indented like a key)"
            if let contextLocation { notes.append(DiagnosticNote("the key starts here", at: contextLocation)) }
        default:
            plain = nil
        }
        let message = plain.map { "\($0) (libyaml: \(raw))" } ?? "invalid YAML: \(raw)"
        return Diagnostic(.yamlSyntax, message, at: location, notes: notes)
    }

    /// A duplicate key: located at the second occurrence, with a note at the first.
    static func duplicateKey(_ names: [String], firstAt mark: Mark, in file: SpecFile) -> Diagnostic {
        let first = SourceLocation(file: file.path, line: mark.line, column: mark.column)
        let name = names.first ?? "?"
        let others = names.dropFirst()
        let also = others.isEmpty ? "" : " (also duplicated in that mapping: \(others.joined(separator: ", ")))"
        guard let second = duplicateLocation(of: name, firstLine: mark.line, column: mark.column, in: file.text) else {
            return Diagnostic(.yamlSyntax, "duplicate key '\(name)' in a mapping\(also)", at: first)
        }
        return Diagnostic(.yamlSyntax, "duplicate key '\(name)' in a mapping\(also)",
                          at: SourceLocation(file: file.path, line: second.line, column: second.column),
                          notes: [DiagnosticNote("'\(name)' is first written here", at: first)])
    }

    /// Finds the second occurrence of key `name` in the mapping whose key starts at `firstLine`:`column`:
    /// later on the same line (flow mapping), or on a later line at the same indentation before the
    /// mapping ends (block mapping).
    static func duplicateLocation(of name: String, firstLine: Int, column: Int, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard firstLine >= 1, firstLine <= lines.count else { return nil }
        let spellings = [name, "\"\(name)\"", "'\(name)'"].map(Array.init)
        func keyAt(_ chars: [Character], _ start: Int) -> Bool {
            spellings.contains { spelling in
                guard start + spelling.count <= chars.count, Array(chars[start..<start + spelling.count]) == spelling else { return false }
                let rest = chars[(start + spelling.count)...].drop { $0 == " " }
                return rest.first == ":"
            }
        }
        // Flow mapping: `{ a: 1, a: 2 }` on the first line.
        let first = lines[firstLine - 1]
        var index = column
        while index < first.count {
            if first[index] == "," || first[index] == "{" {
                let start = first[(index + 1)...].firstIndex { $0 != " " } ?? first.count
                if keyAt(first, start) { return (firstLine, start + 1) }
            }
            index += 1
        }
        // Block mapping: later lines at the same indentation, until a line indented less.
        for number in firstLine..<lines.count {
            let chars = lines[number]
            guard let start = chars.firstIndex(where: { $0 != " " }), chars[start] != "#" else { continue }
            if start + 1 < column { return nil }
            if start + 1 == column, keyAt(chars, start) { return (number + 1, column) }
        }
        return nil
    }

    static func line(_ number: Int, of text: String) -> Substring {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }
}
