/// A rendition definition (`Spec/renditions/*.yaml`): what `@rendition/{name}` produces for a document, when it is
/// available, and how the `renditions` enricher lists it.
public struct RenditionDef: Sendable {
    public var name: String
    /// Message key of its label (`label.rendition.pdf`), nil when it has none.
    public var label: String?
    /// Icon path under the server's base URL (`/icons/pdf.png`).
    public var icon: String?
    /// Nuxeo's rendition kind (`cmis:thumbnail`, `nuxeo:picture:conversion`), nil for most.
    public var kind: String?
    /// The mime type of what it produces, nil when it varies (the main blob).
    public var contentType: String?
    /// Listed by the `renditions` enricher.
    public var visible: Bool
    /// Produced even for a document without a file.
    public var allowEmptyBlob: Bool
    /// Which documents it applies to.
    public var filter: RenditionFilterDef
    /// How it is produced.
    public var producer: RenditionProducerDef
    public var origin: SpecOrigin
}

/// The documents a rendition applies to.
public struct RenditionFilterDef: Sendable, Equatable {
    /// Folderish documents only (true), non-folderish only (false), or both (nil).
    public var folderish: Bool?
    /// Documents with this facet only.
    public var facet: String?

    public init(folderish: Bool? = nil, facet: String? = nil) {
        self.folderish = folderish
        self.facet = facet
    }
}

/// How a rendition is produced.
public enum RenditionProducerDef: Sendable, Equatable {
    /// The main file converted to a mime type (itself when it already is of that type).
    case convertTo(String)
    /// The main file through a named converter.
    case converter(String)
    /// Implemented by nx: one of `SpecParser.builtinRenditions`.
    case builtin(String)
    /// A picture view of a Picture (`Thumbnail`, `Small`, …).
    case pictureView(String)
}
