import NXRuntime

/// Blob properties addressed by xpath, as Nuxeo's `@blob/{xpath}` and download URLs name them:
/// `file:content`, `files:files/0/file`, a prefix-less path (`content` → `file:content`), or `blobholder:N`.
public enum BlobXPath {
    /// The canonical property xpath for `xpath` on documents of `type` (`content` → `file:content`; `blobholder:N` →
    /// the N-th blob of the default blob holder), nil when it names no blob field.
    public static func resolve(_ xpath: String, type: DocumentType, properties: JSONObject) -> String? {
        if xpath.hasPrefix("blobholder:") {
            let digits = xpath.dropFirst("blobholder:".count)
            guard let n = Int(digits), String(n) == digits, n >= 0 else { return nil }
            let holder = holderXPaths(type: type, properties: properties)
            return n < holder.count ? holder[n] : nil
        }
        let segments = xpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, !first.isEmpty else { return nil }
        var canonical = segments
        if !first.contains(":") {
            guard let schema = type.schemas.first(where: { s in s.fields.contains { $0.name == first } }) else { return nil }
            canonical[0] = "\(schema.prefix):\(first)"
        }
        let path = canonical.joined(separator: "/")
        return fieldType(path, type: type) == .blob ? path : nil
    }

    /// `xpath` with its first segment schema-qualified (`files/0/file` → `files:files/0/file`), whatever its type; nil
    /// when no schema of the type has such a field.
    public static func qualified(_ xpath: String, type: DocumentType) -> String? {
        var segments = xpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, !first.isEmpty else { return nil }
        if first.contains(":") { return type.fieldsByKey[first] == nil ? nil : xpath }
        guard let schema = type.schemas.first(where: { s in s.fields.contains { $0.name == first } }) else { return nil }
        segments[0] = "\(schema.prefix):\(first)"
        return segments.joined(separator: "/")
    }

    /// The type of the value at a property xpath (`files:files/0/file` → blob), nil when it names no field.
    public static func fieldType(_ xpath: String, type: DocumentType) -> FieldType? {
        let segments = xpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, let (_, field) = type.fieldsByKey[first] else { return nil }
        var current = field.type
        var index = 1
        while index < segments.count {
            let segment = segments[index]
            switch current {
            case .list(let element):
                guard Int(segment) != nil else { return nil }
                current = element
            case .complexList(let fields):
                guard Int(segment) != nil else { return nil }
                current = .complex(fields)
            case .complex(let fields):
                guard let sub = fields.first(where: { $0.name == segment }) else { return nil }
                current = sub.type
            default:
                return nil
            }
            index += 1
        }
        return current
    }

    /// The value stored at a property xpath.
    public static func value(_ xpath: String, in properties: JSONObject) -> JSONValue? {
        let segments = xpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, var current = properties[first] else { return nil }
        for segment in segments.dropFirst() {
            switch current {
            case .array(let items):
                guard let i = Int(segment), i >= 0, i < items.count else { return nil }
                current = items[i]
            case .object(let object):
                guard let next = object[segment] else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    /// The stored blob at a property xpath, nil when unset.
    public static func blob(_ xpath: String, in properties: JSONObject) -> BlobValue? {
        BlobValue(stored: value(xpath, in: properties))
    }

    /// The xpaths of the default blob holder's blobs, main blob first (Nuxeo's `BlobHolderAdapterComponent`: schema
    /// `file` → `file:content` then the `files:files` items; otherwise none — a Note's holder is its text, see
    /// `Repository.noteBlob`).
    public static func holderXPaths(type: DocumentType, properties: JSONObject) -> [String] {
        guard type.hasSchema("file") else { return [] }
        var result = ["file:content"]
        if type.hasSchema("files"), case .array(let items)? = properties["files:files"] {
            for i in items.indices { result.append("files:files/\(i)/file") }
        }
        return result
    }

    /// Sets (or with nil, removes) the value at a property xpath inside `properties`; list items are removed.
    /// False when the xpath does not lead to an existing place.
    public static func set(_ value: JSONValue?, at xpath: String, in properties: inout JSONObject) -> Bool {
        let segments = xpath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first else { return false }
        if segments.count == 1 {
            properties[first] = value
            return true
        }
        guard var root = properties[first] else { return false }
        guard set(value, segments.dropFirst(), in: &root) else { return false }
        properties[first] = root
        return true
    }

    static func set(_ value: JSONValue?, _ path: ArraySlice<String>, in node: inout JSONValue) -> Bool {
        guard let segment = path.first else { return false }
        let rest = path.dropFirst()
        switch node {
        case .array(var items):
            guard let i = Int(segment), i >= 0, i < items.count else { return false }
            if rest.isEmpty {
                if let value { items[i] = value } else { items.remove(at: i) }
            } else {
                guard set(value, rest, in: &items[i]) else { return false }
            }
            node = .array(items)
            return true
        case .object(var object):
            if rest.isEmpty {
                object[segment] = value ?? .null
            } else {
                guard var child = object[segment] else { return false }
                guard set(value, rest, in: &child) else { return false }
                object[segment] = child
            }
            node = .object(object)
            return true
        default:
            return false
        }
    }
}
