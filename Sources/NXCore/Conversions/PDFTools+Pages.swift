import Foundation
import NXRuntime

/// Pages: extraction, merging, rendering as pictures, and the document information (title, subject, author).
extension PDFWorkDirectory {
    /// Pages `start` to `end` (inclusive) of a readable PDF, as Nuxeo's `PDFPageExtractor` (PDFBox's `PageExtractor`)
    /// takes them: a start below 1 is 1, an end past the last page is the last page, and a start after the end (or after
    /// the last page) gives a document without pages, not an error. The document information is kept.
    public func extractPages(_ file: String, from start: Int64, to end: Int64) async throws -> String {
        let failure = "Failed to extract the pages"
        let count = Int64(try await pageCount(file, failure: failure))
        let first = max(1, start)
        let last = min(end, count)
        let target = newFile("pdf")
        if first > last {
            // No pages: qpdf's empty document, with the source's information as PDFBox copies it.
            try await run(.qpdf, ["--empty", target], failure: failure)
            return try await copyInfo(from: file, to: target, failure: failure)
        }
        try await run(.qpdf, ["--warning-exit-0", file, "--pages", ".", "\(first)-\(last)", "--", target], failure: failure)
        return target
    }

    /// The readable PDFs `files` one after the other (Nuxeo's `PDFMergerUtility`): the first one's document information
    /// is kept. At least two files.
    public func merge(_ files: [String], failure: String = "Failed to merge the PDFs") async throws -> String {
        guard let first = files.first else { throw NXError.invalid(failure) }
        let target = newFile("pdf")
        var arguments = ["--warning-exit-0", first, "--pages", ".", "1-z"]
        for file in files.dropFirst() { arguments += [file, "1-z"] }
        try await run(.qpdf, arguments + ["--", target], failure: failure)
        return target
    }

    /// Each page of a readable PDF as a 300 DPI RGB PNG file, in page order (Nuxeo's `getPagesAsImages`). More pages than
    /// `PDFTools.maxPictures`, or pictures larger than `PDFTools.maxFileBytes` together → 400.
    public func pictures(of file: String) async throws -> [String] {
        let failure = "Failed to extract the pages"
        let count = try await pageCount(file, failure: failure)
        guard count <= tools.maxPictures else {
            throw NXError.invalid("\(failure): the PDF has \(count) pages, at most \(tools.maxPictures) are converted to pictures")
        }
        let directory = path + "/pages-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        // pdftoppm names them page-1.png … or page-01.png … (as many digits as the last page number has). Rendered ten
        // pages at a time, the pictures' total checked after each run: a PDF of many heavy pages stops early.
        func rendered() throws -> [(Int, String)] {
            try FileManager.default.contentsOfDirectory(atPath: directory).compactMap { name -> (Int, String)? in
                guard name.hasPrefix("page-"), name.hasSuffix(".png"), let number = Int(name.dropFirst(5).dropLast(4)) else { return nil }
                return (number, directory + "/" + name)
            }.sorted { $0.0 < $1.0 }
        }
        var first = 1
        while first <= count {
            let last = min(count, first + 9)
            try await run(.pdftoppm, ["-png", "-r", "300", "-f", String(first), "-l", String(last), file, directory + "/page"], failure: failure)
            let total = try rendered().reduce(Int64(0)) { $0 + (ConversionService.fileSize($1.1) ?? 0) }
            guard total <= tools.maxFileBytes else {
                throw NXError.invalid("\(failure): the pictures take more than \(tools.maxFileBytes) bytes")
            }
            first = last + 1
        }
        let numbered = try rendered()
        // Poppler writes a 1 x 1 picture of a page it cannot allocate (a page of hundreds of inches): a failure.
        for (_, picture) in numbered {
            let handle = FileHandle(forReadingAtPath: picture)
            let start = (try? handle?.read(upToCount: 64)).flatMap { $0 }.map { Array($0) } ?? []
            try? handle?.close()
            guard let header = ImageHeader.parse(start), header.width > 1 || header.height > 1 else {
                throw NXError.invalid("\(failure): a page is too large to render")
            }
        }
        return numbered.map(\.1)
    }

    /// A copy of `file` whose document information has `values` (`/Title`, `/Subject`, `/Author` …, each a text), other
    /// entries kept: qpdf's JSON update of the information dictionary (a new one when the file has none).
    public func settingInfo(_ values: [(key: String, value: String)], of file: String, failure: String) async throws -> String {
        guard !values.isEmpty else { return file }
        let (header, trailer) = try await trailer(of: file, failure: failure)
        guard let maxObject = header["maxobjectid"]?.int64Value else { throw NXError.invalid(failure) }
        var info = JSONObject()
        var infoRef = "\(maxObject + 1) 0 R"
        var newTrailer = trailer
        if let existing = trailer["/Info"]?.stringValue, Self.isReference(existing) {
            infoRef = existing
            info = try await object(existing, of: file, failure: failure)?.objectValue ?? JSONObject()
        } else if let inline = trailer["/Info"]?.objectValue {
            info = inline
        }
        for (key, value) in values { info["/" + key] = .string("u:" + value) }
        newTrailer["/Info"] = .string(infoRef)
        let update: JSONValue = ["qpdf": [
            .object(JSONObject([("jsonversion", 2), ("pushedinheritedpageresources", false), ("calledgetallpages", false),
                                ("maxobjectid", .int(maxObject))])),
            .object(JSONObject([("obj:" + infoRef, ["value": .object(info)]), ("trailer", ["value": .object(newTrailer)])])),
        ]]
        let updateFile = try privateFile("json", contents: Data(update.jsonBytes()))
        defer { try? FileManager.default.removeItem(atPath: updateFile) }
        let target = newFile("pdf")
        try await run(.qpdf, ["--warning-exit-0", file, "--update-from-json=" + updateFile, target], failure: failure)
        return target
    }

    /// `target` with the document information of `source` (its text entries), when it has any.
    func copyInfo(from source: String, to target: String, failure: String) async throws -> String {
        let (_, trailer) = try await trailer(of: source, failure: failure)
        var info = trailer["/Info"]?.objectValue
        if let ref = trailer["/Info"]?.stringValue, Self.isReference(ref) { info = try await object(ref, of: source, failure: failure)?.objectValue }
        let values = (info ?? JSONObject()).compactMap { entry -> (key: String, value: String)? in
            guard entry.key.hasPrefix("/"), let text = entry.value.stringValue, text.hasPrefix("u:") else { return nil }
            return (String(entry.key.dropFirst()), String(text.dropFirst(2)))
        }
        return try await settingInfo(values, of: target, failure: failure)
    }

    // MARK: qpdf JSON

    /// qpdf's JSON header (`maxobjectid`, `pdfversion` …) and trailer dictionary of `file`.
    func trailer(of file: String, failure: String) async throws -> (header: JSONObject, trailer: JSONObject) {
        let json = try await qpdfJSON(["--json-key=qpdf", "--json-object=trailer"], file, failure: failure)
        guard let parts = Self.headerAndTrailer(json) else { throw NXError.invalid(failure) }
        return parts
    }

    /// The header and the trailer dictionary of qpdf's JSON read with `--json-key=qpdf --json-object=trailer`.
    static func headerAndTrailer(_ json: JSONValue) -> (header: JSONObject, trailer: JSONObject)? {
        guard let parts = json.objectValue?["qpdf"]?.arrayValue, parts.count == 2, let header = parts[0].objectValue,
              let trailer = parts[1].objectValue?["trailer"]?.objectValue?["value"]?.objectValue
        else { return nil }
        return (header, trailer)
    }

    /// The value of the object `ref` (`"12 0 R"`) of `file` in qpdf's JSON form, nil when missing.
    func object(_ ref: String, of file: String, failure: String) async throws -> JSONValue? {
        Self.object(ref, in: try await qpdfJSON(["--json-key=qpdf", "--json-object=" + ref], file, failure: failure))
    }

    /// The value of the object `ref` in qpdf's JSON read with `--json-key=qpdf --json-object=<ref>`, nil when missing.
    static func object(_ ref: String, in json: JSONValue) -> JSONValue? {
        json.objectValue?["qpdf"]?.arrayValue?.last?.objectValue?["obj:" + ref]?.objectValue?["value"]
    }

    /// qpdf's JSON (version 2) of `file` with `arguments` (keys, objects), parsed.
    func qpdfJSON(_ arguments: [String], _ file: String, failure: String) async throws -> JSONValue {
        // A damaged file qpdf repairs is read (its warnings do not fail the run), as PDFBox reads it leniently.
        let text = try await output(.qpdf, ["--warning-exit-0", "--json=2"] + arguments + [file], failure: failure)
        do {
            return try NXJSON.parse(Array(text.utf8))
        } catch {
            throw NXError.invalid(failure)
        }
    }

    /// Whether `text` is an indirect reference as qpdf's JSON writes it (`"12 0 R"`).
    static func isReference(_ text: String) -> Bool { text.wholeMatch(of: /\d+ \d+ R/) != nil }
}
