import Foundation

/// Extracts indexable text from a stored file, streaming from disk with a byte cap (never reads more than `maxBytes`
/// of a text file; default 10 MiB).
public struct TextExtractor: Sendable {
    /// `pdftotext` executable path; nil disables PDF extraction. The default looks it up on `PATH` (then `/usr/bin`,
    /// `/usr/local/bin`, `/opt/homebrew/bin`).
    public var pdftotext: String?
    /// The most bytes read from a text file, or accepted from `pdftotext`'s output.
    public var maxBytes: Int
    /// How long `pdftotext` may run before it is killed (the extraction then gives nil).
    public var timeoutSeconds: Double

    /// Creates an extractor.
    public init(
        pdftotext: String? = TextExtractor.findExecutable("pdftotext"), maxBytes: Int = 10 << 20,
        timeoutSeconds: Double = 30
    ) {
        self.pdftotext = pdftotext
        self.maxBytes = maxBytes
        self.timeoutSeconds = timeoutSeconds
    }

    /// The path of an executable named `name` found on `PATH` or in the usual system directories, or nil.
    /// A name containing `/` is checked as given.
    public static func findExecutable(_ name: String) -> String? {
        let fileManager = FileManager.default
        func isExecutable(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fileManager.isExecutableFile(atPath: path)
        }
        if name.isEmpty { return nil }
        if name.contains("/") { return isExecutable(name) ? name : nil }
        let pathDirectories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in pathDirectories + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"]
        where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// Whether files of this mime type can give text: `text/*`, HTML, XHTML, JSON (and `*+json`), XML (and `*+xml`),
    /// javascript, and PDF when `pdftotext` is set.
    public func supports(_ mimeType: String) -> Bool {
        guard let kind = Kind(mimeType) else { return false }
        return kind != .pdf || pdftotext != nil
    }

    /// The text of the file at `path`, whitespace-collapsed.
    ///
    /// * `text/plain` and other `text/*` (and javascript): the bytes as UTF-8, invalid bytes replaced.
    /// * HTML/XHTML: without tags, comments, `<script>`/`<style>` contents; entities decoded (`&amp;` `&lt;` `&gt;`
    ///   `&quot;` `&#39;` `&#NNN;` `&#xHH;` `&nbsp;` and common named ones).
    /// * XML: the character data and attribute values.
    /// * JSON: every string value (keys excluded), via a tolerant scan that does not need the whole document.
    /// * PDF: `pdftotext -q -enc UTF-8 <path> -` (an argument array, never a shell string), its output read
    ///   incrementally and capped at `maxBytes`; killed after `timeoutSeconds` (then nil).
    ///
    /// Text files are read up to `maxBytes` only. An unsupported type, an unreadable file, a missing tool, a tool
    /// failure or a timeout give nil; this never throws.
    public func extract(path: String, mimeType: String) async -> String? {
        guard let kind = Kind(mimeType) else { return nil }
        if kind == .pdf {
            return await extractPDF(path: path)
        }
        guard let (bytes, truncated) = readCapped(path: path) else { return nil }
        let text: String
        switch kind {
        case .plain: text = UTF8Text.decodeLossy(bytes, truncated: truncated)
        case .html: text = HTMLTextStripper.text(of: bytes, truncated: truncated)
        case .xml: text = XMLTextStripper.text(of: bytes, truncated: truncated)
        case .json: text = JSONStringScanner.values(in: bytes, truncated: truncated).joined(separator: " ")
        case .pdf: return nil
        }
        return UTF8Text.collapseWhitespace(text)
    }

    private func extractPDF(path: String) async -> String? {
        guard let tool = pdftotext, FileManager.default.isReadableFile(atPath: path) else { return nil }
        guard
            let output = await CappedProcess.run(
                executable: tool, arguments: ["-q", "-enc", "UTF-8", path, "-"], maxBytes: max(0, maxBytes),
                timeoutSeconds: timeoutSeconds)
        else { return nil }
        if output.timedOut { return nil }
        guard output.succeeded || output.capped else { return nil }
        return UTF8Text.collapseWhitespace(UTF8Text.decodeLossy(output.bytes, truncated: output.capped))
    }

    /// At most `maxBytes` of the file, and whether the read stopped at the cap.
    private func readCapped(path: String) -> ([UInt8], Bool)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let cap = max(0, maxBytes)
        var bytes: [UInt8] = []
        while bytes.count < cap {
            let wanted = min(64 * 1024, cap - bytes.count)
            guard let chunk = try? handle.read(upToCount: wanted), !chunk.isEmpty else { return (bytes, false) }
            bytes.append(contentsOf: chunk)
        }
        return (bytes, true)
    }

    /// How a mime type's content gives text.
    private enum Kind {
        case plain, html, xml, json, pdf

        init?(_ mimeType: String) {
            let bare = MimeTypes.essence(of: mimeType)
            let parts = bare.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let type = parts[0], subtype = parts[1]
            switch true {
            case bare == "text/html" || bare == "application/xhtml+xml": self = .html
            case subtype == "json" || subtype.hasSuffix("+json"): self = .json
            case subtype == "xml" || subtype.hasSuffix("+xml"): self = .xml
            case bare == "application/pdf": self = .pdf
            case subtype.contains("javascript") || subtype.contains("ecmascript"): self = .plain
            case type == "text": self = .plain
            default: return nil
            }
        }
    }
}
