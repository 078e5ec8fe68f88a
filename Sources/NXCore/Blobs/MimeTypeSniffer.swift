/// Content sniffing from the first bytes of a file (magic numbers, then markup, then UTF-8 text).
///
/// Stands in for Nuxeo's jmimemagic detection; the results use the registry's normalized names where Nuxeo has one.
enum MimeTypeSniffer {
    /// The detected type of `bytes`, or nil when nothing is recognised.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return nil }
        if let binary = binaryType(bytes) { return binary }
        if let markup = textMarkupType(bytes) { return markup }
        return isPlainText(bytes) ? "text/plain" : nil
    }

    // MARK: - Binary formats

    private static func binaryType(_ b: [UInt8]) -> String? {
        if has(b, "%PDF-") { return "application/pdf" }
        if has(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if has(b, [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if has(b, "GIF87a") || has(b, "GIF89a") { return "image/gif" }
        if has(b, [0x49, 0x49, 0x2A, 0x00]) || has(b, [0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if isBMP(b) { return "image/bmp" }
        if has(b, "8BPS") { return "application/photoshop" }
        if has(b, "RIFF"), b.count >= 12 {
            if has(b, "WEBP", at: 8) { return "image/webp" }
            if has(b, "WAVE", at: 8) { return "audio/x-wav" }
            if has(b, "AVI ", at: 8) { return "video/x-msvideo" }
        }
        if has(b, [0x50, 0x4B, 0x03, 0x04]) { return zipType(b) }
        if has(b, [0x50, 0x4B, 0x05, 0x06]) || has(b, [0x50, 0x4B, 0x07, 0x08]) { return "application/zip" }
        if has(b, [0x1F, 0x8B, 0x08]) { return "application/gzip" }
        if has(b, [0xC5, 0xD0, 0xD3, 0xC6]) { return "application/postscript" }
        if has(b, "OggS") { return oggType(b) }
        if has(b, "fLaC") { return "audio/flac" }
        if has(b, "ID3") || isMPEGAudioFrame(b) { return "audio/mpeg" }
        if let isoMedia = isoMediaType(b) { return isoMedia }
        if has(b, [0x1A, 0x45, 0xDF, 0xA3]) { return matroskaType(b) }
        return nil
    }

    private static func isBMP(_ b: [UInt8]) -> Bool {
        // "BM", file size, two reserved zero words, pixel offset, then a known DIB header size.
        guard has(b, "BM"), b.count >= 18, b[6] == 0, b[7] == 0, b[8] == 0, b[9] == 0 else { return false }
        let dibSize = Int(b[14]) | Int(b[15]) << 8 | Int(b[16]) << 16 | Int(b[17]) << 24
        return [12, 16, 40, 52, 56, 64, 108, 124].contains(dibSize)
    }

    private static func isMPEGAudioFrame(_ b: [UInt8]) -> Bool {
        // MPEG-1/2/2.5 Layer III frame header (AAC ADTS, layer bits 00, is excluded).
        guard b.count >= 4, b[0] == 0xFF, b[1] & 0xE0 == 0xE0 else { return false }
        let version = (b[1] >> 3) & 0x03, layer = (b[1] >> 1) & 0x03
        let bitrate = b[2] >> 4, sampleRate = (b[2] >> 2) & 0x03
        return version != 0x01 && layer == 0x01 && bitrate != 0x0F && bitrate != 0 && sampleRate != 0x03
    }

    private static func oggType(_ b: [UInt8]) -> String {
        let head = Array(b.prefix(64))
        if contains(head, "\u{01}vorbis") || contains(head, "OpusHead") || contains(head, "Speex") { return "audio/ogg" }
        if contains(head, "theora") { return "video/ogg" }
        return "application/ogg"
    }

    private static func isoMediaType(_ b: [UInt8]) -> String? {
        guard b.count >= 8 else { return nil }
        if has(b, "ftyp", at: 4) {
            guard b.count >= 12 else { return "video/mp4" }
            let brand = String(decoding: b[8..<12], as: UTF8.self)
            switch brand {
            case "qt  ": return "video/quicktime"
            case "M4A ", "M4B ", "M4P ": return "audio/mp4"
            case "M4V ", "M4VH", "M4VP": return "video/x-m4v"
            case _ where brand.hasPrefix("3gp"): return "video/3gpp"
            case _ where brand.hasPrefix("3g2"): return "video/3gpp2"
            default: return "video/mp4"
            }
        }
        if has(b, "moov", at: 4) || has(b, "mdat", at: 4) || has(b, "wide", at: 4) { return "video/quicktime" }
        return nil
    }

    private static func matroskaType(_ b: [UInt8]) -> String {
        contains(Array(b.prefix(64)), "webm") ? "video/webm" : "video/x-matroska"
    }

    // MARK: - ZIP containers

    /// ODF (stored `mimetype` first entry), OOXML (first part names under `word/`, `xl/`, `ppt/`), JAR, else zip.
    private static func zipType(_ b: [UInt8]) -> String {
        var offset = 0
        var first = true
        while let header = ZipLocalHeader(b, at: offset) {
            if first, header.name == "mimetype", header.method == 0, let stored = header.storedText(b),
                isMimeTypeToken(stored)
            {
                return stored
            }
            if first, header.name == "META-INF/" || header.name == "META-INF/MANIFEST.MF" {
                return "application/java-archive"
            }
            if header.name.hasPrefix("word/") {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            if header.name.hasPrefix("xl/") { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
            if header.name.hasPrefix("ppt/") {
                return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            guard let next = header.nextOffset else { break }
            offset = next
            first = false
        }
        return "application/zip"
    }

    /// A ZIP local file header read from a byte prefix.
    private struct ZipLocalHeader {
        let name: String
        let method: Int
        let dataStart: Int
        let compressedSize: Int
        /// Where the next local header starts, when the sizes are known (no data descriptor).
        let nextOffset: Int?

        init?(_ b: [UInt8], at offset: Int) {
            guard offset >= 0, offset + 30 <= b.count, b[offset] == 0x50, b[offset + 1] == 0x4B,
                b[offset + 2] == 0x03, b[offset + 3] == 0x04
            else { return nil }
            func u16(_ i: Int) -> Int { Int(b[offset + i]) | Int(b[offset + i + 1]) << 8 }
            func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
            let flags = u16(6)
            let nameLength = u16(26), extraLength = u16(28)
            guard offset + 30 + nameLength <= b.count else { return nil }
            name = String(decoding: b[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self)
            method = u16(8)
            compressedSize = u32(18)
            dataStart = offset + 30 + nameLength + extraLength
            let hasDescriptor = flags & 0x08 != 0
            nextOffset = hasDescriptor && compressedSize == 0 ? nil : dataStart + compressedSize
        }

        /// The entry's bytes as text, when stored uncompressed and wholly inside the prefix.
        func storedText(_ b: [UInt8]) -> String? {
            guard compressedSize > 0, compressedSize <= 255, dataStart + compressedSize <= b.count else { return nil }
            let text = String(decoding: b[dataStart..<(dataStart + compressedSize)], as: UTF8.self)
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    private static func isMimeTypeToken(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy { $0.isASCII && (isAlphaNumeric($0) || "+-.".unicodeScalars.contains($0)) }
        }
    }

    // MARK: - Text formats

    private static func textMarkupType(_ b: [UInt8]) -> String? {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = has(b, bom) ? Array(b.dropFirst(3)) : b
        if has(body, "<?xml"), body.count > 5, isASCIISpace(body[5]) { return "text/xml" }
        let trimmed = Array(body.drop(while: isASCIISpace))
        if startsWithTag(trimmed, "<!doctype html") || startsWithTag(trimmed, "<html") || startsWithTag(trimmed, "<head")
            || startsWithTag(trimmed, "<body")
        {
            return "text/html"
        }
        if has(b, "{\\rtf") { return "text/rtf" }
        if has(b, "%!PS") { return "application/postscript" }
        return nil
    }

    /// Whether `b` starts with `tag` (ASCII case-insensitive) followed by whitespace, `>`, `/` or the end.
    private static func startsWithTag(_ b: [UInt8], _ tag: String) -> Bool {
        let t = Array(tag.utf8)
        guard b.count >= t.count else { return false }
        for i in 0..<t.count where lowerASCII(b[i]) != t[i] { return false }
        guard b.count > t.count else { return true }
        let next = b[t.count]
        return isASCIISpace(next) || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
    }

    /// Valid UTF-8 (a sequence cut by the end of the prefix is allowed) without NUL in the first 16 bytes.
    static func isPlainText(_ b: [UInt8]) -> Bool {
        if b.prefix(16).contains(0) { return false }
        return UTF8Text.isValid(b, allowTruncatedEnd: true)
    }

    // MARK: - Byte helpers

    private static func has(_ b: [UInt8], _ magic: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, b.count >= offset + magic.count else { return false }
        for i in 0..<magic.count where b[offset + i] != magic[i] { return false }
        return true
    }

    private static func has(_ b: [UInt8], _ magic: String, at offset: Int = 0) -> Bool {
        has(b, Array(magic.utf8), at: offset)
    }

    private static func contains(_ b: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, b.count >= n.count else { return false }
        for start in 0...(b.count - n.count) where has(b, n, at: start) { return true }
        return false
    }

    private static func isASCIISpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    private static func lowerASCII(_ c: UInt8) -> UInt8 {
        c >= 0x41 && c <= 0x5A ? c + 0x20 : c
    }

    private static func isAlphaNumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
