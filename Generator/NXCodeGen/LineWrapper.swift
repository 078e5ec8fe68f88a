/// Wraps rendered Swift lines to a width, the way a reviewer would format them by hand:
/// the first bracketed list that has several elements goes one element per line (argument and parameter lists,
/// array literals), recursively; a string literal still too long becomes a multi-line literal whose lines end in
/// `\` (no newline is added to the value); doc comments wrap between words.
enum LineWrapper {
    /// Lines of generated Swift are at most this long.
    static let width = 120

    /// `line` (with its indentation) as one or more lines of at most `width` characters where the code allows it.
    static func wrap(_ line: String) -> [String] {
        guard line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let code = String(line.dropFirst(indent.count))
        if code.hasPrefix("///") { return wrapComment(code, marker: "///", indent: indent) }
        if code.hasPrefix("//") { return wrapComment(code, marker: "//", indent: indent) }
        let scanned = Scan(code)
        if let group = scanned.groups.first(where: { $0.commas.count > 0 }) {
            return split(code, group, indent: indent).flatMap(wrap)
        }
        // No list to spread: a long literal is broken first (putting a lone argument on its own line reads badly).
        if let literal = scanned.strings.max(by: { $0.count < $1.count }), literal.count > 24, indent.count + 4 < width - 60 {
            return breakString(code, literal, indent: indent)
        }
        if let group = scanned.groups.filter({ $0.close - $0.open > 1 }).max(by: { $0.close - $0.open < $1.close - $1.open }) {
            return split(code, group, indent: indent).flatMap(wrap)
        }
        if scanned.groups.isEmpty, scanned.strings.isEmpty, code.contains(" & ") {
            // A protocol composition: one protocol per line.
            let parts = code.components(separatedBy: " & ")
            return [indent + parts[0]] + parts.dropFirst().map { indent + "    & " + $0 }
        }
        return [line]
    }

    /// Splits the bracket group: head up to the opening bracket, one element per line, the closing bracket and the rest.
    static func split(_ code: String, _ group: Scan.Group, indent: String) -> [String] {
        let chars = Array(code)
        let head = String(chars[..<(group.open + 1)])
        let tail = group.close < chars.count ? String(chars[group.close...]) : ""
        var bounds = [group.open + 1] + group.commas.map { $0 + 1 } + [group.close]
        bounds = Array(bounds)
        var items: [String] = []
        for index in 0..<(bounds.count - 1) {
            let end = index + 1 < bounds.count - 1 ? bounds[index + 1] - 1 : bounds[index + 1]
            let item = String(chars[bounds[index]..<end]).trimmingSpaces
            if !item.isEmpty { items.append(item) }
        }
        let open = group.close == chars.count
        let trailingComma = chars[group.open] == "[" && !open
        var lines = [indent + head]
        for (index, item) in items.enumerated() {
            let comma = index < items.count - 1 || trailingComma ? "," : ""
            lines.append(indent + "    " + item + comma)
        }
        if !open { lines.append(indent + tail) }
        return lines
    }

    /// Turns the string literal at `range` into a multi-line literal with escaped line ends.
    static func breakString(_ code: String, _ literal: Range<Int>, indent: String) -> [String] {
        let chars = Array(code)
        let before = String(chars[..<literal.lowerBound])
        let after = String(chars[literal.upperBound...])
        let inner = Array(chars[(literal.lowerBound + 1)..<(literal.upperBound - 1)])
        let pad = indent + "    "
        let room = max(40, width - pad.count - 1)
        var lines = [indent + before + "\"\"\""]
        var start = 0
        while start < inner.count {
            var end = min(inner.count, start + room)
            if end < inner.count {
                end = betweenWords(inner, from: start, to: safeBreak(inner, from: start, proposed: end))
            }
            var piece = String(inner[start..<end])
            if end < inner.count { piece += "\\" }
            lines.append(pad + piece)
            start = end
        }
        lines.append(pad + "\"\"\"" + after)
        return lines
    }

    /// A break position at or before `proposed` that does not split an escape sequence (`\"`, `\\`, `\u{…}`, `\(…)`)
    /// and does not leave a space before the line-ending backslash (it would still be kept, but reads badly).
    static func safeBreak(_ text: [Character], from start: Int, proposed: Int) -> Int {
        var index = start
        var lastSafe = start
        while index < proposed {
            if text[index] == "\\", index + 1 < text.count {
                var end = index + 2
                if text[index + 1] == "u" || text[index + 1] == "(" {
                    let close: Character = text[index + 1] == "u" ? "}" : ")"
                    while end < text.count, text[end - 1] != close { end += 1 }
                }
                if end > proposed { break }
                index = end
            } else {
                index += 1
            }
            if index <= proposed, index > start, text[index - 1] != " " { lastSafe = index }
        }
        return lastSafe > start ? lastSafe : max(start + 1, index)
    }

    /// `end`, or the last space of the second half of `start..<end` when there is one outside interpolations: the line
    /// then breaks between words and the space starts the next line.
    static func betweenWords(_ text: [Character], from start: Int, to end: Int) -> Int {
        let chunk = text[start..<end]
        guard !String(chunk).contains("\\("), let space = chunk.lastIndex(of: " "), space > start + (end - start) / 2 else { return end }
        return space
    }

    /// A `///` or `//` comment wrapped between words; a list item's continuation lines are indented under its text.
    static func wrapComment(_ code: String, marker: String, indent: String) -> [String] {
        var text = code.dropFirst(marker.count)
        if text.first == " " { text.removeFirst() }
        let leading = String(text.prefix { $0 == " " })
        text = text.dropFirst(leading.count)
        let hanging = leading + (text.hasPrefix("- ") ? "  " : "")
        var lines: [String] = []
        var current = leading
        var currentIsEmpty = true
        let room = width - indent.count - marker.count - 1
        // A word wider than a line (a long URL or markup run) is cut: doc comments are for reading, the width is a rule.
        let widest = max(room - hanging.count, 16)
        var words: [Substring] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var rest = word
            while rest.count > widest {
                words.append(rest.prefix(widest))
                rest = rest.dropFirst(widest)
            }
            words.append(rest)
        }
        for word in words {
            if !currentIsEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = hanging + word
            } else {
                current += (currentIsEmpty ? "" : " ") + word
            }
            currentIsEmpty = false
        }
        lines.append(current)
        return lines.map { indent + marker + " " + $0 }
    }

    /// Bracket groups (outside string literals) and string literals of one line of code.
    struct Scan {
        /// A bracketed list at nesting depth 0 with the positions of its top-level commas.
        struct Group {
            var open: Int
            var close: Int
            var commas: [Int]
        }

        var groups: [Group] = []
        /// Ranges of string literals, quotes included (interpolations are skipped as part of the literal).
        var strings: [Range<Int>] = []

        init(_ code: String) {
            let chars = Array(code)
            var stack: [(Int, [Int])] = []
            var index = 0
            while index < chars.count {
                let c = chars[index]
                if c == "\"" {
                    let end = Self.endOfString(chars, from: index)
                    strings.append(index..<end)
                    index = end
                    continue
                }
                if c == "(" || c == "[" || c == "{" {
                    stack.append((index, []))
                } else if c == ")" || c == "]" || c == "}" {
                    if let (open, commas) = stack.popLast(), stack.isEmpty, c != "}" {
                        groups.append(Group(open: open, close: index, commas: commas))
                    }
                } else if c == ",", stack.count == 1, chars[stack[0].0] != "{" {
                    stack[0].1.append(index)
                }
                index += 1
            }
            // A list left open at the end of the line (`f(a, b, items: [`): its elements so far can still go one per line.
            if let (open, commas) = stack.first, chars[open] != "{", !commas.isEmpty {
                groups.append(Group(open: open, close: chars.count, commas: commas))
            }
        }

        /// The index after the closing quote of the literal starting at `start`.
        static func endOfString(_ chars: [Character], from start: Int) -> Int {
            var index = start + 1
            while index < chars.count {
                switch chars[index] {
                case "\\":
                    if index + 1 < chars.count, chars[index + 1] == "(" {
                        var depth = 0
                        index += 1
                        while index < chars.count {
                            if chars[index] == "(" { depth += 1 }
                            if chars[index] == ")" { depth -= 1; if depth == 0 { break } }
                            if chars[index] == "\"" { index = endOfString(chars, from: index) - 1 }
                            index += 1
                        }
                        index += 1
                    } else {
                        index += 2
                    }
                case "\"":
                    return index + 1
                default:
                    index += 1
                }
            }
            return chars.count
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
