import NXAPI
import NXCore
import NXRuntime

/// `PDF.MergeWithBlobs` and `PDF.MergeWithDocs` (Nuxeo's `PDFMerge`): the input's files first, then the file of the
/// context variable named `toAppendVarName`, the files of the one named `toAppendListVarName`, and (documents) the
/// files of the documents whose ids the one named `toAppendDocIDsVarName` lists. No file → null; one → that file as it
/// is; more → one PDF named `fileName` or after the first file.
extension DocumentOperations {
    func pdfMergeWithBlobs(_ input: Value, _ params: PdfMergeWithBlobsParams, context: Context) async throws -> Value {
        var blobs = try context.blobs(input)
        blobs += try await context.appendedBlobs(single: params.toAppendVarName, list: params.toAppendListVarName)
        return try await context.merge(blobs, fileName: params.fileName, title: params.pdfTitle, subject: params.pdfSubject,
                                       author: params.pdfAuthor)
    }

    func pdfMergeWithDocs(_ input: Value, _ params: PdfMergeWithDocsParams, context: Context) async throws -> Value {
        var blobs: [BlobValue] = []
        for document in try await context.documents(input) {
            if let blob = try context.optionalPDFBlob(of: document, xpath: params.xpath) { blobs.append(blob) }
        }
        blobs += try await context.appendedBlobs(single: params.toAppendVarName, list: params.toAppendListVarName)
        if !params.toAppendDocIDsVarName.isEmpty {
            let ids: [String]
            switch context.state.variable(params.toAppendDocIDsVarName) {
            case .json(.array(let items))? where items.allSatisfy({ $0.stringValue != nil }): ids = items.compactMap(\.stringValue)
            case let other: throw NXError.invalid("\(Self.kind(other)) is not a String[]")
            }
            for id in ids {
                let document = try await context.repository.document(.id(id), principal: context.principal)
                if let blob = try context.optionalPDFBlob(of: document, xpath: params.xpath) { blobs.append(blob) }
            }
        }
        return try await context.merge(blobs, fileName: params.fileName, title: params.pdfTitle, subject: params.pdfSubject,
                                       author: params.pdfAuthor)
    }

    /// A context variable's kind, for messages.
    static func kind(_ value: OperationValue?) -> String {
        guard let value else { return "null" }
        if case .json(.null) = value { return "null" }
        return value.kinds[0]
    }
}

extension OperationContext {
    /// Most files one merge takes.
    static let maxMergedFiles = 1000
    /// Most bytes of files one merge takes.
    static let maxMergedBytes: Int64 = 1 << 30

    /// The file of the variable `single` and the files of the variable `list` (names; empty: none). A file is a file value
    /// or, as nx also takes it, an upload reference (`{"upload-batch", "upload-fileId"}`); an unset single variable adds
    /// nothing (Nuxeo ignores a null file); a list that is not one → 400 "<kind> is not a Collection".
    func appendedBlobs(single: String, list: String) async throws -> [BlobValue] {
        var blobs: [BlobValue] = []
        if !single.isEmpty {
            switch state.variable(single) {
            case nil, .json(.null)?: break
            case .blob(let blob)?: blobs.append(blob)
            case .json(let value)?: blobs.append(try await uploadedBlob(value, variable: single))
            case let other?: throw NXError.invalid("\(DocumentOperations.kind(other)) is not a Blob")
            }
        }
        if !list.isEmpty {
            switch state.variable(list) {
            case .blobs(let files)?: blobs += files
            case .json(.array(let items))?:
                for item in items { blobs.append(try await uploadedBlob(item, variable: list)) }
            case let other: throw NXError.invalid("\(DocumentOperations.kind(other)) is not a Collection")
            }
        }
        return blobs
    }

    /// The uploaded file a context variable references (`{"upload-batch": …, "upload-fileId": …}`).
    func uploadedBlob(_ value: JSONValue, variable: String) async throws -> BlobValue {
        guard case .object(let object) = value, let batchId = object["upload-batch"]?.stringValue,
              let index = BlobInput.fileIndex(object["upload-fileId"]), let batches, let algorithm = repository.binaries?.digestAlgorithm
        else { throw NXError.invalid("\(value.kindName) is not a Blob (context variable '\(variable)')") }
        guard let file = try await batches.file(batchId, index: index), let blob = file.blob(algorithm: algorithm) else {
            throw NXError.invalid("Unable to find batch associated with id '\(batchId)' or file associated with index '\(index)'")
        }
        return blob
    }

    /// `blobs` merged (see `DocumentOperations.pdfMergeWithBlobs`), with the title, subject and author given (blank
    /// ones left as the first file has them).
    func merge(_ blobs: [BlobValue], fileName: String, title: String, subject: String, author: String) async throws -> OperationValue {
        guard blobs.count > 1 else { return blobs.first.map(OperationValue.blob) ?? .json(.null) }
        // Bounded: each file is copied into the work directory before the merge.
        guard blobs.count <= Self.maxMergedFiles else {
            throw NXError.invalid("Failed to merge the PDFs: more than \(Self.maxMergedFiles) files")
        }
        let total = blobs.reduce(Int64(0)) { sum, blob in sum.addingReportingOverflow(max(0, blob.length)).overflow ? Int64.max : sum + max(0, blob.length) }
        guard total <= Self.maxMergedBytes else {
            throw NXError.invalid("Failed to merge the PDFs: more than \(Self.maxMergedBytes >> 20) MiB of files")
        }
        let (tools, binaries) = try pdfTools()
        let sources = try blobs.map(path(of:))
        let merged = try await tools.withWorkDirectory { work in
            var files: [String] = []
            for source in sources { files.append(try await work.load(source)) }
            let failure = "Failed to merge the PDFs"
            let info = [("Title", title), ("Subject", subject), ("Author", author)].filter { !$0.1.isEmpty }.map { (key: $0.0, value: $0.1) }
            let result = try await work.settingInfo(info, of: try await work.merge(files, failure: failure), failure: failure)
            return try await store(result, name: fileName.isEmpty ? blobs[0].name : fileName, mimeType: "application/pdf", binaries)
        }
        return .blob(merged)
    }
}
