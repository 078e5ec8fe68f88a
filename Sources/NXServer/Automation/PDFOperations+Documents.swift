import Foundation
import NXAPI
import NXCore
import NXRuntime

/// `PDF.ExtractText` and `PDF.ExtractInfo`: properties of the input document(s) set from their PDF, through the
/// repository's update path (nx saves the change whatever `save` says, as its other property operations do).
extension DocumentOperations {
    /// Sets `targetxpath` to the line of the PDF's text (at `pdfxpath`) that starts with `patterntofind`, up to the end of
    /// the line, trimmed (without the pattern with `removepatternfromresult`); not found → the property is removed.
    func pdfExtractText(_ input: Value, _ params: PdfExtractTextParams, context: Context) async throws -> Value {
        guard let target = params.targetxpath, let pattern = params.patterntofind else {
            throw NXError.invalid("The parameters 'targetxpath' and 'patterntofind' are required")
        }
        let (tools, _) = try context.pdfTools()
        return try await context.each(input) { document in
            let (key, type) = try context.field(target, of: document)
            let source = try context.path(of: try context.pdfBlob(of: document, xpath: params.pdfxpath, failure: "Failed to load the PDF"))
            let text = try await tools.withWorkDirectory { work in
                try await work.text(of: try await work.load(source, password: params.password))
            }
            let value = PDFText.line(startingWith: pattern, in: text, removingPattern: params.removepatternfromresult)
            return try await context.setProperties([key: try PDFText.value(value, type: type, key: key)], of: document)
        }
    }

    /// Sets each property of `properties` (`xpath=label`) to the PDF information of that label (see
    /// `PDFWorkDirectory.info`); an unknown label sets null. No file at `xpath`, or a file whose type is not
    /// `application/pdf` → every property is set to "" (null for a field that cannot hold text).
    func pdfExtractInfo(_ input: Value, _ params: PdfExtractInfoParams, context: Context) async throws -> Value {
        let mapping = PDFNames.texts(params.properties)
        let (tools, _) = try context.pdfTools()
        return try await context.each(input) { document in
            var values = JSONObject()
            let blob = try context.optionalPDFBlob(of: document, xpath: params.xpath)
            var info: [String: String?]?
            if let blob, blob.mimeType == nil || blob.mimeType == "application/pdf" {
                let source = try context.path(of: blob)
                let entries = try await tools.withWorkDirectory { work in
                    try await work.info(of: source, fileName: blob.name, fileSize: blob.length)
                }
                info = Dictionary(entries.map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            for (xpath, label) in mapping {
                let (key, type) = try context.field(xpath, of: document)
                let value: String? = info.map { $0[label] ?? nil } ?? ""
                values[key] = try PDFText.value(value, type: type, key: key)
            }
            return try await context.setProperties(values, of: document)
        }
    }
}

/// Text helpers of `PDF.ExtractText` and `PDF.ExtractInfo`.
enum PDFText {
    /// Nuxeo's `PDFTextExtractor.extractLineOf` (and `extractLastPartOfLine`): from the first occurrence of `pattern` to
    /// the next line break (or the end), trimmed as Java trims; nil when the pattern does not occur.
    static func line(startingWith pattern: String, in text: String, removingPattern: Bool) -> String? {
        guard let start = text.range(of: pattern)?.lowerBound else { return nil }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        let line = javaTrim(String(text[start..<end]))
        guard removingPattern else { return line }
        return String(decoding: Array(line.utf16.dropFirst(pattern.utf16.count)), as: UTF16.self)
    }

    /// Java's `String.trim`: code units up to U+0020 removed at both ends.
    static func javaTrim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }), let last = scalars.lastIndex(where: { $0.value > 0x20 }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// `text` as a value of a field of `type`: null for nil; "" for a field that cannot hold it becomes null.
    static func value(_ text: String?, type: FieldType, key: String) throws -> JSONValue {
        guard let text else { return .null }
        do {
            return try PropertyCoercion.coerce(.string(text), to: type, key: key)
        } catch where text.isEmpty {
            return .null
        }
    }
}
