import NXRuntime

/// Reads the `params` object of an automation call the way Nuxeo injects operation parameters:
/// unknown names are ignored, aliases are tried after the name, JSON `null` counts as absent,
/// and scalar values may arrive as text (`"true"`, `"3"`). Generated `…Params(params:)` initializers use it.
public struct OperationParamReader: Sendable {
    /// The raw parameters.
    public let params: JSONObject
    /// The operation id, for messages.
    public let operation: String

    public init(_ params: JSONObject, operation: String) {
        self.params = params
        self.operation = operation
    }

    /// The value given for `name` or, failing that, the first alias given; nil when absent or null.
    public func raw(_ name: String, aliases: [String] = []) -> JSONValue? {
        for key in [name] + aliases {
            if let value = params[key], !value.isNull { return value }
        }
        return nil
    }

    /// A required parameter: its value, or Nuxeo's missing-parameter error (400).
    public func required<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else {
            throw NXError.invalid("Failed to inject parameter '\(name)'. Seems it is missing from the context. Operation: \(operation)")
        }
        return value
    }

    func mismatch(_ name: String, _ value: JSONValue, _ expected: String) -> NXError {
        let shown = value.stringValue.map { "'\($0)'" } ?? "a JSON \(value.kindName)"
        return NXError.invalid("Invalid value \(shown) for parameter '\(name)' of operation \(operation): \(expected) is expected")
    }

    /// Text; numbers and booleans are written as text.
    public func string(_ name: String, aliases: [String] = []) throws -> String? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: throw mismatch(name, value, "a string")
        }
    }

    /// `true` / `false`, as JSON booleans or text (case-insensitive).
    public func bool(_ name: String, aliases: [String] = []) throws -> Bool? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .bool(let b): return b
        case .string(let s) where s.trimmingWhitespace.lowercased() == "true": return true
        case .string(let s) where s.trimmingWhitespace.lowercased() == "false": return false
        default: throw mismatch(name, value, "true or false")
        }
    }

    /// An integer, as a JSON number without fraction or as text.
    public func int(_ name: String, aliases: [String] = []) throws -> Int? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .int(let i): return Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
        case .string(let s): if let i = Int(s.trimmingWhitespace) { return i }
        default: break
        }
        throw mismatch(name, value, "an integer")
    }

    /// A number, as JSON or text.
    public func double(_ name: String, aliases: [String] = []) throws -> Double? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): if let d = Double(s.trimmingWhitespace) { return d }
        default: break
        }
        throw mismatch(name, value, "a number")
    }

    /// A date: W3C text, kept as written once it parses; epoch milliseconds become W3C text.
    public func date(_ name: String, aliases: [String] = []) throws -> String? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .string(let s): if NXDate.parse(s.trimmingWhitespace) != nil { return s.trimmingWhitespace }
        case .int(let millis): return NXDate.format(millis: millis)
        default: break
        }
        throw mismatch(name, value, "a W3C date")
    }

    /// Properties: a JSON object (values kept) or Nuxeo's `key=value` text (values become strings).
    public func properties(_ name: String, aliases: [String] = []) throws -> JSONObject? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .object(let object): return object
        case .string(let text):
            do {
                return try OperationParamDecoding.properties(text: text)
            } catch let error as OperationParamDecoding.InvalidLine {
                throw NXError.invalid("Invalid value for parameter '\(name)' of operation \(operation): invalid property line: \(error.line)")
            }
        default: throw mismatch(name, value, "a JSON object or key=value lines")
        }
    }

    /// A list of strings: a JSON array of scalars, or comma-separated text (empty items dropped, not trimmed).
    public func stringList(_ name: String, aliases: [String] = []) throws -> [String]? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .string(let s): return s.split(separator: ",").map(String.init)
        case .array(let items):
            return try items.map { item in
                switch item {
                case .string(let s): return s
                case .int(let i): return String(i)
                case .double(let d): return String(d)
                case .bool(let b): return b ? "true" : "false"
                default: throw mismatch(name, value, "an array of strings")
                }
            }
        default: throw mismatch(name, value, "an array of strings or comma-separated text")
        }
    }

    /// A document: a uid, an absolute path or `doc:`-prefixed text, or a document entity (its `uid`, else its `path`).
    public func document(_ name: String, aliases: [String] = []) throws -> DocumentRef? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        if let ref = OperationParamDecoding.documentRef(value) { return ref }
        throw mismatch(name, value, "a document id or path")
    }

    /// Documents: a JSON array of references, or comma-separated text (optionally `docs:`-prefixed).
    public func documents(_ name: String, aliases: [String] = []) throws -> [DocumentRef]? {
        guard let value = raw(name, aliases: aliases) else { return nil }
        switch value {
        case .string(let text): return OperationParamDecoding.documentRefs(text: text)
        case .array(let items):
            return try items.map { item in
                guard let ref = OperationParamDecoding.documentRef(item) else { throw mismatch(name, item, "a document id or path") }
                return ref
            }
        default:
            if let ref = OperationParamDecoding.documentRef(value) { return [ref] }
            throw mismatch(name, value, "document ids or paths")
        }
    }

    /// Any JSON value, as given.
    public func object(_ name: String, aliases: [String] = []) -> JSONValue? { raw(name, aliases: aliases) }
}

/// Text forms of operation parameters (also used for spec defaults).
public enum OperationParamDecoding {
    /// A `properties` line without `=`.
    public struct InvalidLine: Error, Sendable, Equatable {
        /// The offending line (after joining continuations).
        public var line: String

        public init(line: String) { self.line = line }
    }

    /// Nuxeo's properties text: one `key=value` per line, key and value trimmed; empty lines and `#` comment
    /// lines are skipped; a line ending with `\` continues on the next line (joined with a newline);
    /// the two characters `\n` inside a value stand for a newline. Later keys replace earlier ones.
    public static func properties(text: String) throws -> JSONObject {
        var result = JSONObject()
        var pending: String?
        func flush(_ line: String) throws {
            guard let eq = line.firstIndex(of: "=") else { throw InvalidLine(line: line) }
            let key = String(line[..<eq]).trimmingWhitespace
            let value = String(line[line.index(after: eq)...]).trimmingWhitespace.replacingNewlineEscapes
            result[key] = .string(value)
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine).trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") {
                if let previous = pending { try flush(previous) }
                pending = nil
                continue
            }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending = pending.map { $0 + "\n" + line } ?? line
                continue
            }
            if let previous = pending { line = previous + "\n" + line }
            pending = nil
            try flush(line)
        }
        if let previous = pending { try flush(previous) }
        return result
    }

    /// `doc:/a/b` or `/a/b` → a path; `doc:uid` or `uid` → an id. Empty text → nil.
    public static func documentRef(text: String) -> DocumentRef? {
        var text = text.trimmingWhitespace
        if text.hasPrefix("doc:") { text.removeFirst(4) }
        guard !text.isEmpty else { return nil }
        return text.hasPrefix("/") ? .path(text) : .id(text)
    }

    /// A reference from text or from a document entity object (`uid`, else `path`).
    public static func documentRef(_ value: JSONValue) -> DocumentRef? {
        switch value {
        case .string(let text): return documentRef(text: text)
        case .object(let object):
            if let uid = object["uid"]?.stringValue, !uid.isEmpty { return .id(uid) }
            if let path = object["path"]?.stringValue, path.hasPrefix("/") { return .path(path) }
            return nil
        default: return nil
        }
    }

    /// `docs:id1,id2`, `id1,/a/b` → references; empty items dropped.
    public static func documentRefs(text: String) -> [DocumentRef] {
        var text = text.trimmingWhitespace
        if text.hasPrefix("docs:") { text.removeFirst(5) }
        return text.split(separator: ",").compactMap { documentRef(text: String($0)) }
    }
}

extension String {
    /// The two-character escape `\n` replaced by a newline.
    fileprivate var replacingNewlineEscapes: String {
        guard contains("\\n") else { return self }
        var out = ""
        var iterator = makeIterator()
        while let c = iterator.next() {
            if c == "\\" {
                if let next = iterator.next() {
                    if next == "n" { out.append("\n") } else { out.append(c); out.append(next) }
                } else {
                    out.append(c)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
