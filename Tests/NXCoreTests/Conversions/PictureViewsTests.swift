import Foundation
@testable import NXCore
import NXRuntime
import NXSchemas
import Testing

/// Picture views and thumbnails computed with ImageMagick from real images, queued when a picture's file changes.
@Suite struct PictureViewsTests {
    func picture(_ f: BlobFixture, file: String, mimeType: String) async throws -> DocumentRecord {
        let bytes = try #require(FileManager.default.contents(atPath: ConversionServiceTests.fixtures + "/" + file))
        let batch = try await f.batches.create()
        _ = try await f.batches.storeFile(batch, index: "0", name: file, mimeType: mimeType, binary: try f.binaries.store(Array(bytes)))
        return try await f.repository.create(in: .path("/default-domain/workspaces"), type: "Picture", name: "pic",
                                             properties: ["file:content": ["upload-batch": .string(batch), "upload-fileId": "0"]],
                                             principal: f.admin, blobs: BlobInput(baseURL: "http://localhost/nuxeo/"))
    }

    @Test func viewsAreQueuedOnUploadComputedOnceAndStored() async throws {
        let f = try await BlobFixture()
        let conversions = ConversionService(converters: NXSchemas.converters, directory: f.directory + "/conversions")
        let views = PictureViews(repository: f.repository, conversions: conversions)
        let manager = WorkManager(repository: f.repository)
        manager.register(views)
        let document = try await picture(f, file: "gradient-640x480.png", mimeType: "image/png")
        #expect(try await manager.drain(PictureViews.kind) == 1)
        let stored = try await f.repository.document(.id(document.id))
        let info = try #require(stored.properties["picture:info"] ?? nil)
        #expect(info == .object(["width": .int(640), "height": .int(480), "format": .string("PNG")]))
        let computed = try #require((stored.properties["picture:views"] ?? nil)?.arrayValue)
        let sizes = computed.compactMap { view -> String? in
            guard let o = view.objectValue, let title = o["title"]?.stringValue, case .int(let w)? = o["width"], case .int(let h)? = o["height"] else { return nil }
            return "\(title) \(w)x\(h)"
        }
        #expect(sizes == ["Thumbnail 100x75", "Small 280x210", "Medium 640x480", "FullHD 640x480", "OriginalJpeg 640x480"])
        // Storing the views wrote the document again: nothing is queued, the views come from the current file.
        #expect(try await manager.drain(PictureViews.kind) == 0)
        // A rendition thumbnail of the picture (PNG, 350 pixels wide).
        let thumbnails = Thumbnails(repository: f.repository, conversions: conversions)
        let thumbnail = try #require(try await thumbnails.compute(stored))
        #expect(thumbnail.mimeType == "image/png" && thumbnail.name == "gradient-640x480.png")
        let path = try #require(f.binaries.file(thumbnail.digest))
        #expect(ImageHeader.read(path) == ImageHeader(width: 350, height: 263, format: "PNG"))
    }

    @Test func imageHeadersAreReadWithoutDecoding() throws {
        #expect(ImageHeader.read(ConversionServiceTests.fixtures + "/gradient-32x24.ppm") == ImageHeader(width: 32, height: 24, format: "PPM"))
        #expect(ImageHeader.read(ConversionServiceTests.fixtures + "/huge-dimensions.png") == ImageHeader(width: 100_000, height: 100_000, format: "PNG"))
        #expect(ImageHeader.parse(Array("not an image".utf8)) == nil)
        #expect(ImageHeader.parse([0xFF, 0xD8, 0xFF]) == nil)
    }
}
