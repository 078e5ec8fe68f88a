import Foundation
import Yams

extension SpecParser {
    static func parseScenarios(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "scenarios must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("a scenario", allowed: ["id", "description", "requires", "steps"], required: ["id", "steps"], d: &d),
                  let idNode = f["id"], let id = idNode.string("id", &d)
            else { continue }
            checkName(id, "scenario id", at: idNode.location, &d)
            var steps: [StepDef] = []
            var captured = Set<String>()
            for stepNode in f["steps"]?.items ?? [] {
                if let step = parseStep(stepNode, &d) {
                    for name in captureReferences(step) where !captured.contains(name) {
                        d.unknown(.unknownCapture, kind: "capture", name: name, candidates: captured, at: step.location)
                    }
                    captured.formUnion(step.captures.map(\.0))
                    steps.append(step)
                }
            }
            if let s = f["steps"], s.items == nil { d.error(.wrongNodeKind, "steps must be a sequence, found \(s.kindName)", at: s.location) }
            var scenario = ScenarioDef(id: id, description: f["description"]?.string("description", &d) ?? "", steps: steps,
                                       origin: origin(node.file, id, idNode.location))
            if let requiresNode = f["requires"],
               let r = requiresNode.fields("requires", allowed: ["why", "step"], required: ["why", "step"], d: &d),
               let why = r["why"]?.string("why", &d), let stepNode = r["step"], let step = parseStep(stepNode, &d) {
                if !step.captures.isEmpty || !captureReferences(step).isEmpty {
                    d.error(.conflictingKeys, "a 'requires' step stands alone: no captures", at: step.location)
                }
                scenario.requires = (why, step)
            }
            raw.scenarios.append(scenario)
        }
    }

    static func parseStep(_ node: SpecNode, _ d: inout Diagnostics) -> StepDef? {
        guard let f = node.fields("a step", allowed: ["request", "expect", "capture", "poll"], required: ["request", "expect"], d: &d),
              let requestNode = f["request"], let expectNode = f["expect"],
              let r = requestNode.fields("request", allowed: ["method", "path", "headers", "query", "body", "text", "file", "auth"],
                                         required: ["method", "path"], d: &d),
              let e = expectNode.fields("expect", allowed: ["status", "body", "text", "length", "md5", "forbidFields", "requireHeaders",
                                                            "pdfPages", "imageSize"],
                                        required: ["status"], d: &d)
        else { return nil }
        let method = r["method"]?.string("method", &d) ?? "GET"
        if let m = r["method"], !methods.contains(method) {
            d.unknown(.invalidMethod, kind: "HTTP method", name: method, candidates: methods, at: m.location)
        }
        var auth = StepAuth.default
        if let a = r["auth"] {
            if a.scalar == "none" {
                auth = .none
            } else if let af = a.fields("auth", allowed: ["user", "password"], required: ["user", "password"], d: &d) {
                auth = .basic(user: af["user"]?.string("user", &d) ?? "", password: af["password"]?.string("password", &d) ?? "")
            }
        }
        let status = e["status"]?.int("status", &d) ?? 0
        if let s = e["status"], !(100...599).contains(status) { d.error(.invalidStatus, "invalid HTTP status '\(status)'", at: s.location) }
        var step = StepDef(
            method: method, path: r["path"]?.string("path", &d) ?? "/",
            headers: stringPairs(r["headers"], "headers", &d), query: stringPairs(r["query"], "query", &d),
            body: r["body"].map { json($0) }, auth: auth, status: status, expectBody: e["body"].map { json($0) },
            forbidFields: e["forbidFields"]?.strings("forbidFields", &d).map(\.0) ?? [],
            requireHeaders: stringPairs(e["requireHeaders"], "requireHeaders", &d),
            captures: stringPairs(f["capture"], "capture", &d), location: node.location)
        if [r["body"], r["text"], r["file"]].compactMap({ $0 }).count > 1 {
            d.error(.conflictingKeys, "a request takes one of 'body', 'text' and 'file'", at: requestNode.location)
        }
        step.bodyText = r["text"]?.string("text", &d)
        if let fileNode = r["file"], fileNode.pairs?.contains(where: { $0.key.scalar == "fixture" }) == true {
            if let ff = fileNode.fields("file", allowed: ["fixture"], required: ["fixture"], d: &d), let pathNode = ff["fixture"],
               let path = pathNode.string("fixture", &d) {
                let parts = path.split(separator: "/", omittingEmptySubsequences: false)
                if path.hasPrefix("/") || parts.contains("..") || parts.contains("") {
                    d.error(.invalidValue, "a fixture is a relative path inside the repository, without '..'", at: pathNode.location)
                } else {
                    step.bodyFixture = FixtureDef(path: path, location: pathNode.location)
                }
            }
        } else if let fileNode = r["file"], let ff = fileNode.fields("file", allowed: ["size", "pattern"], required: ["size"], d: &d) {
            let size = ff["size"]?.int("size", &d) ?? 0
            let pattern = ff["pattern"]?.string("pattern", &d) ?? "nx"
            if size < 0 || size > 64 << 20 { d.error(.invalidValue, "file size must be between 0 and 64 MiB", at: fileNode.location) }
            if pattern.isEmpty { d.error(.invalidValue, "file pattern must not be empty", at: fileNode.location) }
            step.bodyFile = FileBodyDef(size: size, pattern: pattern)
        }
        step.expectText = e["text"]?.string("text", &d)
        if let p = f["poll"], let attempts = p.int("poll", &d) {
            if !(1...6000).contains(attempts) { d.error(.invalidValue, "poll must be between 1 and 6000 attempts", at: p.location) }
            step.poll = attempts
        }
        step.expectLength = e["length"]?.int("length", &d)
        if let n = e["pdfPages"], let pages = n.int("pdfPages", &d) {
            if pages < 1 { d.error(.invalidValue, "pdfPages must be at least 1", at: n.location) }
            step.expectPDFPages = pages
        }
        if let n = e["imageSize"], let text = n.string("imageSize", &d) {
            let parts = text.split(separator: "x", omittingEmptySubsequences: false)
            if parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 {
                step.expectImageSize = ImageSizeDef(width: w, height: h)
            } else {
                d.error(.invalidValue, "imageSize is WIDTHxHEIGHT in pixels (e.g. 64x48), found '\(text)'", at: n.location)
            }
        }
        if let m = e["md5"], let md5 = m.string("md5", &d) {
            if md5.utf8.count != 32 || !md5.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
                d.error(.invalidValue, "md5 must be 32 lowercase hex digits", at: m.location)
            }
            step.expectMD5 = md5
        }
        return step
    }

    static func stringPairs(_ node: SpecNode?, _ what: String, _ d: inout Diagnostics) -> [(String, String)] {
        guard let node else { return [] }
        return mappingPairs(node, what, &d).compactMap { key, value in
            guard let k = key.string("a key of \(what)", &d), let v = value.string("a value of \(what)", &d) else { return nil }
            return (k, v)
        }
    }

    /// Converts YAML to JSON, typing plain scalars by YAML's core schema.
    static func json(_ node: SpecNode) -> SpecJSON {
        switch node.node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            switch node.node.tag {
            case Tag(.null): return .null
            case Tag(.bool): return .bool(Bool.construct(from: scalar) ?? false)
            case Tag(.int): return Int(scalar.string).map(SpecJSON.int) ?? .string(scalar.string)
            case Tag(.float): return Double(scalar.string).map(SpecJSON.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence:
            return .array((node.items ?? []).map(json))
        case .mapping:
            return .object((node.pairs ?? []).map { SpecJSONPair(key: $0.key.scalar ?? "", value: json($0.value)) })
        case .alias:
            return .null
        }
    }

    /// Names used as `{{name}}` in a step's request.
    static func captureReferences(_ step: StepDef) -> [String] {
        var texts = [step.path] + step.headers.map(\.1) + step.query.map(\.1)
        func collect(_ json: SpecJSON?) {
            switch json {
            case .string(let s): texts.append(s)
            case .array(let items): items.forEach(collect)
            case .object(let pairs): pairs.forEach { collect($0.value) }
            default: break
            }
        }
        collect(step.body)
        collect(step.expectBody)
        return texts.flatMap(Template.placeholders)
    }
}

/// `{{name}}` placeholders in conformance strings.
public enum Template {
    /// The placeholder names of `text`, in order.
    public static func placeholders(_ text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }
}
