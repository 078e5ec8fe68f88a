import Foundation
import NXRuntime

/// Text and document information.
extension PDFWorkDirectory {
    /// The text of a readable PDF (poppler's `pdftotext`, reading order, UTF-8, no page-break characters).
    public func text(of file: String, failure: String = "Failed to handle the pdf") async throws -> String {
        let target = newFile("txt")
        try await run(.pdftotext, ["-enc", "UTF-8", "-nopgbrk", file, target], failure: failure)
        return try read(target, failure: failure)
    }

    /// Nuxeo's `PDFInfo.toHashMap` of `file` (read without a password, as `PDF.ExtractInfo` reads it), in its order:
    /// `File name`, `File size`, `PDF version`, `Page count`, `Page size`, `Page width`, `Page height`, `Page layout`,
    /// `Title`, `Author`, `Subject`, `PDF producer`, `Content creator`, `Creation date`, `Modification date`,
    /// `Encrypted`, `Keywords`, the media and crop box sizes of the first page (-1 without pages), and the eight `Can …`
    /// permissions. The structure comes from qpdf's JSON, the box sizes from poppler to the hundredth of a point; dates
    /// are `yyyy-MM-dd HH:mm:ss` in `timeZone`. A file that is not a PDF or needs a password → 400 "Failed to load the PDF".
    public func info(of file: String, fileName: String?, fileSize: Int64, timeZone: TimeZone = .current) async throws
        -> [(label: String, value: String?)] {
        let failure = "Failed to load the PDF"
        let file = ConverterRunner.absolute(file)
        let json = try await qpdfJSON(["--json-key=encrypt", "--json-key=pages", "--json-key=qpdf", "--json-object=trailer"], file,
                                      failure: failure)
        guard let root = json.objectValue, let pages = root["pages"]?.arrayValue, let (header, trailer) = Self.headerAndTrailer(json)
        else { throw NXError.invalid(failure) }
        // The catalog (page layout) and the information dictionary, in one more run.
        let refs = [trailer["/Root"], trailer["/Info"]].compactMap { $0?.stringValue }.filter(Self.isReference)
        var objects: JSONValue = .null
        if !refs.isEmpty {
            objects = try await qpdfJSON(["--json-key=qpdf"] + refs.map { "--json-object=" + $0 }, file, failure: failure)
        }
        func resolve(_ value: JSONValue?) -> JSONObject? {
            if let ref = value?.stringValue { return Self.object(ref, in: objects)?.objectValue }
            return value?.objectValue
        }
        let layout = resolve(trailer["/Root"])?["/PageLayout"]?.stringValue.map { String($0.dropFirst()) } ?? "SinglePage"
        let information = resolve(trailer["/Info"]) ?? JSONObject()
        func text(_ key: String) -> String { information[key]?.stringValue.flatMap(Self.text) ?? "" }
        func date(_ key: String) -> String {
            information[key]?.stringValue.flatMap(Self.text).flatMap(Self.pdfDate).map { Self.localDate($0, timeZone: timeZone) } ?? ""
        }
        let encryption = root["encrypt"]?.objectValue
        let encrypted = encryption?["encrypted"]?.boolValue ?? false
        var permissions = PDFPermissions.all
        if encrypted, encryption?["ownerpasswordmatched"]?.boolValue != true,
           let p = encryption?["parameters"]?.objectValue?["P"]?.int64Value {
            permissions = PDFPermissions(bits: p)
        }
        var boxes: [String: (Double, Double, Double, Double)] = [:]
        if !pages.isEmpty {
            let text = try await output(.pdfinfo, ["-box", "-f", "1", "-l", "1", file], failure: failure)
            boxes = Self.parseBoxes(text)[1] ?? [:]
        }
        func size(_ box: (Double, Double, Double, Double)?) -> (Float, Float) {
            guard let (x0, y0, x1, y1) = box else { return (-1, -1) }
            return (Float(x1 - x0), Float(y1 - y0))
        }
        let media = size(boxes["MediaBox"])
        let crop = size(boxes["CropBox"] ?? boxes["MediaBox"])
        return [
            ("File name", fileName), ("File size", String(fileSize)), ("PDF version", header["pdfversion"]?.stringValue ?? ""),
            ("Page count", String(pages.count)),
            ("Page size", String(format: "%.1f x %.1f points", Double(media.0), Double(media.1))),
            ("Page width", media.0.description), ("Page height", media.1.description), ("Page layout", layout),
            ("Title", text("/Title")), ("Author", text("/Author")), ("Subject", text("/Subject")),
            ("PDF producer", text("/Producer")), ("Content creator", text("/Creator")),
            ("Creation date", date("/CreationDate")), ("Modification date", date("/ModDate")),
            ("Encrypted", String(encrypted)), ("Keywords", text("/Keywords")),
            ("Media box width", media.0.description), ("Media box height", media.1.description),
            ("Crop box width", crop.0.description), ("Crop box height", crop.1.description),
            ("Can Print", String(permissions.print)), ("Can Modify", String(permissions.modify)),
            ("Can Extract", String(permissions.copy)), ("Can Modify Annotations", String(permissions.modifyAnnotations)),
            ("Can Fill Forms", String(permissions.fillForms)),
            ("Can Extract for Accessibility", String(permissions.extractForAccessibility)),
            ("Can Assemble", String(permissions.assemble)), ("Can Print Degraded", String(permissions.printDegraded)),
        ]
    }

    /// A PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional, `O` being `Z`, `+` or `-`; UTC when
    /// absent), nil when it does not read as one.
    static func pdfDate(_ text: String) -> Date? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("D:") { rest = rest.dropFirst(2) }
        func digits(_ count: Int, default value: Int) -> Int? {
            let part = rest.prefix(count)
            guard part.count == count, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else { return part.isEmpty ? value : nil }
            rest = rest.dropFirst(count)
            return Int(part)
        }
        guard let year = digits(4, default: -1), year >= 0, let month = digits(2, default: 1), let day = digits(2, default: 1),
              let hour = digits(2, default: 0), let minute = digits(2, default: 0), let second = digits(2, default: 0)
        else { return nil }
        var offset = 0
        if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let hours = digits(2, default: 0) else { return nil }
            if rest.first == "'" { rest = rest.dropFirst() }
            guard let minutes = digits(2, default: 0) else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        else { return nil }
        return date.addingTimeInterval(TimeInterval(-offset))
    }

    /// `date` as `yyyy-MM-dd HH:mm:ss` in `timeZone` (Nuxeo's `SimpleDateFormat` in the server's zone).
    static func localDate(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
