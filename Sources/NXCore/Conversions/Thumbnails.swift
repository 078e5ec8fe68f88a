import Foundation
import NXRuntime

/// Thumbnails of documents, as Nuxeo's `ThumbnailService`: computed from the main blob (`file:content`) by the converter
/// for its type (an image, a PDF's first page, an office document's first page) and stored on the document in
/// `thumb:thumbnail` with the `Thumbnail` facet, without touching its Dublin Core, versions or audit trail.
public struct Thumbnails: Sendable {
    public static let xpath = "thumb:thumbnail"
    public static let facet = "Thumbnail"
    /// The longer side of a thumbnail, in pixels (Nuxeo's default thumbnail size).
    public static let size = 350

    let repository: Repository
    let conversions: ConversionService

    public init(repository: Repository, conversions: ConversionService) {
        self.repository = repository
        self.conversions = conversions
    }

    /// The converter of a source type's thumbnail, nil when none is declared (the document then has no thumbnail).
    public func converter(for mimeType: String) -> String? {
        for name in ["imageToThumbnail", "pdfToThumbnail", "officeToThumbnail"] where conversions.descriptor(name)?.accepts(mimeType) == true {
            return name
        }
        return nil
    }

    /// The main blob of a document (`file:content`), if any.
    public static func mainBlob(of document: DocumentRecord) -> BlobValue? {
        BlobValue(stored: document.properties["file:content"] ?? nil)
    }

    /// The thumbnail stored on a document, if computed.
    public static func stored(on document: DocumentRecord) -> BlobValue? {
        BlobValue(stored: document.properties[xpath] ?? nil)
    }

    /// Computes the thumbnail of a document's main blob (converted, then stored as a binary); nil when it has no main
    /// blob or no converter reads its type. A converter whose tool is missing throws Nuxeo's "not available" 400.
    public func compute(_ document: DocumentRecord) async throws -> BlobValue? {
        guard let blob = Self.mainBlob(of: document), let binaries = repository.binaries, let source = repository.conversionSource(of: blob),
              let converter = converter(for: source.mimeType)
        else { return nil }
        let result = try await conversions.convert(converter, source: source, parameters: ["size": String(Self.size)])
        let stem = blob.name.map { ($0 as NSString).deletingPathExtension } ?? ""
        return try binaries.storeBlob(file: result.path, name: (stem.isEmpty ? "thumbnail" : stem) + ".png", mimeType: result.mimeType)
    }

    /// Stores `thumbnail` (nil removes it) on the document `id`, adding the facet: a system change, without Dublin Core,
    /// checkout, version or audit entry (as Nuxeo's thumbnail listener saves it).
    public func store(_ thumbnail: BlobValue?, on id: String) async throws {
        let repository = self.repository
        try await repository.write { tx in
            var document = try Repository.resolve(.id(id), tx)
            if thumbnail != nil, !document.instanceFacets.contains(Self.facet),
               repository.registry.type(of: document)?.facets.contains(Self.facet) != true {
                document.instanceFacets.append(Self.facet)
            }
            guard repository.registry.type(of: document)?.hasSchema("thumbnail") == true else { return }
            document.properties[Self.xpath] = thumbnail?.json ?? JSONValue?.none
            document.sysChangeToken += 1
            try tx.update(document)
        }
    }

    /// Computes and stores the thumbnail of the document `id`; false when it has none to compute (no main blob, no
    /// converter for its type), which removes a stale one.
    @discardableResult
    public func recompute(_ id: String) async throws -> Bool {
        let document = try await repository.document(.id(id))
        let thumbnail = try await compute(document)
        if thumbnail == nil && Self.stored(on: document) == nil { return false }
        try await store(thumbnail, on: id)
        return thumbnail != nil
    }
}

extension Thumbnails {
    /// `recomputeThumbnails`: computes and stores each document's thumbnail again (outside transactions: a conversion
    /// runs a tool), at most once per document; a document without a main blob or a converter for it is skipped.
    public func bulkAction() -> BulkAction {
        BulkAction(id: "recomputeThumbnails", validate: { params, _ in
            for (name, _) in params { throw BulkAction.unknownParameter(name) }
        }, processing: .eachDocument { document, _, _ in
            try await recompute(document.id) ? .processed : .skipped
        })
    }
}
