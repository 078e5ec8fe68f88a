import Foundation
import NXAPI
import NXCore
import NXRuntime

/// `Blob.ToPDF`, `Blob.Convert`, `Blob.RunConverter`: files (or a document's main file) converted by the converters of
/// `Spec/converters/`; each result is stored as a new binary.
extension DocumentOperations {
    func blobToPDF(_ input: Value, _ params: BlobToPDFParams, context: Context) async throws -> Value {
        try await convertEach(input, context: context) { conversions, source in
            try await conversions.convert(to: "application/pdf", source: source)
        }
    }

    func blobConvert(_ input: Value, _ params: BlobConvertParams, context: Context) async throws -> Value {
        try await convertEach(input, context: context) { conversions, source in
            try await conversions.convert(to: params.mimeType, source: source)
        }
    }

    func blobRunConverter(_ input: Value, _ params: BlobRunConverterParams, context: Context) async throws -> Value {
        var parameters: [String: String] = [:]
        for (name, value) in params.parameters ?? [:] {
            switch value {
            case .string(let text): parameters[name] = text
            case .int(let number): parameters[name] = String(number)
            case .bool(let flag): parameters[name] = String(flag)
            default: continue
            }
        }
        return try await convertEach(input, context: context) { conversions, source in
            try await conversions.convert(params.converter, source: source, parameters: parameters)
        }
    }

    /// Converts each file of the input (a document: its main file; none → null, as Nuxeo) and stores the results.
    func convertEach(_ input: Value, context: Context,
                     _ convert: (ConversionService, ConversionSource) async throws -> ConversionResult) async throws -> Value {
        guard let conversions = context.conversions, let binaries = context.repository.binaries else {
            throw NXError(.serviceNotAvailable, "Conversions are not available in this context")
        }
        var sources: [BlobValue] = []
        var single = false
        switch input {
        case .document(let document):
            guard let blob = Thumbnails.mainBlob(of: document) else { return .json(.null) }
            sources = [blob]
            single = true
        case .reference:
            let documents = try await context.documents(input)
            guard documents.count == 1, let blob = Thumbnails.mainBlob(of: documents[0]) else { return .json(.null) }
            sources = [blob]
            single = true
        case .blob(let blob):
            sources = [blob]
            single = true
        default:
            sources = try context.blobs(input)
        }
        var results: [BlobValue] = []
        for blob in sources {
            guard let source = context.repository.conversionSource(of: blob) else { throw NXError.notFound("No blob found") }
            let result = try await convert(conversions, source)
            if result.path == source.path {
                results.append(blob)
                continue
            }
            results.append(try binaries.storeBlob(file: result.path, name: result.filename, mimeType: result.mimeType))
        }
        return single ? (results.first.map(Value.blob) ?? .json(.null)) : .blobs(results)
    }
}
