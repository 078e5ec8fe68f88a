import Foundation

/// Mime-type detection, normalization and download safety, following Nuxeo's `MimetypeRegistryService` and
/// `MimetypeIconUpdater` (server-behaviour-2 §1.2).
public enum MimeTypes {
    /// The type Nuxeo falls back to when nothing better is known.
    static let octetStream = MimeTypeRegistry.defaultType

    /// Normalized mime type for a filename's extension (case-insensitive) per Nuxeo's registry table.
    ///
    /// `.tmp` files and names starting with `~$` (Office lock files) are `application/octet-stream`; an ambiguous
    /// extension (`xml`), a missing or blank extension and an unknown one give nil (content sniffing must decide).
    /// There is deliberately no `json` entry, as in Nuxeo. Directory parts (`/` or `\`) are ignored.
    public static func forFilename(_ name: String) -> String? {
        let baseName = lastPathComponent(of: name)
        let ext: String
        if let dot = baseName.lastIndex(of: ".") {
            ext = String(baseName[baseName.index(after: dot)...])
        } else {
            ext = ""
        }
        let lowerExt = ext.lowercased()
        if lowerExt == "tmp" || baseName.hasPrefix("~$") { return octetStream }
        if lowerExt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
        switch MimeTypeRegistry.extensionRules[lowerExt] {
        case .ambiguous?: return nil
        case .type(let type)?: return type
        case nil: return MimeTypeRegistry.typeByExtension[lowerExt]
        }
    }

    /// The mime type of a file extension (`pdf`, `.docx`), as `forFilename` answers it.
    public static func forExtension(_ ext: String) -> String? {
        let bare = ext.hasPrefix(".") ? String(ext.dropFirst()) : ext
        guard !bare.isEmpty, !bare.contains("/"), !bare.contains(".") else { return nil }
        return forFilename("file." + bare)
    }

    /// The extensions of a mime type, the preferred one first (empty when the registry knows none).
    public static func extensions(of mimeType: String) -> [String] {
        MimeTypeRegistry.entryByName[essence(of: mimeType).lowercased()]?.extensions ?? []
    }

    /// Content sniffing of the first bytes of a file (callers pass up to 8192 bytes).
    ///
    /// Recognises PDF, PNG, JPEG, GIF, TIFF, BMP, WEBP, PSD, ZIP (ODF through its stored `mimetype` entry, OOXML
    /// docx/xlsx/pptx from the first part names, JAR), gzip, `<?xml ` (→ `text/xml`), HTML (a leading
    /// `<!DOCTYPE html`, `<html`, `<head` or `<body`, case-insensitive, after whitespace or a BOM), RTF, PostScript,
    /// MP3 (ID3 tag or Layer III frame), OGG, FLAC, RIFF WAVE/AVI/WEBP, ISO media `ftyp` (MP4, QuickTime, M4A, 3GP)
    /// and Matroska/WebM. Otherwise valid UTF-8 without NUL in the first 16 bytes is `text/plain`; anything else nil.
    public static func sniff(_ prefix: [UInt8]) -> String? {
        MimeTypeSniffer.sniff(prefix)
    }

    /// The mime type a stored blob ends up with, per Nuxeo's `MimetypeIconUpdater`.
    ///
    /// A declared type that is nil, blank, or starts with `application/octet-stream` is replaced by
    /// `forFilename(filename) ?? sniff(prefix) ?? "application/octet-stream"` (a sniffed type is normalized too);
    /// any other declared type is normalized (aliases → canonical, e.g. `image/pjpeg` → `image/jpeg`). Parameters
    /// such as `; charset=` are left off the result; read them with `charset(of:)`.
    public static func detect(declared: String?, filename: String?, prefix: [UInt8]) -> String {
        let trimmed = declared?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !trimmed.isEmpty, !trimmed.lowercased().hasPrefix(octetStream) {
            return normalize(trimmed)
        }
        if let filename, let byName = forFilename(filename) { return byName }
        if let sniffed = sniff(prefix) { return normalize(sniffed) }
        return octetStream
    }

    /// The canonical form of a mime type: parameters stripped and lower-cased, then a registered alias replaced by
    /// its normalized type (in the registry's spelling, e.g. `…macroEnabled.12`). Unknown types come back lower-cased
    /// without parameters. Besides Nuxeo's aliases, `image/jpg` is accepted for `image/jpeg`.
    public static func normalize(_ mimeType: String) -> String {
        let bare = essence(of: mimeType)
        return MimeTypeRegistry.entryByName[bare]?.normalized ?? bare
    }

    /// The `charset` parameter of a content type, if any (`text/plain; charset=UTF-8` → `"UTF-8"`, quotes removed).
    public static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let key = parameter[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard key == "charset" else { continue }
            var value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Whether a download may carry this type as its Content-Type and be shown inline without being an XSS vector.
    ///
    /// Denied: anything malformed or unknown, HTML and XHTML, `image/svg+xml`, `text/xml`, `application/xml` and
    /// every `*+xml`, any javascript/ecmascript type, `multipart/*` and `message/*` (browsers may render MHTML or
    /// mail as documents), wildcards. Allowed: every `audio/*` and `video/*`; `image/*` except SVG; `application/json`; and
    /// the other types of Nuxeo's registry — pdf, plain text, csv, office and ODF documents, zip, octet-stream…
    /// Decision: `text/x-web-markdown` is **safe** — browsers show it as text and never render it as HTML (turning
    /// markdown into HTML is the client's job, which must sanitize it).
    public static func isSafeToServe(_ mimeType: String) -> Bool {
        let bare = essence(of: mimeType)
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, isToken(parts[0]), isToken(parts[1]) else { return false }
        let type = String(parts[0]), subtype = String(parts[1])
        if type == "*" || subtype == "*" || subtype.contains("svg") { return false }
        if type == "multipart" || type == "message" { return false }
        if subtype == "xml" || subtype.hasSuffix("+xml") || subtype.contains("html") { return false }
        if subtype.contains("javascript") || subtype.contains("ecmascript") || subtype.contains("jscript") {
            return false
        }
        if type == "audio" || type == "video" || type == "image" { return true }
        if bare == "application/json" { return true }
        return MimeTypeRegistry.entryByName[bare] != nil
    }

    /// The icon Nuxeo writes to `common:icon` for a mime type: `/icons/` + the registry icon of its normalized type
    /// (`/icons/pdf.png`, `/icons/text.png`, `/icons/image.gif`…), `/icons/application.png` for unknown types.
    public static func icon(for mimeType: String) -> String {
        "/icons/" + (MimeTypeRegistry.entryByName[normalize(mimeType)]?.icon ?? "application.png")
    }

    // MARK: - Helpers

    /// `type/subtype` lower-cased and trimmed, without parameters.
    static func essence(of mimeType: String) -> String {
        let head = mimeType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The part of a path after its last `/` or `\`.
    static func lastPathComponent(of path: String) -> String {
        guard let separator = path.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return path }
        return String(path[path.index(after: separator)...])
    }

    /// Whether `s` is a non-empty RFC 7230 token.
    private static func isToken(_ s: Substring) -> Bool {
        !s.isEmpty
            && s.unicodeScalars.allSatisfy { c in
                c.isASCII && c.value > 32 && c.value < 127 && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(c)
            }
    }
}
