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
        guard let blob = Thumbnails.mainBlob(of: document), let binaries = repository.binaries, let path = binaries.file(blob.digest) else { return nil }
        let mimeType = repository.detectMimeType(blob)
        let original = ImageHeader.read(path)
        let stem = blob.name.map { ($0 as NSString).deletingPathExtension } ?? "picture"
        var views: [JSONValue] = []
        for definition in Self.definitions {
            let side = definition.maxSize > 0 ? definition.maxSize : max(original?.width ?? 8192, original?.height ?? 8192, 1)
            let bounded = String(min(side, 8192))
            let result = try await conversions.convert("pictureResize", source: ConversionSource(path: path, mimeType: mimeType, filename: blob.name,
                                                                                                 digest: blob.digest),
                                                       parameters: ["width": bounded, "height": bounded])
            let stored = try binaries.store(file: result.path)
            let header = ImageHeader.read(result.path)
            let filename = "\(definition.title)_\(stem).jpg"
            let content = BlobValue(name: filename, mimeType: "image/jpeg", encoding: nil, digest: stored.digest,
                                    digestAlgorithm: binaries.digestAlgorithm.rawValue, length: stored.length)
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

/// Width, height and format read from an image file's header (PNG, JPEG, GIF, netpbm), without decoding it.
public struct ImageHeader: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var format: String

    public static func read(_ path: String) -> ImageHeader? {
        guard let reader = try? FileReader(path: path) else { return nil }
        defer { reader.close() }
        return (try? reader.read(at: 0, maxCount: 1 << 20)).flatMap(parse)
    }

    public static func parse(_ b: [UInt8]) -> ImageHeader? {
        func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        if b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return ImageHeader(width: be32(16), height: be32(20), format: "PNG") }
        if b.count >= 10, b.starts(with: Array("GIF8".utf8)) {
            return ImageHeader(width: Int(b[6]) | Int(b[7]) << 8, height: Int(b[8]) | Int(b[9]) << 8, format: "GIF")
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = be16(i + 2)
                // Start of frame (baseline, progressive…; not DHT C4, JPG C8, DAC CC).
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return ImageHeader(width: be16(i + 7), height: be16(i + 5), format: "JPEG")
                }
                guard length >= 2 else { return nil }
                i += 2 + length
            }
            return nil
        }
        if b.count >= 2, b[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[1]) {
            // Netpbm: magic, then width and height as decimal tokens, comments (#…) skipped.
            var tokens: [Int] = []
            var i = 2
            while tokens.count < 2 && i < b.count {
                if b[i] == UInt8(ascii: "#") { while i < b.count && b[i] != 0x0A { i += 1 }; continue }
                if (0x30...0x39).contains(b[i]) {
                    var value = 0
                    while i < b.count, (0x30...0x39).contains(b[i]), value < 1 << 30 { value = value * 10 + Int(b[i] - 0x30); i += 1 }
                    tokens.append(value)
                    continue
                }
                i += 1
            }
            return tokens.count == 2 ? ImageHeader(width: tokens[0], height: tokens[1], format: "PPM") : nil
        }
        return nil
    }
}
