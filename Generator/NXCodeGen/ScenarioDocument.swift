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
    /// The JSON text of every scenario, in the order given.
    static func json(_ scenarios: [ScenarioDef]) -> String {
        var out = "{\"scenarios\": ["
        for (index, scenario) in scenarios.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "{\"id\": \(string(scenario.id)), \"description\": \(string(scenario.description)), "
                + "\"origin\": \(string(scenario.origin.description)), \"steps\": ["
            for (stepIndex, step) in scenario.steps.enumerated() {
                out += stepIndex == 0 ? "\n" : ",\n"
                out += self.step(step)
            }
            out += "\n]}"
        }
        return out + "\n]}\n"
    }

    static func step(_ step: StepDef) -> String {
        var fields = ["\"method\": \(string(step.method))", "\"path\": \(string(step.path))"]
        if !step.headers.isEmpty { fields.append("\"headers\": \(pairs(step.headers))") }
        if !step.query.isEmpty { fields.append("\"query\": \(pairs(step.query))") }
        if let body = step.body { fields.append("\"body\": \(value(body))") }
        switch step.auth {
        case .default: break
        case .none: fields.append("\"auth\": \"none\"")
        case .basic(let user, let password): fields.append("\"auth\": {\"user\": \(string(user)), \"password\": \(string(password))}")
        }
        fields.append("\"status\": \(step.status)")
        if let body = step.expectBody { fields.append("\"expectBody\": \(value(body))") }
        if !step.forbidFields.isEmpty { fields.append("\"forbidFields\": [\(step.forbidFields.map(string).joined(separator: ", "))]") }
        if !step.requireHeaders.isEmpty { fields.append("\"requireHeaders\": \(pairs(step.requireHeaders))") }
        if !step.captures.isEmpty { fields.append("\"captures\": \(pairs(step.captures))") }
        fields.append("\"location\": \(string(step.location.description))")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Name/value pairs as an array of two-string arrays (order and repeats kept).
    static func pairs(_ items: [(String, String)]) -> String {
        "[" + items.map { "[\(string($0.0)), \(string($0.1))]" }.joined(separator: ", ") + "]"
    }

    /// A JSON value, compact, keys in spec order.
    static func value(_ value: SpecJSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            guard d.isFinite else { return "null" }
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : "\(d)"
        case .string(let s): return string(s)
        case .array(let items): return "[" + items.map(self.value).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { string($0.key) + ":" + self.value($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal; everything outside printable ASCII is a `\u` escape (UTF-16, surrogate pairs).
    static func string(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
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
