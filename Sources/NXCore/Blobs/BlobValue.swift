import NXRuntime

/// A blob as a document property stores it: file metadata plus the digest naming its binary.
/// Stored as a JSON object `{"name","mime-type","encoding","digest","digestAlgorithm","length"}` inside the
/// document's properties; written on the wire by the server with its download URLs (Nuxeo's blob JSON).
public struct BlobValue: Sendable, Hashable {
    /// File name (nil when unknown).
    public var name: String?
    /// Mime type (nil when unknown).
    public var mimeType: String?
    /// Text encoding (nil for binary content).
    public var encoding: String?
    /// Digest of the content: the binary's key in the store.
    public var digest: String
    /// Digest algorithm name (`MD5`).
    public var digestAlgorithm: String
    /// Length in bytes.
    public var length: Int64

    public init(name: String?, mimeType: String?, encoding: String?, digest: String, digestAlgorithm: String, length: Int64) {
        self.name = name
        self.mimeType = mimeType
        self.encoding = encoding
        self.digest = digest
        self.digestAlgorithm = digestAlgorithm
        self.length = length
    }

    /// The stored JSON object.
    public var json: JSONValue {
        .object(JSONObject([
            ("name", name.map(JSONValue.string) ?? .null), ("mime-type", mimeType.map(JSONValue.string) ?? .null),
            ("encoding", encoding.map(JSONValue.string) ?? .null), ("digestAlgorithm", .string(digestAlgorithm)),
            ("digest", .string(digest)), ("length", .int(length)),
        ]))
    }

    /// Reads a stored blob object (nil for anything else).
    public init?(stored value: JSONValue?) {
        guard case .object(let object)? = value, let digest = object["digest"]?.stringValue,
              let algorithm = object["digestAlgorithm"]?.stringValue, case .int(let length)? = object["length"]
        else { return nil }
        self.init(name: object["name"]?.stringValue, mimeType: object["mime-type"]?.stringValue, encoding: object["encoding"]?.stringValue,
                  digest: digest, digestAlgorithm: algorithm, length: length)
    }

    /// Every stored blob inside a document's properties (any depth), with its xpath (`file:content`, `files:files/0/file`).
    public static func all(in properties: JSONObject) -> [(xpath: String, blob: BlobValue)] {
        var result: [(xpath: String, blob: BlobValue)] = []
        var pending: [(String, JSONValue)] = properties.map { ($0.key, $0.value) }.reversed()
        while let (xpath, value) = pending.popLast() {
            if let blob = BlobValue(stored: value) {
                result.append((xpath, blob))
                continue
            }
            switch value {
            case .array(let items): pending += items.enumerated().map { ("\(xpath)/\($0.offset)", $0.element) }.reversed()
            case .object(let object): pending += object.map { ("\(xpath)/\($0.key)", $0.value) }.reversed()
            default: continue
            }
        }
        return result
    }
}
