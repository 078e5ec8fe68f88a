import Foundation
import NXRuntime

/// Picture views, as Nuxeo's default picture conversions: Thumbnail (100 px), Small (280), Medium (1200), FullHD (1920)
/// and OriginalJpeg (the original size), each a JPEG no larger than the original, computed with the `pictureResize`
/// converter from a picture's file, with the original's width, height and format in `picture:info`. Computed in the
/// background (`pictureViews` work, queued when a picture's file changes) and by `recomputeViews`.
public struct PictureViews: Sendable, WorkProcessor {
    public static let type = "Picture"
    public static let facet = "Picture"
    public static let kind = "pictureViews"

    /// A view: title, description, tag and largest side (0: the original size).
    public struct Definition: Sendable {
        public var title: String
        public var description: String
        public var tag: String
        public var maxSize: Int
    }

    public static let definitions = [
        Definition(title: "Thumbnail", description: "small size", tag: "thumbnail", maxSize: 100),
        Definition(title: "Small", description: "Small Size", tag: "small", maxSize: 280),
        Definition(title: "Medium", description: "Medium Size", tag: "medium", maxSize: 1200),
        Definition(title: "FullHD", description: "Full HD Size", tag: "fullhd", maxSize: 1920),
        Definition(title: "OriginalJpeg", description: "Original jpeg image", tag: "originalJpeg", maxSize: 0),
    ]

    let repository: Repository
    let conversions: ConversionService
    public let queue: WorkQueue

    public init(repository: Repository, conversions: ConversionService, concurrency: Int = 1) {
        self.repository = repository
        self.conversions = conversions
        queue = WorkQueue(name: Self.kind, concurrency: concurrency, maxAttempts: 3)
    }

    /// The views and info of a picture's file; nil when it has no file. A file that is not an image ImageMagick reads
    /// throws (the work is retried, then kept as failed).
    public func compute(_ document: DocumentRecord) async throws -> (views: JSONValue, info: JSONValue, digest: String)? {
        guard let blob = Thumbnails.mainBlob(of: document), let binaries = repository.binaries, let source = repository.conversionSource(of: blob)
        else { return nil }
        let original = ImageHeader.read(source.path)
        let stem = blob.name.map { ($0 as NSString).deletingPathExtension } ?? "picture"
        var views: [JSONValue] = []
        for definition in Self.definitions {
            let side = definition.maxSize > 0 ? definition.maxSize : max(original?.width ?? 8192, original?.height ?? 8192, 1)
            let bounded = String(min(side, 8192))
            let result = try await conversions.convert("pictureResize", source: source, parameters: ["width": bounded, "height": bounded])
            let header = ImageHeader.read(result.path)
            let filename = "\(definition.title)_\(stem).jpg"
            let content = try binaries.storeBlob(file: result.path, name: filename, mimeType: "image/jpeg")
            views.append(.object([
                "title": .string(definition.title), "description": .string(definition.description), "tag": .string(definition.tag),
                "filename": .string(filename), "width": .int(Int64(header?.width ?? 0)), "height": .int(Int64(header?.height ?? 0)),
                "content": content.json,
                "info": .object(["width": .int(Int64(header?.width ?? 0)), "height": .int(Int64(header?.height ?? 0)), "format": .string("JPEG")]),
            ]))
        }
        let info: JSONValue = .object(["width": .int(Int64(original?.width ?? 0)), "height": .int(Int64(original?.height ?? 0)),
                                       "format": original.map { .string($0.format) } ?? .null])
        return (.array(views), info, blob.digest)
    }

    /// Stores computed views on the document `id` when its file is still the one they come from (a system change:
    /// no Dublin Core, version or audit entry), and records their source.
    static func store(_ computed: (views: JSONValue, info: JSONValue, digest: String), on id: String, _ tx: any DocumentWriting) throws {
        guard var document = try tx.document(id: id),
              BlobValue(stored: document.properties["file:content"] ?? nil)?.digest == computed.digest else { return }
        document.properties["picture:views"] = computed.views
        document.properties["picture:info"] = computed.info
        document.sysChangeToken += 1
        try tx.markDerivedWork(kind: kind, documentId: id, digest: computed.digest)
        try tx.update(document)
    }

    public func process(_ item: WorkItem) async throws -> @Sendable (any DocumentWriting) throws -> Void {
        guard let document = try? await repository.document(.id(item.key)), let computed = try await compute(document) else { return { _ in } }
        return { tx in try Self.store(computed, on: item.key, tx) }
    }

    /// `recomputeViews`: computes each picture's views again, at most once per document; others are skipped.
    public func bulkAction() -> BulkAction {
        BulkAction(id: "recomputeViews", validate: { params, _ in
            for (name, _) in params { throw BulkAction.unknownParameter(name) }
        }, processing: .eachDocument { document, _, _ in
            guard document.type == Self.type || document.instanceFacets.contains(Self.facet), let computed = try await compute(document) else {
                return .skipped
            }
            try await repository.write { tx in try Self.store(computed, on: document.id, tx) }
            return .processed
        })
    }
}

extension ImageHeader {
    /// The header of the image file at `path` (its first MiB), nil when unreadable or not an image nx knows.
    public static func read(_ path: String) -> ImageHeader? {
        guard let reader = try? FileReader(path: path) else { return nil }
        defer { reader.close() }
        return (try? reader.read(at: 0, maxCount: 1 << 20)).flatMap(parse)
    }
}
