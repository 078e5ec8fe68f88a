import NXCore
import NXRuntime

/// Nuxeo's blob JSON inside document properties (`DocumentPropertyJsonWriter.writeBlobProperty`), keys in its order:
/// `name`, `mime-type`, `encoding`, `digestAlgorithm`, `digest`, `length` (a string), `data` and `blobUrl` (the
/// `nxfile` download URL with the change token), `appLinks` (none from the default store).
enum BlobJSON {
    /// The wire form of a stored value of `type` at `xpath`: blobs at any depth are rewritten, the rest kept.
    static func render(_ value: JSONValue, type: FieldType, xpath: String, record: DocumentRecord, repository: String, baseURL: String) -> JSONValue {
        switch type {
        case .blob:
            guard let blob = BlobValue(stored: value) else { return .null }
            return wire(blob, xpath: xpath, record: record, repository: repository, baseURL: baseURL)
        case .list(let element):
            guard case .array(let items) = value else { return value }
            return .array(items.enumerated().map { render($0.element, type: element, xpath: "\(xpath)/\($0.offset)", record: record, repository: repository, baseURL: baseURL) })
        case .complexList(let fields):
            guard case .array(let items) = value else { return value }
            return .array(items.enumerated().map {
                render($0.element, type: .complex(fields), xpath: "\(xpath)/\($0.offset)", record: record, repository: repository, baseURL: baseURL)
            })
        case .complex(let fields):
            guard case .object(var object) = value else { return value }
            for field in fields where field.type.holdsBlobs {
                object[field.name] = render(object[field.name] ?? .null, type: field.type, xpath: "\(xpath)/\(field.name)", record: record,
                                            repository: repository, baseURL: baseURL)
            }
            return .object(object)
        default:
            return value
        }
    }

    static func wire(_ blob: BlobValue, xpath: String, record: DocumentRecord, repository: String, baseURL: String) -> JSONValue {
        let url = baseURL + DownloadURL.path(repository: repository, docId: record.id, xpath: xpath, filename: blob.name,
                                             changeToken: record.changeTokenString)
        return .object(JSONObject([
            ("name", blob.name.map(JSONValue.string) ?? .null), ("mime-type", blob.mimeType.map(JSONValue.string) ?? .null),
            ("encoding", blob.encoding.map(JSONValue.string) ?? .null), ("digestAlgorithm", .string(blob.digestAlgorithm)),
            ("digest", .string(blob.digest)), ("length", .string(String(blob.length))), ("data", .string(url)), ("blobUrl", .string(url)),
            ("appLinks", .array([])),
        ]))
    }
}

extension FieldType {
    /// Whether values of this type are or contain blobs.
    var holdsBlobs: Bool {
        switch self {
        case .blob: return true
        case .list(let element): return element.holdsBlobs
        case .complex(let fields), .complexList(let fields): return fields.contains { $0.type.holdsBlobs }
        default: return false
        }
    }
}
