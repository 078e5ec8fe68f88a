import NXRuntime

/// Partial JSON matching and simple JSON paths (`$.a.b`, `$.entries[0].uid`).
public enum JSONMatch {
    /// Mismatches of `expected` within `actual` (empty when it matches), each with its path.
    public static func mismatches(expected: JSONValue, actual: JSONValue?, path: String = "$") -> [String] {
        guard let actual else { return ["\(path): missing, expected \(render(expected))"] }
        switch (expected, actual) {
        case (.object(let e), _) where e.count == 1 && e["$contains"]?.arrayValue != nil:
            return contained(e["$contains"]?.arrayValue ?? [], in: actual, path: path)
        case (.object(let e), .object(let a)):
            return e.flatMap { key, value in mismatches(expected: value, actual: a[key], path: "\(path).\(key)") }
        case (.array(let e), .array(let a)):
            guard e.count == a.count else { return ["\(path): expected \(e.count) items, found \(a.count)"] }
            return zip(e, a).enumerated().flatMap { i, pair in mismatches(expected: pair.0, actual: pair.1, path: "\(path)[\(i)]") }
        case (.int(let e), .double(let a)) where Double(e) == a: return []
        case (.double(let e), .int(let a)) where e == Double(a): return []
        default:
            return expected == actual ? [] : ["\(path): expected \(render(expected)), found \(render(actual))"]
        }
    }

    /// `{"$contains": [x, y]}`: an array holding items matching `x`, then `y`, in that order, among others (a store other
    /// clients have used may hold more, such as an ACE granted on a parent folder).
    static func contained(_ expected: [JSONValue], in actual: JSONValue, path: String) -> [String] {
        guard let items = actual.arrayValue else { return ["\(path): expected an array, found \(render(actual))"] }
        var next = 0
        for (index, item) in expected.enumerated() {
            guard let found = items[next...].firstIndex(where: { mismatches(expected: item, actual: $0).isEmpty }) else {
                return ["\(path): no item matching \(render(item)) (expected item \(index + 1) of \(expected.count), in order) among \(items.count)"]
            }
            next = found + 1
        }
        return []
    }

    /// The value at `path` (`$`, `$.key`, `$.list[2].key`), if present.
    public static func value(at path: String, in root: JSONValue) -> JSONValue? {
        var current: JSONValue? = root
        for component in components(path) {
            switch component {
            case .key(let key): current = current?.objectValue?[key]
            case .index(let i):
                guard let items = current?.arrayValue, i >= 0, i < items.count else { return nil }
                current = items[i]
            }
        }
        return current
    }

    enum Component { case key(String), index(Int) }

    static func components(_ path: String) -> [Component] {
        var text = Substring(path)
        if text.hasPrefix("$") { text = text.dropFirst() }
        var result: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: true) {
            var part = part
            var indexes: [Int] = []
            while part.hasSuffix("]"), let open = part.lastIndex(of: "[") {
                if let i = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) { indexes.insert(i, at: 0) }
                part = part[..<open]
            }
            if !part.isEmpty { result.append(.key(String(part))) }
            result += indexes.map(Component.index)
        }
        return result
    }

    /// Compact JSON text of a value.
    public static func render(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.value(value)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    /// A captured value as text (strings unquoted).
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        default: return render(value)
        }
    }
}
