import Foundation
import NXRuntime

/// Nuxeo's XML export of one document (`Document.Export`, the `xmlExport` rendition; nuxeo-core-io's
/// `XMLDocumentWriter` over `ExportedDocumentImpl`): the `<system>` part (type, path without its leading `/`,
/// lifecycle, facets sorted, access control) then one `<schema>` per schema sorted by name, its set fields sorted by
/// name, lists as `<item>` elements, complex values with unprefixed sub-elements, blobs as encoding, mime-type,
/// filename, data (the name of the blob's entry in a zip export) and digest. Text is written as is, in CDATA when it
/// holds a control character, a character beyond ASCII, `<` or `&`.
public struct DocumentXMLExport: Sendable {
    let registry: SchemaRegistry
    let repositoryName: String

    public init(registry: SchemaRegistry, repositoryName: String) {
        self.registry = registry
        self.repositoryName = repositoryName
    }

    /// The namespace URI of a schema (Nuxeo's default schemas use this pattern).
    static func namespace(of schema: Schema) -> String { "http://www.nuxeo.org/ecm/schemas/\(schema.name)/" }

    /// The name of a blob's data in an export: its digest, with `.blob`.
    public static func dataName(_ blob: BlobValue) -> String { blob.digest + ".blob" }

    /// The export of `document`, whose access control policy is `acp`, as UTF-8 text, with the files it names.
    public func export(_ document: DocumentRecord, acp: ACP) -> (xml: String, blobs: [BlobValue]) {
        var out = XMLText()
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.open("document", attributes: [("repository", repositoryName), ("id", document.id)], depth: 0)
        out.open("system", depth: 1)
        let type = registry.type(of: document)
        out.leaf("type", document.type, depth: 2)
        out.leaf("path", String(document.path.drop { $0 == "/" }), depth: 2)
        if let state = document.state, !state.isEmpty { out.leaf("lifecycle-state", state, depth: 2) }
        if let policy = type?.lifecycle?.name, !policy.isEmpty { out.leaf("lifecycle-policy", policy, depth: 2) }
        for facet in (type?.facets ?? []).sorted() { out.leaf("facet", facet, depth: 2) }
        if acp.acls.isEmpty {
            out.empty("access-control", depth: 2)
        } else {
            out.open("access-control", depth: 2)
            for acl in acp.acls {
                out.open("acl", attributes: [("name", acl.name)], depth: 3)
                for ace in acl.aces {
                    var attributes = [("principal", ace.username), ("permission", ace.permission), ("grant", String(ace.granted))]
                    if let creator = ace.creator { attributes.append(("creator", creator)) }
                    if let begin = ace.begin { attributes.append(("begin", NXDate.format(millis: begin))) }
                    if let end = ace.end { attributes.append(("end", NXDate.format(millis: end))) }
                    out.empty("entry", attributes: attributes, depth: 4)
                }
                out.close("acl", depth: 3)
            }
            out.close("access-control", depth: 2)
        }
        out.close("system", depth: 1)
        for schema in (type?.schemas ?? []).sorted(by: { $0.name < $1.name }) {
            let prefix = schema.prefix.isEmpty ? schema.name : schema.prefix
            out.open("schema", attributes: [("xmlns:\(prefix)", Self.namespace(of: schema)), ("name", schema.name)], depth: 1)
            for field in schema.fields.sorted(by: { $0.name < $1.name }) {
                guard let value = document.properties["\(schema.prefix):\(field.name)"] ?? nil, value != .null else { continue }
                write(value, as: field.type, element: "\(prefix):\(field.name)", depth: 2, into: &out)
            }
            out.close("schema", depth: 1)
        }
        out.close("document", depth: 0)
        return (out.text, out.blobs)
    }

    /// One property value; the schema's structure bounds the depth.
    func write(_ value: JSONValue, as type: FieldType, element: String, depth: Int, into out: inout XMLText) {
        switch type {
        case .blob:
            guard let blob = BlobValue(stored: value) else { return }
            out.blobs.append(blob)
            out.open(element, depth: depth)
            out.leaf("encoding", blob.encoding ?? "", depth: depth + 1)
            out.leaf("mime-type", blob.mimeType ?? "", depth: depth + 1)
            out.leaf("filename", blob.name ?? "", depth: depth + 1)
            out.leaf("data", Self.dataName(blob), depth: depth + 1)
            out.leaf("digest", blob.digest, depth: depth + 1)
            out.close(element, depth: depth)
        case .list(let itemType):
            write(items: value, of: itemType, element: element, depth: depth, into: &out)
        case .complex(let fields):
            writeComplex(value, fields: fields, element: element, depth: depth, into: &out)
        case .complexList(let fields):
            write(items: value, of: .complex(fields), element: element, depth: depth, into: &out)
        default:
            out.leaf(element, Self.scalarText(value), depth: depth)
        }
    }

    /// A list: one unprefixed `<item>` per non-null element, `<element/>` when empty.
    func write(items value: JSONValue, of itemType: FieldType, element: String, depth: Int, into out: inout XMLText) {
        let items = value.arrayValue ?? []
        if items.isEmpty { out.empty(element, depth: depth); return }
        out.open(element, depth: depth)
        for item in items where item != .null { write(item, as: itemType, element: "item", depth: depth + 1, into: &out) }
        out.close(element, depth: depth)
    }

    func writeComplex(_ value: JSONValue, fields: [Field], element: String, depth: Int, into out: inout XMLText) {
        guard case .object(let object) = value else { return }
        let set = fields.sorted { $0.name < $1.name }.compactMap { field in (object[field.name] ?? nil).flatMap { $0 == .null ? nil : (field, $0) } }
        if set.isEmpty { out.empty(element, depth: depth); return }
        out.open(element, depth: depth)
        for (field, sub) in set { write(sub, as: field.type, element: field.name, depth: depth + 1, into: &out) }
        out.close(element, depth: depth)
    }

    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return ""
        }
    }
}

/// Indented XML text as dom4j's pretty printer writes it (two spaces, one element per line).
struct XMLText {
    var text = ""
    /// The files named so far.
    var blobs: [BlobValue] = []

    mutating func raw(_ s: String) { text += s }

    mutating func open(_ name: String, attributes: [(String, String)] = [], depth: Int) {
        text += String(repeating: "  ", count: depth) + "<" + name + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ name: String, depth: Int) { text += String(repeating: "  ", count: depth) + "</" + name + ">\n" }

    mutating func empty(_ name: String, attributes: [(String, String)] = [], depth: Int) {
        text += String(repeating: "  ", count: depth) + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    mutating func leaf(_ name: String, _ value: String, depth: Int) {
        text += String(repeating: "  ", count: depth) + "<" + name + ">" + Self.content(value) + "</" + name + ">\n"
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(MarkupEntities.escape($0.1))\"" }.joined()
    }

    /// Element text: in CDATA when it holds a control character, a character beyond ASCII, `<` or `&` (a `]]>` split
    /// across two sections), else with `>` escaped.
    static func content(_ value: String) -> String {
        let needsCDATA = value.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E || $0 == "<" || $0 == "&" }
        if needsCDATA { return "<![CDATA[" + value.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>" }
        return value.replacingOccurrences(of: ">", with: "&gt;")
    }
}
