import Foundation
import NXAPI
import NXCore
import NXRuntime

/// The operations of Nuxeo's PDF utilities add-on (Spec/operations/pdf.yaml) that turn files into files: pages,
/// pictures, page numbers, text watermarks, links. The tools run through `PDFTools` (qpdf, poppler-utils, Ghostscript);
/// results are stored as new binaries.
extension DocumentOperations {
    /// `PDF.ExtractPages`: pages `startPage` to `endPage` of the input file (or of the document's file at `xpath`), named
    /// `fileName` or `<name without .pdf>-<startPage>-<endPage>.pdf`, with the title, subject and author given.
    func pdfExtractPages(_ input: Value, _ params: PdfExtractPagesParams, context: Context) async throws -> Value {
        try await context.eachPDF(input, xpath: params.xpath) { tools, binaries, blob, source in
            try await tools.withWorkDirectory { work in
                let plain = try await work.load(source, password: params.password)
                var result = try await work.extractPages(plain, from: Int64(params.startPage), to: Int64(params.endPage))
                let info = [("Title", params.pdfTitle), ("Subject", params.pdfSubject ?? ""), ("Author", params.pdfAuthor)]
                    .filter { !$0.1.isEmpty }.map { (key: $0.0, value: $0.1) }
                result = try await work.settingInfo(info, of: result, failure: "Failed to extract the pages")
                let name = params.fileName.isEmpty
                    ? "\(PDFNames.base(of: blob.name))-\(params.startPage)-\(params.endPage).pdf" : params.fileName
                return try await context.store(result, name: name, mimeType: "application/pdf", binaries)
            }
        }
    }

    /// `PDF.ConvertToPictures`: each page of the document's PDF as a 300 DPI PNG file, `<fileName>-<n>.png` (`fileName`
    /// defaults to `<name without .pdf>.pdf`), typed `picture/png` as Nuxeo types them.
    func pdfConvertToPictures(_ input: Value, _ params: PdfConvertToPicturesParams, context: Context) async throws -> Value {
        let (tools, binaries) = try context.pdfTools()
        var pictures: [BlobValue] = []
        for document in try await context.documents(input) {
            let blob = try context.pdfBlob(of: document, xpath: params.xpath, failure: "Failed to load the PDF")
            let prefix = params.fileName.trimmingCharacters(in: .whitespaces).isEmpty ? PDFNames.base(of: blob.name) + ".pdf" : params.fileName
            let source = try context.path(of: blob)
            pictures += try await tools.withWorkDirectory { work in
                let plain = try await work.load(source, password: params.password)
                var stored: [BlobValue] = []
                for (index, file) in try await work.pictures(of: plain).enumerated() {
                    stored.append(try await context.store(file, name: "\(prefix)-\(index + 1).png", mimeType: "picture/png", binaries))
                }
                return stored
            }
        }
        return .blobs(pictures)
    }

    /// `PDF.AddPageNumbers`: the input file(s) with page numbers; the result keeps the input's name and, as in Nuxeo,
    /// has no mime type.
    func pdfAddPageNumbers(_ input: Value, _ params: PdfAddPageNumbersParams, context: Context) async throws -> Value {
        var numbering = PDFPageNumbering()
        numbering.startAtPage = Int64(params.startAtPage)
        numbering.startAtNumber = Int64(params.startAtNumber)
        numbering.position = .init(option: params.position)
        numbering.fontName = params.fontName
        numbering.fontSize = Double(params.fontSize)
        numbering.color = try PDFColor(hex255: params.hex255Color)
        return try await context.eachPDF(input, xpath: nil) { tools, binaries, blob, source in
            try await tools.withWorkDirectory { work in
                let plain = try await work.load(source, password: params.password)
                return try await context.store(try await work.addPageNumbers(plain, numbering), name: blob.name, mimeType: nil, binaries)
            }
        }
    }

    /// `PDF.WatermarkWithText`: the input file(s) with `text` drawn on every page, as the `properties` say.
    func pdfWatermarkWithText(_ input: Value, _ params: PdfWatermarkWithTextParams, context: Context) async throws -> Value {
        let watermark = try PDFTextWatermark(properties: PDFNames.texts(params.properties))
        return try await context.eachPDF(input, xpath: nil) { tools, binaries, _, source in
            try await tools.withWorkDirectory { work in
                let plain = try await work.load(source)
                let result = try await work.watermark(plain, text: params.text, watermark)
                return try await context.store(result, name: PDFNames.temporary(), mimeType: "application/pdf", binaries)
            }
        }
    }

    /// `PDF.ExtractLinks`: the input file's links of `type` (all three kinds with `getAll`) as a JSON array text of
    /// `{link, subType, page, text}` objects (in the order Nuxeo's org.json writes them).
    func pdfExtractLinks(_ input: Value, _ params: PdfExtractLinksParams, context: Context) async throws -> Value {
        let kinds: [PDFLink.Kind]
        if params.getAll {
            kinds = [.launch, .remoteGoTo, .uri]
        } else {
            guard let type = params.type, !type.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw NXError.invalid("type cannot be empty if getAll is false")
            }
            kinds = PDFLink.Kind(option: type).map { [$0] } ?? []
        }
        guard case .blob(let blob) = input else { throw context.invalidInput(input) }
        let (tools, _) = try context.pdfTools()
        let source = try context.path(of: blob)
        let links = try await tools.withWorkDirectory { work in
            try await work.links(of: try await work.load(source), kinds: kinds)
        }
        let array = JSONValue.array(links.map { link in
            .object(JSONObject([("link", .string(link.link)), ("subType", .string(link.kind.rawValue)), ("page", .int(Int64(link.page))),
                                ("text", .string(link.text))]))
        })
        return .json(.string(array.jsonString()))
    }
}

/// File names of the PDF operations' results.
enum PDFNames {
    /// Nuxeo's `PDFPageExtractor.getFileName`: the name cut at its last `.pdf` (any case, not at the start), or
    /// `extracted` when the file has no name.
    static func base(of name: String?) -> String {
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else { return "extracted" }
        // Searched in the name itself: an index found in a lowercased copy may not be one of the name's (`İ` grows).
        guard let range = name.range(of: ".pdf", options: [.backwards, .caseInsensitive]), range.lowerBound > name.startIndex else { return name }
        return String(name[..<range.lowerBound])
    }

    /// The name Nuxeo's results carry when they keep the name of their temporary file (`nxblob-<n>.pdf`).
    static func temporary() -> String { "nxblob-\(UInt64.random(in: 0...UInt64.max)).pdf" }

    /// A `properties` parameter as text pairs (numbers and booleans as JSON writes them, null as blank).
    static func texts(_ properties: JSONObject?) -> [(key: String, value: String)] {
        (properties ?? JSONObject()).map { entry in
            switch entry.value {
            case .null: return (entry.key, "")
            case .string(let text): return (entry.key, text)
            default: return (entry.key, entry.value.plainText)
            }
        }
    }
}

extension OperationContext {
    /// The PDF tools and the binary store; missing → 503.
    func pdfTools() throws -> (PDFTools, any BinaryStore) {
        guard let conversions, let binaries = repository.binaries else {
            throw NXError(.serviceNotAvailable, "The PDF operations are not available in this context")
        }
        return (conversions.pdf, binaries)
    }

    /// The stored file of `blob`.
    func path(of blob: BlobValue) throws -> String {
        guard let path = repository.binaries?.file(blob.digest) else { throw NXError.notFound("No blob found") }
        return path
    }

    /// The file of `document` at `xpath` (blank: `file:content`); none → 400 `failure`.
    func pdfBlob(of document: DocumentRecord, xpath: String?, failure: String) throws -> BlobValue {
        guard let blob = try optionalPDFBlob(of: document, xpath: xpath) else {
            throw NXError.invalid("\(failure): document \(document.id) has no file at \(PDFNames.xpath(xpath))")
        }
        return blob
    }

    /// The file of `document` at `xpath` (blank: `file:content`), nil when empty.
    func optionalPDFBlob(of document: DocumentRecord, xpath: String?) throws -> BlobValue? {
        try repository.blob(of: document, xpath: PDFNames.xpath(xpath)).blob
    }

    /// The tool's file `path` stored as a new binary, named `name`, of type `mimeType` (copied on a thread of its own:
    /// a result may be hundreds of MB).
    func store(_ path: String, name: String?, mimeType: String?, _ binaries: any BinaryStore) async throws -> BlobValue {
        try await BlockingIO.run { try binaries.storeBlob(file: path, name: name, mimeType: mimeType) }
    }

    /// Runs `body` on each file of the input — a file, files, or the file at `xpath` of each input document (a document
    /// without one gives nothing, as Nuxeo's null) — and answers the results as the signature does: one file for one
    /// input, a list for several. `body` gets the tools, the store, the file and its path.
    func eachPDF(_ input: OperationValue, xpath: String?,
                 _ body: (PDFTools, any BinaryStore, BlobValue, String) async throws -> BlobValue?) async throws -> OperationValue {
        let (tools, binaries) = try pdfTools()
        switch input {
        case .blob(let blob):
            return try await body(tools, binaries, blob, try path(of: blob)).map(OperationValue.blob) ?? .json(.null)
        case .blobs(let blobs):
            var results: [BlobValue] = []
            for blob in blobs { if let result = try await body(tools, binaries, blob, try path(of: blob)) { results.append(result) } }
            return .blobs(results)
        case .document, .reference, .documents, .page:
            let documents = try await self.documents(input)
            var results: [BlobValue] = []
            for document in documents {
                guard let blob = try optionalPDFBlob(of: document, xpath: xpath) else { continue }
                if let result = try await body(tools, binaries, blob, try path(of: blob)) { results.append(result) }
            }
            if case .documents = input { return .blobs(results) }
            if case .page = input { return .blobs(results) }
            if case .reference(let text) = input, text.contains(",") { return .blobs(results) }
            return results.first.map(OperationValue.blob) ?? .json(.null)
        case .void, .json:
            throw invalidInput(input)
        }
    }
}

extension PDFNames {
    /// An `xpath` parameter, blank meaning `file:content` (Nuxeo's `PDFUtils.checkXPath`).
    static func xpath(_ xpath: String?) -> String {
        guard let xpath, !xpath.trimmingCharacters(in: .whitespaces).isEmpty else { return "file:content" }
        return xpath
    }
}
