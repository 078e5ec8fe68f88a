import Foundation
import NXSpec

/// Writes conformance scenarios as one JSON document, the only form they leave the generator in
/// (NXConformanceKit's `ScenarioLoader` reads it back). Deterministic: spec order, one step per line, ASCII only.
///
/// ```
/// {"scenarios": [
/// {"id": "…", "description": "…", "origin": "Spec/conformance/x.yaml#id", "steps": [
/// {"method": "GET", "path": "/id/{{id}}", "headers": [["properties", "*"]], "auth": "none", "status": 200, "location": "…"}
/// ]}
/// ]}
/// ```
/// Optional step keys (`headers`, `query`, `body`, `auth`, `expectBody`, `forbidFields`, `requireHeaders`, `captures`)
/// are left out when empty; `auth` is `"none"` or `{"user": …, "password": …}` (absent: the runner's credentials).
enum ScenarioDocument {
    /// A JSON value being laid out: scalars are already JSON text.
    indirect enum Node {
        case scalar(String)
        case array([Node])
        case object([(String, Node)])
    }

    /// The JSON text of every scenario, in the order given. With `continuation` (the line-continuation escape of
    /// the raw string literal that will hold the text, e.g. `\#`), lines are kept within `LineWrapper.width`:
    /// objects and arrays that do not fit open one member per line, and a string that does not fit continues on
    /// the next line (the escape removes the line break from the value).
    static func json(_ scenarios: [ScenarioDef], continuation: String? = nil) -> String {
        let root = Node.object([("scenarios", .array(scenarios.map(node)))])
        guard let continuation else { return compact(root) + "\n" }
        return Layout(continuation: continuation).lines(root, indent: 0, prefix: "", suffix: "").joined(separator: "\n") + "\n"
    }

    static func node(_ scenario: ScenarioDef) -> Node {
        var fields: [(String, Node)] = [
            ("id", .scalar(string(scenario.id))), ("description", .scalar(string(scenario.description))),
            ("origin", .scalar(string(scenario.origin.description))),
        ]
        if let requires = scenario.requires {
            fields.append(("requires", .object([("why", .scalar(string(requires.why))), ("step", step(requires.step))])))
        }
        fields.append(("steps", .array(scenario.steps.map(step))))
        return .object(fields)
    }

    static func step(_ step: StepDef) -> Node {
        var fields: [(String, Node)] = [("method", .scalar(string(step.method))), ("path", .scalar(string(step.path)))]
        if !step.headers.isEmpty { fields.append(("headers", pairs(step.headers))) }
        if !step.query.isEmpty { fields.append(("query", pairs(step.query))) }
        if let body = step.body { fields.append(("body", value(body))) }
        if let text = step.bodyText { fields.append(("text", .scalar(string(text)))) }
        if let file = step.bodyFile {
            fields.append(("file", .object([("size", .scalar(String(file.size))), ("pattern", .scalar(string(file.pattern)))])))
        }
        if let fixture = step.bodyFixture {
            fields.append(("file", .object([("fixture", .scalar(string(fixture.path))),
                                            ("base64", .scalar(string(Data(fixture.contents).base64EncodedString())))])))
        }
        switch step.auth {
        case .default: break
        case .none: fields.append(("auth", .scalar("\"none\"")))
        case .basic(let user, let password):
            fields.append(("auth", .object([("user", .scalar(string(user))), ("password", .scalar(string(password)))])))
        }
        fields.append(("status", .scalar(String(step.status))))
        if let body = step.expectBody { fields.append(("expectBody", value(body))) }
        if let text = step.expectText { fields.append(("expectText", .scalar(string(text)))) }
        if let length = step.expectLength { fields.append(("expectLength", .scalar(String(length)))) }
        if let md5 = step.expectMD5 { fields.append(("expectMD5", .scalar(string(md5)))) }
        if let pages = step.expectPDFPages { fields.append(("expectPDFPages", .scalar(String(pages)))) }
        if let size = step.expectImageSize {
            fields.append(("expectImageSize", .array([.scalar(String(size.width)), .scalar(String(size.height))])))
        }
        if !step.forbidFields.isEmpty { fields.append(("forbidFields", .array(step.forbidFields.map { .scalar(string($0)) }))) }
        if !step.requireHeaders.isEmpty { fields.append(("requireHeaders", pairs(step.requireHeaders))) }
        if !step.captures.isEmpty { fields.append(("captures", pairs(step.captures))) }
        if let poll = step.poll { fields.append(("poll", .scalar(String(poll)))) }
        fields.append(("location", .scalar(string(step.location.description))))
        return .object(fields)
    }

    /// Name/value pairs as an array of two-string arrays (order and repeats kept).
    static func pairs(_ items: [(String, String)]) -> Node {
        .array(items.map { .array([.scalar(string($0.0)), .scalar(string($0.1))]) })
    }

    /// A JSON value, keys in spec order.
    static func value(_ value: SpecJSON) -> Node {
        switch value {
        case .null: return .scalar("null")
        case .bool(let b): return .scalar(b ? "true" : "false")
        case .int(let i): return .scalar(String(i))
        case .double(let d):
            guard d.isFinite else { return .scalar("null") }
            return .scalar(d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : "\(d)")
        case .string(let s): return .scalar(string(s))
        case .array(let items): return .array(items.map(self.value))
        case .object(let pairs): return .object(pairs.map { ($0.key, self.value($0.value)) })
        }
    }

    /// `node` on one line.
    static func compact(_ node: Node) -> String {
        switch node {
        case .scalar(let text): return text
        case .array(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
        case .object(let pairs): return "{" + pairs.map { string($0.0) + ": " + compact($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// Width-bounded layout.
    struct Layout {
        let continuation: String

        func lines(_ node: Node, indent: Int, prefix: String, suffix: String) -> [String] {
            let pad = String(repeating: " ", count: indent)
            let oneLine = pad + prefix + compact(node) + suffix
            if oneLine.count <= LineWrapper.width { return [oneLine] }
            switch node {
            case .scalar(let text):
                return broken(text, first: pad + prefix, suffix: suffix)
            case .array(let items):
                var out = [pad + prefix + "["]
                for (index, item) in items.enumerated() {
                    out += lines(item, indent: indent + 2, prefix: "", suffix: index < items.count - 1 ? "," : "")
                }
                return out + [pad + "]" + suffix]
            case .object(let pairs):
                var out = [pad + prefix + "{"]
                for (index, pair) in pairs.enumerated() {
                    out += lines(pair.1, indent: indent + 2, prefix: string(pair.0) + ": ", suffix: index < pairs.count - 1 ? "," : "")
                }
                return out + [pad + "}" + suffix]
            }
        }

        /// A long scalar (a string) continued over lines that start at column 0, so no indentation enters the value.
        func broken(_ text: String, first: String, suffix: String) -> [String] {
            let chars = Array(text)
            var out: [String] = []
            var start = 0
            var lead = first
            while start < chars.count {
                let room = max(20, LineWrapper.width - lead.count - continuation.count)
                var end = min(chars.count, start + room)
                if end < chars.count {
                    // Between words: the space opens the next line (which starts at column 0, so it stays in the value).
                    end = LineWrapper.betweenWords(chars, from: start, to: ScenarioDocument.safeBreak(chars, from: start, proposed: end))
                }
                let piece = String(chars[start..<end])
                out.append(lead + piece + (end < chars.count ? continuation : suffix))
                lead = ""
                start = end
            }
            return out
        }
    }

    /// A position at or before `proposed` that does not split a JSON escape (`\"`, `\n`, `\u0041`).
    static func safeBreak(_ text: [Character], from start: Int, proposed: Int) -> Int {
        var index = start
        while index < proposed {
            let length = text[index] == "\\" ? (index + 1 < text.count && text[index + 1] == "u" ? 6 : 2) : 1
            if index + length > proposed { break }
            index += length
        }
        return max(index, start + 1)
    }

    /// A JSON string literal; everything outside printable ASCII is a `\u` escape (UTF-16, surrogate pairs).
    static func string(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\u005c"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
