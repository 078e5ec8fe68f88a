import Foundation

/// Download URLs of blobs (`nxfile/…`), as Nuxeo's `DownloadServiceImpl.getDownloadUrl` builds them (§1.1).
public enum DownloadURL {
    /// ASCII bytes Java's `URI` keeps in a scheme-specific part (unreserved and reserved characters) that
    /// `URIUtils.quoteURIPathComponent` does not escape afterwards: letters, digits and `-_.!~*'(),`.
    private static let keptSymbols = Set("-_.!~*'(),".utf8)

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The filename segment of a download URL.
    ///
    /// Keeps the part after the last `/` or `\`, removes a `;name=…` suffix (regex `;\w+=.*`), then quotes it like
    /// `URIUtils.quoteURIPathComponent(filename, true)`: non-ASCII text is NFC-normalized (as Java's
    /// `URI.toASCIIString` does) and written as `%XX` of its UTF-8 bytes (uppercase hex), and every ASCII character
    /// but letters, digits and `-_.!~*'(),` is escaped (space → `%20`, `;` → `%3B`, `/` → `%2F`, `@` → `%40`…).
    public static func quoteFilename(_ filename: String) -> String {
        let name = removingParameterSuffix(MimeTypes.lastPathComponent(of: filename))
        // Like Java's `new URI("x", name, null).toASCIIString()`: ASCII outside the kept set and Unicode space
        // separators / ISO controls are escaped first; the other non-ASCII characters stay raw until the whole text is
        // NFC-normalized and its remaining non-ASCII bytes escaped.
        var quoted = String.UnicodeScalarView()
        var hasRawNonASCII = false
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if isAlphaNumeric(byte) || keptSymbols.contains(byte) {
                    quoted.append(scalar)
                } else {
                    appendEscaped(byte, to: &quoted)
                }
            } else if isSpaceOrControl(scalar) {
                for byte in String(scalar).utf8 { appendEscaped(byte, to: &quoted) }
            } else {
                quoted.append(scalar)
                hasRawNonASCII = true
            }
        }
        guard hasRawNonASCII else { return String(quoted) }
        var out = String.UnicodeScalarView()
        for byte in String(quoted).precomposedStringWithCanonicalMapping.utf8 {
            if byte < 0x80 {
                out.append(Unicode.Scalar(byte))
            } else {
                appendEscaped(byte, to: &out)
            }
        }
        return String(out)
    }

    /// `nxfile/<repository>/<docId>/<xpath>[/<quoted filename>][?changeToken=<urlencoded>]`, without a leading slash.
    ///
    /// A nil filename gives no trailing segment; a nil or empty change token gives no query. The xpath is written as
    /// given (callers pass it prefixed, e.g. `file:content`, `files:files/0/file`).
    public static func path(repository: String, docId: String, xpath: String, filename: String?, changeToken: String?)
        -> String
    {
        var result = "nxfile/\(repository)/\(docId)/\(xpath)"
        if let filename {
            result += "/" + quoteFilename(filename)
        }
        if let changeToken, !changeToken.isEmpty {
            result += "?changeToken=" + formEncode(changeToken)
        }
        return result
    }

    /// Java's `URLEncoder.encode(s, "UTF-8")`: letters, digits and `.-*_` kept, space → `+`, other bytes `%XX`.
    static func formEncode(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for byte in value.utf8 {
            if isAlphaNumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*")
                || byte == UInt8(ascii: "_")
            {
                out.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: " ") {
                out.append("+")
            } else {
                appendEscaped(byte, to: &out)
            }
        }
        return String(out)
    }

    /// Removes the first `;` followed by word characters and `=` and everything after it (Nuxeo's `;\w+=.*`).
    static func removingParameterSuffix(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == ";" {
                var j = i + 1
                while j < scalars.count, isWordCharacter(scalars[j]) { j += 1 }
                if j > i + 1, j < scalars.count, scalars[j] == "=" {
                    var kept = String.UnicodeScalarView()
                    kept.append(contentsOf: scalars[0..<i])
                    return String(kept)
                }
            }
            i += 1
        }
        return name
    }

    /// Java regex `\w` without UNICODE_CHARACTER_CLASS: `[a-zA-Z_0-9]`.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (isAlphaNumeric(UInt8(scalar.value)) || scalar == "_")
    }

    /// Java's `Character.isSpaceChar` or `Character.isISOControl`.
    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.value <= 0x1F || (0x7F...0x9F).contains(scalar.value)
        }
    }

    private static func isAlphaNumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout String.UnicodeScalarView) {
        out.append("%")
        out.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
        out.append(Unicode.Scalar(hexDigits[Int(byte & 0x0F)]))
    }
}
