/// A rendition definition as the generator emits it from `Spec/renditions/` (`NXSchemas.renditions`): what
/// `@rendition/{name}` produces, for which documents, and how the `renditions` enricher lists it.
public struct RenditionDescriptor: Sendable, Equatable {
    /// How a rendition is produced.
    public enum Producer: Sendable, Equatable {
        /// The main file converted to a mime type (itself when it already is of that type).
        case convertTo(String)
        /// The main file through a named converter.
        case converter(String)
        /// Implemented by nx: `mainBlob`, `thumbnail`, `xmlExport`, `zipExport`.
        case builtin(String)
        /// A picture view of a Picture (`Thumbnail`, `Small`, …).
        case pictureView(String)
    }

    public var name: String
    /// Message key of its label.
    public var label: String?
    /// Icon path under the server's base URL (`/icons/pdf.png`).
    public var icon: String?
    /// Nuxeo's rendition kind (`cmis:thumbnail`, `nuxeo:picture:conversion`).
    public var kind: String?
    /// The mime type of what it produces, nil when it varies.
    public var contentType: String?
    /// Listed by the `renditions` enricher.
    public var visible: Bool
    /// Produced even for a document without a file.
    public var allowEmptyBlob: Bool
    /// Folderish documents only (true), non-folderish only (false), or both (nil).
    public var folderish: Bool?
    /// Documents with this facet only.
    public var facet: String?
    public var producer: Producer

    public init(name: String, label: String?, icon: String?, kind: String?, contentType: String?, visible: Bool, allowEmptyBlob: Bool,
                folderish: Bool?, facet: String?, producer: Producer) {
        self.name = name
        self.label = label
        self.icon = icon
        self.kind = kind
        self.contentType = contentType
        self.visible = visible
        self.allowEmptyBlob = allowEmptyBlob
        self.folderish = folderish
        self.facet = facet
        self.producer = producer
    }
}
