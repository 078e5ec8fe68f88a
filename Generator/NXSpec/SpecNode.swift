import Yams

/// A YAML node together with the file it came from, with typed accessors that report
/// mistakes as diagnostics instead of throwing.
public struct SpecNode {
    /// The underlying Yams node (keeps its line/column mark).
    public let node: Node
    /// The display path of the file.
    public let file: String

    /// Wraps a node of `file`.
    public init(_ node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// The node's location.
    public var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The scalar text, if this is a scalar.
    public var scalar: String? {
        if case .scalar(let s) = node { return s.string }
        return nil
    }

    /// True when this node is a single- or double-quoted scalar (its text starts one column after its location).
    public var isQuoted: Bool {
        if case .scalar(let s) = node { return s.style == .singleQuoted || s.style == .doubleQuoted }
        return false
    }

    /// True when this node is a YAML null (`~`, `null` or empty).
    public var isNull: Bool {
        if case .scalar(let s) = node { return s.tag == Tag(.null) || (s.string.isEmpty && s.style == .plain) }
        return false
    }

    /// The key/value pairs, if this is a mapping, in written order.
    public var pairs: [(key: SpecNode, value: SpecNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { (SpecNode($0.key, file: file), SpecNode($0.value, file: file)) }
    }

    /// The items, if this is a sequence.
    public var items: [SpecNode]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.map { SpecNode($0, file: file) }
    }

    /// What kind of node this is, for messages.
    public var kindName: String {
        switch node {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .alias: return "an alias"
        }
    }

    /// The string value of a scalar, or a diagnostic.
    public func string(_ what: String, _ d: inout Diagnostics) -> String? {
        guard let s = scalar else {
            d.error(.wrongNodeKind, "\(what) must be a scalar, found \(kindName)", at: location)
            return nil
        }
        return s
    }

    /// A boolean scalar (`true`/`false`), or a diagnostic.
    public func bool(_ what: String, _ d: inout Diagnostics) -> Bool? {
        guard let s = string(what, &d) else { return nil }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            d.error(.invalidValue, "\(what) must be true or false, found '\(s)'", at: location)
            return nil
        }
    }

    /// An integer scalar, or a diagnostic.
    public func int(_ what: String, _ d: inout Diagnostics) -> Int? {
        guard let s = string(what, &d) else { return nil }
        guard let value = Int(s) else {
            d.error(.invalidValue, "\(what) must be an integer, found '\(s)'", at: location)
            return nil
        }
        return value
    }

    /// A sequence of strings; a lone scalar counts as a one-element list.
    public func strings(_ what: String, _ d: inout Diagnostics) -> [(String, SourceLocation)] {
        if let items {
            return items.compactMap { item in item.string("an item of \(what)", &d).map { ($0, item.location) } }
        }
        if let s = scalar { return [(s, location)] }
        d.error(.wrongNodeKind, "\(what) must be a sequence, found \(kindName)", at: location)
        return []
    }

    /// Reads a mapping whose keys must be among `allowed`; unknown keys and missing `required`
    /// keys are reported. Returns the values by key (nil if this is not a mapping).
    public func fields(
        _ what: String, allowed: [String], required: [String] = [], d: inout Diagnostics
    ) -> MappingFields? {
        guard let pairs else {
            d.error(.wrongNodeKind, "\(what) must be a mapping, found \(kindName)", at: location)
            return nil
        }
        var values: [String: SpecNode] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar else {
                d.error(.wrongNodeKind, "keys of \(what) must be scalars", at: key.location)
                continue
            }
            if !allowed.contains(name) {
                d.unknown(.unknownKey, kind: "key", name: name, candidates: allowed, at: key.location)
                continue
            }
            if values[name] != nil {
                d.error(.duplicate, "duplicate key '\(name)' in \(what)", at: key.location)
                continue
            }
            values[name] = value
            keyLocations[name] = key.location
        }
        for name in required where values[name] == nil {
            d.error(.missingKey, "\(what) is missing required key '\(name)'", at: location)
        }
        return MappingFields(values: values, keyLocations: keyLocations, location: location)
    }
}

/// The checked values of a mapping, by key.
public struct MappingFields {
    /// Values by key.
    public var values: [String: SpecNode]
    /// Where each key was written.
    public var keyLocations: [String: SourceLocation]
    /// Where the mapping starts.
    public var location: SourceLocation

    /// The value of `key`, if present.
    public subscript(_ key: String) -> SpecNode? { values[key] }
}
