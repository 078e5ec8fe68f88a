import Foundation
import NXRuntime

/// Nuxeo's `RenditionService` over the definitions of `Spec/renditions/`: which renditions a document has (the
/// `renditions` enricher lists the visible ones) and each one's file (`@rendition/{name}`).
public struct RenditionService: Sendable {
    /// What a rendition produced: a stored binary, or a conversion's result file (cached by the conversion service).
    public enum Output: Sendable {
        case stored(BlobValue)
        case converted(ConversionResult)
    }

    public let definitions: [RenditionDescriptor]
    let repository: Repository
    let conversions: ConversionService

    public init(definitions: [RenditionDescriptor], repository: Repository, conversions: ConversionService) {
        self.definitions = definitions
        self.repository = repository
        self.conversions = conversions
    }

    var thumbnails: Thumbnails { Thumbnails(repository: repository, conversions: conversions) }

    /// The definition named `name`.
    public func definition(_ name: String) -> RenditionDescriptor? { definitions.first { $0.name == name } }

    /// The renditions `document` has, in definition order; only those the enricher lists with `visibleOnly`.
    public func available(for document: DocumentRecord, visibleOnly: Bool) -> [RenditionDescriptor] {
        definitions.filter { (!visibleOnly || $0.visible) && isAvailable($0, for: document) }
    }

    /// Whether `definition` applies to `document` (its filter) and can produce something for it.
    public func isAvailable(_ definition: RenditionDescriptor, for document: DocumentRecord) -> Bool {
        let facets = repository.registry.type(of: document)?.facets ?? []
        if let folderish = definition.folderish, facets.contains("Folderish") != folderish { return false }
        if let facet = definition.facet, !facets.contains(facet) { return false }
        let main = Thumbnails.mainBlob(of: document)
        switch definition.producer {
        case .convertTo(let type):
            guard let main else { return false }
            return canConvert(repository.detectMimeType(main), to: type)
        case .converter(let name):
            guard let main else { return false }
            return conversions.isAvailable(name) && conversions.descriptor(name)?.accepts(repository.detectMimeType(main)) == true
        case .builtin("mainBlob"):
            return main != nil
        case .builtin("thumbnail"):
            if Thumbnails.stored(on: document) != nil { return true }
            guard let main, let converter = thumbnails.converter(for: repository.detectMimeType(main)) else { return false }
            return conversions.isAvailable(converter)
        case .builtin:
            return true
        case .pictureView(let title):
            return Self.pictureView(title, of: document) != nil
        }
    }

    /// Whether a file of type `source` converts to `destination`: the same type, a converter for the pair, or one
    /// through HTML, each available here.
    func canConvert(_ source: String, to destination: String) -> Bool {
        if MimeTypes.normalize(source).lowercased() == MimeTypes.normalize(destination).lowercased() { return true }
        if let direct = conversions.converter(from: source, to: destination) { return conversions.isAvailable(direct.name) }
        if let toHTML = conversions.converter(from: source, to: "text/html"), let fromHTML = conversions.converter(from: "text/html", to: destination) {
            return conversions.isAvailable(toHTML.name) && conversions.isAvailable(fromHTML.name)
        }
        return false
    }

    /// The stored picture view `title` of a Picture.
    static func pictureView(_ title: String, of document: DocumentRecord) -> BlobValue? {
        guard case .array(let views)? = document.properties["picture:views"] ?? nil else { return nil }
        for case .object(let view) in views where (view["title"] ?? nil)?.stringValue == title {
            return BlobValue(stored: view["content"] ?? nil)
        }
        return nil
    }

    /// The rendition `name` of `document` (Nuxeo's synchronous path): unknown → 404 "No rendition 'X' was found"; a
    /// rendition that does not apply to the document, or that has nothing to render (no file) → 404 "No Blob was found
    /// for rendition 'X'". A thumbnail computed here is stored on the document.
    public func render(_ name: String, of document: DocumentRecord, principal: Principal) async throws -> Output {
        guard let definition = definition(name) else { throw NXError.notFound("No rendition '\(name)' was found") }
        let noBlob = NXError.notFound("No Blob was found for rendition '\(name)'")
        let facets = repository.registry.type(of: document)?.facets ?? []
        if let folderish = definition.folderish, facets.contains("Folderish") != folderish { throw noBlob }
        if let facet = definition.facet, !facets.contains(facet) { throw noBlob }
        switch definition.producer {
        case .convertTo(let type):
            let (main, source) = try mainSource(of: document, or: noBlob)
            let result = try await conversions.convert(to: type, source: source)
            return result.path == source.path ? .stored(main) : .converted(result)
        case .converter(let converter):
            let (_, source) = try mainSource(of: document, or: noBlob)
            return .converted(try await conversions.convert(converter, source: source))
        case .builtin("mainBlob"):
            guard let main = Thumbnails.mainBlob(of: document) else { throw noBlob }
            return .stored(main)
        case .builtin("thumbnail"):
            if let stored = Thumbnails.stored(on: document) { return .stored(stored) }
            guard let computed = try await thumbnails.compute(document) else { throw noBlob }
            try await thumbnails.store(computed, on: document.id)
            return .stored(computed)
        case .builtin("xmlExport"):
            return .stored(try await repository.exportXML(document, principal: principal))
        case .builtin("zipExport"):
            return .stored(try await repository.exportZip(document, tree: true, principal: principal))
        case .builtin(let other):
            throw NXError.internal("Unknown builtin rendition \(other)")
        case .pictureView(let title):
            guard let view = Self.pictureView(title, of: document) else { throw noBlob }
            return .stored(view)
        }
    }

    func mainSource(of document: DocumentRecord, or missing: NXError) throws -> (BlobValue, ConversionSource) {
        guard let main = Thumbnails.mainBlob(of: document), let path = repository.binaries?.file(main.digest) else { throw missing }
        return (main, ConversionSource(path: path, mimeType: repository.detectMimeType(main), filename: main.name, digest: main.digest))
    }
}
