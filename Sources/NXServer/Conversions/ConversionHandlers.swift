import Foundation
import HTTPTypes
import Hummingbird
import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `@convert` on a document (its main blob) or a blob, and the asynchronous conversions' poll and result (Nuxeo's
/// `ConvertAdapter`, server-behaviour-2.md §6.1).
extension APIHandlers {
    func convertDocument(repository: String, doc: DocumentRef, conversion: ConversionParameters, context: NXCallContext) async throws
        -> ConvertDocumentOutput {
        .ok(.response(try await converted(repository, doc, xpath: nil, conversion.converter, conversion.type, conversion.format, context)))
    }

    func convertBlob(repository: String, doc: DocumentRef, xpath: String, conversion: ConversionParameters, context: NXCallContext) async throws
        -> ConvertBlobOutput {
        .ok(.response(try await converted(repository, doc, xpath: xpath, conversion.converter, conversion.type, conversion.format, context)))
    }

    func convertDocumentForm(repository: String, doc: DocumentRef, converter: String?, type: String?, format: String?, async: Bool?,
                             context: NXCallContext) async throws -> ConvertDocumentFormOutput {
        if async == true {
            return .ok(.response(Self.scheduled(try await scheduleConversion(repository, doc, xpath: nil, converter, type, format, context))))
        }
        return .ok(.response(try await converted(repository, doc, xpath: nil, converter, type, format, context)))
    }

    func convertBlobForm(repository: String, doc: DocumentRef, xpath: String, converter: String?, type: String?, format: String?, async: Bool?,
                         context: NXCallContext) async throws -> ConvertBlobFormOutput {
        if async == true {
            return .ok(.response(Self.scheduled(try await scheduleConversion(repository, doc, xpath: xpath, converter, type, format, context))))
        }
        return .ok(.response(try await converted(repository, doc, xpath: xpath, converter, type, format, context)))
    }

    func pollConversion(repository: String, conversionId: String, context: NXCallContext) async throws -> PollConversionOutput {
        guard let state = state.conversionJobs.state(conversionId) else { throw NXError.notFound("No conversion job for id: \(conversionId)") }
        let status: String
        switch state {
        case .scheduled: status = "scheduled"
        case .running: status = "running"
        case .completed: status = "completed"
        }
        return .ok(ConversionStatusEntity(conversionId: conversionId, status: status,
                                          resultURL: Self.conversionURL(context, conversionId, "result")))
    }

    func getConversionResult(repository: String, conversionId: String, context: NXCallContext) async throws -> GetConversionResultOutput {
        guard case .completed(let outcome)? = state.conversionJobs.state(conversionId) else {
            throw NXError.notFound("No conversion result for id: \(conversionId)")
        }
        return .ok(.response(try Self.download(try outcome.get())))
    }

    // MARK: Conversion

    /// 202 with the scheduled conversion and `Location: <pollingURL>`, as Nuxeo answers.
    static func scheduled(_ entity: ConversionScheduledEntity) -> Response {
        var response = EntityResponse.make(status: 202, entity)
        response.headers[.location] = entity.pollingURL
        return response
    }

    static func conversionURL(_ context: NXCallContext, _ id: String, _ leaf: String) -> String {
        "\(context.baseURL)api/v1/conversions/\(id)/\(leaf)"
    }

    /// Schedules the conversion of a blob: 202 with the polling and result URLs (the blob is read now, as the caller).
    func scheduleConversion(_ repositoryName: String, _ doc: DocumentRef, xpath: String?, _ converter: String?, _ type: String?,
                            _ format: String?, _ context: NXCallContext) async throws -> ConversionScheduledEntity {
        let request = try conversionRequest(converter, type, format)
        let (source, cleanup) = try await conversionSource(repositoryName, doc, xpath: xpath, context)
        let parameters = Self.converterParameters(context)
        let conversions = state.conversions
        let id = state.conversionJobs.schedule {
            defer { cleanup() }
            return try await Self.run(request, source: source, parameters: parameters, conversions)
        }
        return ConversionScheduledEntity(conversionId: id, pollingURL: Self.conversionURL(context, id, "poll"),
                                         resultURL: Self.conversionURL(context, id, "result"))
    }

    /// Converts a blob now and answers its download.
    func converted(_ repositoryName: String, _ doc: DocumentRef, xpath: String?, _ converter: String?, _ type: String?, _ format: String?,
                   _ context: NXCallContext) async throws -> Response {
        let request = try conversionRequest(converter, type, format)
        let (source, cleanup) = try await conversionSource(repositoryName, doc, xpath: xpath, context)
        defer { cleanup() }
        return try Self.download(try await Self.run(request, source: source, parameters: Self.converterParameters(context), state.conversions))
    }

    /// What a conversion asks for: a converter, or a destination type (or extension).
    enum ConversionRequest {
        case converter(String)
        case mimeType(String)
    }

    func conversionRequest(_ converter: String?, _ type: String?, _ format: String?) throws -> ConversionRequest {
        if let converter, !converter.isEmpty { return .converter(converter) }
        if let type, !type.isEmpty { return .mimeType(type) }
        if let format, !format.isEmpty {
            guard let mimeType = MimeTypes.forExtension(format) else { throw NXError.invalid("no registered mimetype has extension: \(format)") }
            return .mimeType(mimeType)
        }
        throw NXError.invalid("No converter, type or format parameter specified")
    }

    /// Every query parameter (its first value), passed to the converter as Nuxeo passes them.
    static func converterParameters(_ context: NXCallContext) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in context.queryParameters where result[name] == nil { result[name] = value }
        return result
    }

    static func run(_ request: ConversionRequest, source: ConversionSource, parameters: [String: String], _ conversions: ConversionService)
        async throws -> ConversionResult {
        switch request {
        case .converter(let name):
            return try await conversions.convert(name, source: source, parameters: parameters)
        case .mimeType(let type):
            return try await conversions.convert(to: type, source: source, parameters: parameters)
        }
    }

    /// The file of the blob at `xpath` (the document's main blob when nil) as a conversion source, and what removes a
    /// temporary copy afterwards (a Note's text is written to one). No blob → 400 "No Blob found", as Nuxeo.
    func conversionSource(_ repositoryName: String, _ doc: DocumentRef, xpath: String?, _ context: NXCallContext) async throws
        -> (ConversionSource, @Sendable () -> Void) {
        let (repository, _) = try self.repository(repositoryName)
        let document = try await repository.document(doc, principal: context.user)
        let download: BlobDownload
        do {
            download = try self.download(document, xpath: xpath ?? "blobholder:0", repository: repository, urlFilename: nil)
        } catch let error as NXError where xpath == nil && error.code == .notFound {
            throw NXError.invalid("No Blob found")
        }
        let blob = download.blob
        let mimeType = repository.detectMimeType(blob)
        switch download.content {
        case .file(let path):
            return (ConversionSource(path: path, mimeType: mimeType, filename: blob.name, digest: blob.digest), {})
        case .bytes(let bytes):
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nx-convert-\(UUID().uuidString)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return (ConversionSource(path: path, mimeType: mimeType, filename: blob.name, digest: blob.digest),
                    { try? FileManager.default.removeItem(atPath: path) })
        }
    }

    /// The download of a converted file (no document: no `Last-Modified`).
    static func download(_ result: ConversionResult) throws -> Response {
        let blob = BlobValue(name: result.filename, mimeType: result.mimeType, encoding: nil,
                             digest: (result.path as NSString).lastPathComponent, digestAlgorithm: "conversion", length: result.length)
        return try BlobDownload(blob: blob, content: .file(result.path), urlFilename: nil, lastModified: nil)
            .response(method: .get, headers: [:], inline: false)
    }
}
