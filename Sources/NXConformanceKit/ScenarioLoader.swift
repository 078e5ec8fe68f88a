import Foundation
import NXRuntime

/// Why a scenario document could not be read: where (a path like `scenarios[3].steps[2].status`) and what.
public struct ScenarioLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document, `$` for the root.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Reads the JSON document nxgen writes for the scenarios of `Spec/conformance/` (see `NXCodeGen.ScenarioDocument`):
/// the one loader both the in-process conformance tests and `nxconform` use.
///
/// `{"scenarios": [{"id", "description", "origin", "steps": [{"method", "path", "headers"?, "query"?, "body"?, "auth"?,
/// "status", "expectBody"?, "forbidFields"?, "requireHeaders"?, "captures"?, "location"}]}]}` — pairs are two-string arrays;
/// `auth` is `"none"` or `{"user", "password"}`; a present `body` or `expectBody` of `null` means the JSON null.
public enum ScenarioLoader {
    /// Every scenario of a document given as text.
    public static func load(json text: String) throws(ScenarioLoadError) -> [ConformanceScenario] {
        try load(Array(text.utf8))
    }

    /// Every scenario of a document given as bytes, in document order.
    public static func load(_ bytes: [UInt8]) throws(ScenarioLoadError) -> [ConformanceScenario] {
        let document: JSONValue
        do {
            document = try NXJSON.parse(bytes)
        } catch {
            throw ScenarioLoadError(path: "$", message: "not JSON: \(error)")
        }
        let root = Reader(value: document, path: "$")
        return try root.field("scenarios").array().map(scenario)
    }

    static func scenario(_ r: Reader) throws(ScenarioLoadError) -> ConformanceScenario {
        var scenario = ConformanceScenario(
            id: try r.field("id").string(), description: try r.field("description").string(), origin: try r.field("origin").string(),
            steps: try r.field("steps").array().map(step))
        if let requires = r.optional("requires") {
            scenario.requires = (try requires.field("why").string(), try step(requires.field("step")))
        }
        return scenario
    }

    static func step(_ r: Reader) throws(ScenarioLoadError) -> ConformanceStep {
        var step = try plainStep(r)
        step.bodyText = try r.optional("text")?.string()
        if let file = r.optional("file") {
            if let encoded = file.optional("base64") {
                guard let bytes = Data(base64Encoded: try encoded.string()) else { throw ScenarioLoadError(path: "file.base64", message: "a fixture is not base64") }
                step.bodyBytes = Array(bytes)
            } else {
                step.bodyFile = (try file.field("size").int(), try file.field("pattern").string())
            }
        }
        step.expectPDFPages = try r.optional("expectPDFPages")?.int()
        if let size = try r.optional("expectImageSize")?.array() {
            guard size.count == 2 else { throw ScenarioLoadError(path: "expectImageSize", message: "an image size is [width, height]") }
            step.expectImageSize = (try size[0].int(), try size[1].int())
        }
        step.expectText = try r.optional("expectText")?.string()
        step.expectLength = try r.optional("expectLength")?.int()
        step.expectMD5 = try r.optional("expectMD5")?.string()
        step.poll = try r.optional("poll")?.int()
        return step
    }

    static func plainStep(_ r: Reader) throws(ScenarioLoadError) -> ConformanceStep {
        ConformanceStep(
            method: try r.field("method").string(), path: try r.field("path").string(),
            headers: try r.optional("headers")?.pairs() ?? [], query: try r.optional("query")?.pairs() ?? [],
            body: r.optional("body")?.value, auth: try r.optional("auth").map(auth) ?? .default,
            status: try r.field("status").int(), expectBody: r.optional("expectBody")?.value,
            forbidFields: try r.optional("forbidFields")?.array().map { (item) throws(ScenarioLoadError) in try item.string() } ?? [],
            requireHeaders: try r.optional("requireHeaders")?.pairs() ?? [], captures: try r.optional("captures")?.pairs() ?? [],
            location: try r.field("location").string())
    }

    static func auth(_ r: Reader) throws(ScenarioLoadError) -> ConformanceAuth {
        if r.value == .string("none") { return .none }
        guard r.value.objectValue != nil else { throw r.error("expected \"none\" or {\"user\", \"password\"}, found \(r.value.kindName)") }
        return .basic(user: try r.field("user").string(), password: try r.field("password").string())
    }
}

/// A value of the document with its path, for typed reads that fail with the place.
struct Reader {
    var value: JSONValue
    var path: String

    func error(_ message: String) -> ScenarioLoadError { ScenarioLoadError(path: path, message: message) }

    /// A required key of an object.
    func field(_ key: String) throws(ScenarioLoadError) -> Reader {
        guard let object = value.objectValue else { throw error("expected an object, found \(value.kindName)") }
        guard let item = object[key] else { throw error("missing key '\(key)'") }
        return Reader(value: item, path: "\(path).\(key)")
    }

    /// An optional key of an object (nil when absent; present nulls are kept).
    func optional(_ key: String) -> Reader? {
        value.objectValue?[key].map { Reader(value: $0, path: "\(path).\(key)") }
    }

    func string() throws(ScenarioLoadError) -> String {
        guard let text = value.stringValue else { throw error("expected a string, found \(value.kindName)") }
        return text
    }

    func int() throws(ScenarioLoadError) -> Int {
        guard case .int(let number) = value, let int = Int(exactly: number) else { throw error("expected an integer, found \(value.kindName)") }
        return int
    }

    func array() throws(ScenarioLoadError) -> [Reader] {
        guard let items = value.arrayValue else { throw error("expected an array, found \(value.kindName)") }
        return items.enumerated().map { Reader(value: $0.element, path: "\(path)[\($0.offset)]") }
    }

    /// `[["name", "value"], …]`.
    func pairs() throws(ScenarioLoadError) -> [(String, String)] {
        var result: [(String, String)] = []
        for item in try array() {
            guard let pair = item.value.arrayValue, pair.count == 2, let name = pair[0].stringValue, let text = pair[1].stringValue else {
                throw item.error("expected a pair of strings")
            }
            result.append((name, text))
        }
        return result
    }
}
