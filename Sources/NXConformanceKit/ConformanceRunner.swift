import Crypto
import Foundation
import NXHTTP
import NXRuntime

/// The outcome of one scenario.
public struct ScenarioResult: Sendable {
    /// Scenario id.
    public var id: String
    /// Where it is defined.
    public var origin: String
    /// Failures (empty when it passed).
    public var failures: [String]
    /// Why it did not run: the server lacks what the scenario `requires` (and the runner is not strict).
    public var skipped: String? = nil
    /// Whether it passed (a skipped scenario did not fail).
    public var passed: Bool { failures.isEmpty }
}

/// Runs scenarios over any transport: in-process in tests, over HTTP with `nxconform`.
public struct ConformanceRunner: Sendable {
    /// Where requests go.
    public var transport: any NXTransport
    /// Credentials of `.default` steps.
    public var credentials: NXCredentials
    /// Whether a scenario whose `requires` step fails fails (the project's own test run, whose server is configured for
    /// every scenario) rather than being skipped (`nxconform` against any server).
    public var strict: Bool

    public init(transport: any NXTransport, credentials: NXCredentials, strict: Bool = false) {
        self.transport = transport
        self.credentials = credentials
        self.strict = strict
    }

    /// Runs every scenario in order.
    public func run(_ scenarios: [ConformanceScenario]) async -> [ScenarioResult] {
        var results: [ScenarioResult] = []
        for scenario in scenarios { results.append(await run(scenario)) }
        return results
    }

    /// Runs one scenario; stops at its first failing step.
    public func run(_ scenario: ConformanceScenario) async -> ScenarioResult {
        var captures: [String: String] = [:]
        if let requires = scenario.requires {
            let failures = await run(requires.step, captures: &captures)
            if !failures.isEmpty {
                guard strict else { return ScenarioResult(id: scenario.id, origin: scenario.origin, failures: [], skipped: requires.why) }
                let prefix = "requires (\(requires.why); \(requires.step.method) \(requires.step.path), \(requires.step.location))"
                return ScenarioResult(id: scenario.id, origin: scenario.origin, failures: failures.map { "\(prefix): \($0)" })
            }
        }
        for (index, step) in scenario.steps.enumerated() {
            var failures = await run(step, captures: &captures)
            var attempts = 1
            while !failures.isEmpty, attempts < (step.poll ?? 1) {
                try? await Task.sleep(for: .milliseconds(100))
                failures = await run(step, captures: &captures)
                attempts += 1
            }
            if !failures.isEmpty {
                let prefix = "step \(index + 1) (\(step.method) \(step.path), \(step.location))"
                return ScenarioResult(id: scenario.id, origin: scenario.origin, failures: failures.map { "\(prefix): \($0)" })
            }
        }
        return ScenarioResult(id: scenario.id, origin: scenario.origin, failures: [])
    }

    func run(_ step: ConformanceStep, captures: inout [String: String]) async -> [String] {
        let known = captures
        let fill = { (text: String) in Self.substitute(text, known) }
        var request = NXHTTPRequest(method: step.method, path: Self.encodePath(fill(step.path)))
        request.query = step.query.map { (fill($0.0), fill($0.1)) }
        request.headers = step.headers.map { (fill($0.0), fill($0.1)) }
        switch step.auth {
        case .default: request.headers.append(("Authorization", credentials.authorizationHeader))
        case .none: break
        case .basic(let user, let password):
            request.headers.append(("Authorization", NXCredentials(user: user, password: password).authorizationHeader))
        }
        request.headers.append(("Accept", "application/json"))
        if let body = step.body {
            var writer = JSONWriter()
            writer.value(Self.substitute(body, captures))
            request.body = writer.bytes
            request.headers.append(("Content-Type", "application/json"))
        } else if let text = step.bodyText {
            request.body = Array(fill(text).utf8)
        } else if let file = step.bodyFile {
            request.body = Self.fileBytes(size: file.size, pattern: file.pattern)
        } else if let bytes = step.bodyBytes {
            request.body = bytes
        }
        if request.body != nil, step.body == nil, !request.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            request.headers.append(("Content-Type", "application/octet-stream"))
        }
        let response: NXHTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return ["transport error: \(error)"]
        }
        var failures: [String] = []
        let bodyText = String(decoding: response.body.prefix(300), as: UTF8.self)
        if response.status != step.status {
            failures.append("expected status \(step.status), got \(response.status): \(bodyText)")
        }
        for (name, prefix) in step.requireHeaders {
            guard let value = response.header(name) else {
                failures.append("missing header \(name)")
                continue
            }
            if !value.hasPrefix(fill(prefix)) { failures.append("header \(name) is '\(value)', expected it to start with '\(prefix)'") }
        }
        let json: JSONValue? = response.body.isEmpty ? nil : try? NXJSON.parse(response.body)
        if let expected = step.expectBody {
            guard let json else { return failures + ["expected a JSON body, got: \(bodyText)"] }
            failures += JSONMatch.mismatches(expected: Self.substitute(expected, captures), actual: json)
        }
        if let text = step.expectText, String(decoding: response.body, as: UTF8.self) != fill(text) {
            failures.append("expected the body '\(fill(text).prefix(200))', got '\(bodyText)'")
        }
        if let length = step.expectLength, response.body.count != length {
            failures.append("expected a body of \(length) bytes, got \(response.body.count)")
        }
        if let pages = step.expectPDFPages {
            let actual = PDFPageCount.count(response.body)
            if actual != pages { failures.append("expected a PDF of \(pages) page(s), got \(actual.map { "\($0) page(s)" } ?? "no readable PDF")") }
        }
        if let size = step.expectImageSize {
            let header = ImageHeader.parse(Array(response.body.prefix(1 << 20)))
            if header?.width != size.width || header?.height != size.height {
                failures.append("expected a \(size.width)x\(size.height) image, got \(header.map { "a \($0.width)x\($0.height) \($0.format)" } ?? "no readable image")")
            }
        }
        if let md5 = step.expectMD5 {
            let actual = Insecure.MD5.hash(data: response.body).map { String(format: "%02x", $0) }.joined()
            if actual != md5 { failures.append("expected a body with MD5 \(md5), got \(actual)") }
        }
        for path in step.forbidFields {
            if let json, JSONMatch.value(at: path, in: json) != nil { failures.append("\(path) must be absent") }
        }
        for (name, path) in step.captures {
            if path.hasPrefix("header:") {
                guard let value = Self.headerCapture(path, response) else {
                    failures.append("cannot capture \(name) from \(path)")
                    continue
                }
                captures[name] = value
                continue
            }
            guard let json, let value = JSONMatch.value(at: path, in: json) else {
                failures.append("cannot capture \(name) from \(path)")
                continue
            }
            captures[name] = JSONMatch.text(value)
        }
        return failures
    }

    /// `header:Name` captures a response header; `header:Name ~ regex` its first regex group (`/@async/([^/]+)/`).
    static func headerCapture(_ spec: String, _ response: NXHTTPResponse) -> String? {
        let rest = spec.dropFirst("header:".count)
        let parts = rest.split(separator: " ~ ", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, let value = response.header(name) else { return nil }
        guard parts.count == 2 else { return value }
        guard let regex = try? Regex(parts[1]), let match = value.firstMatch(of: regex), match.output.count > 1,
              let group = match.output[1].substring
        else { return nil }
        return String(group)
    }

    /// `pattern` (UTF-8) repeated to exactly `size` bytes.
    static func fileBytes(size: Int, pattern: String) -> [UInt8] {
        let unit = Array(pattern.utf8)
        guard !unit.isEmpty, size > 0 else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while bytes.count < size { bytes += unit.prefix(size - bytes.count) }
        return bytes
    }

    /// Replaces `{{name}}` with captured values.
    static func substitute(_ text: String, _ captures: [String: String]) -> String {
        guard text.contains("{{") else { return text }
        var result = text
        for (name, value) in captures { result = result.replacingAll("{{\(name)}}", with: value) }
        return result
    }

    static func substitute(_ value: JSONValue, _ captures: [String: String]) -> JSONValue {
        switch value {
        case .string(let s): return .string(substitute(s, captures))
        case .array(let items): return .array(items.map { substitute($0, captures) })
        case .object(let object): return .object(JSONObject(object.map { ($0.key, substitute($0.value, captures)) }))
        default: return value
        }
    }

    /// Encodes a path written with raw spaces or `%XX` escapes, segment by segment.
    static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.encodePathSegment(String($0)) }.joined(separator: "/")
    }

    /// `N passed, N failed` plus one line per failure.
    public static func report(_ results: [ScenarioResult]) -> String {
        var lines: [String] = []
        for result in results {
            lines.append("\(result.skipped != nil ? "SKIP" : result.passed ? "PASS" : "FAIL") \(result.id) (\(result.origin))")
            lines += result.failures.map { "    \($0)" }
            if let why = result.skipped { lines.append("    the server lacks what it requires: \(why)") }
        }
        let skipped = results.filter { $0.skipped != nil }.count
        let passed = results.filter(\.passed).count - skipped
        lines.append("\(passed) passed, \(results.count - passed - skipped) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
        return lines.joined(separator: "\n")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        guard let first = target.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
