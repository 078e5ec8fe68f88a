/// HTML/XML character references: decoding `&amp;`, `&#NNN;`, `&#xHH;` and common named entities; escaping text for
/// HTML content and attribute values.
public enum MarkupEntities {
    /// `text` with `&`, `<`, `>` and `"` escaped, safe inside HTML content and double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Named entities understood (HTML's most common ones; XML's five are included).
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}", "bull": "\u{2022}",
        "middot": "\u{B7}", "deg": "\u{B0}", "euro": "\u{20AC}", "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}",
        "sect": "\u{A7}", "para": "\u{B6}", "times": "\u{D7}", "divide": "\u{F7}", "plusmn": "\u{B1}",
        "shy": "\u{AD}", "iexcl": "\u{A1}", "iquest": "\u{BF}", "ordf": "\u{AA}", "ordm": "\u{BA}",
        "sup1": "\u{B9}", "sup2": "\u{B2}", "sup3": "\u{B3}", "frac12": "\u{BD}", "frac14": "\u{BC}",
        "frac34": "\u{BE}", "micro": "\u{B5}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "dagger": "\u{2020}", "Dagger": "\u{2021}", "permil": "\u{2030}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "hearts": "\u{2665}",
        "Agrave": "\u{C0}", "Aacute": "\u{C1}", "Acirc": "\u{C2}", "Atilde": "\u{C3}", "Auml": "\u{C4}",
        "Aring": "\u{C5}", "AElig": "\u{C6}", "Ccedil": "\u{C7}", "Egrave": "\u{C8}", "Eacute": "\u{C9}",
        "Ecirc": "\u{CA}", "Euml": "\u{CB}", "Igrave": "\u{CC}", "Iacute": "\u{CD}", "Icirc": "\u{CE}",
        "Iuml": "\u{CF}", "Ntilde": "\u{D1}", "Ograve": "\u{D2}", "Oacute": "\u{D3}", "Ocirc": "\u{D4}",
        "Otilde": "\u{D5}", "Ouml": "\u{D6}", "Oslash": "\u{D8}", "Ugrave": "\u{D9}", "Uacute": "\u{DA}",
        "Ucirc": "\u{DB}", "Uuml": "\u{DC}", "Yacute": "\u{DD}", "szlig": "\u{DF}", "agrave": "\u{E0}",
        "aacute": "\u{E1}", "acirc": "\u{E2}", "atilde": "\u{E3}", "auml": "\u{E4}", "aring": "\u{E5}",
        "aelig": "\u{E6}", "ccedil": "\u{E7}", "egrave": "\u{E8}", "eacute": "\u{E9}", "ecirc": "\u{EA}",
        "euml": "\u{EB}", "igrave": "\u{EC}", "iacute": "\u{ED}", "icirc": "\u{EE}", "iuml": "\u{EF}",
        "ntilde": "\u{F1}", "ograve": "\u{F2}", "oacute": "\u{F3}", "ocirc": "\u{F4}", "otilde": "\u{F5}",
        "ouml": "\u{F6}", "oslash": "\u{F8}", "ugrave": "\u{F9}", "uacute": "\u{FA}", "ucirc": "\u{FB}",
        "uuml": "\u{FC}", "yacute": "\u{FD}", "yuml": "\u{FF}", "OElig": "\u{152}", "oelig": "\u{153}",
        "Scaron": "\u{160}", "scaron": "\u{161}", "Yuml": "\u{178}",
    ]

    /// `text` with its character references decoded; an unknown or unterminated reference stays as written.
    /// Numeric references to NUL, surrogates or past U+10FFFF become U+FFFD.
    static func decode(_ text: String) -> String {
        guard text.unicodeScalars.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (decoded, next) = reference(in: scalars, at: i) {
                out.append(decoded)
                i = next
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The scalar of the reference starting at `start` (an `&`) and the index after its `;`.
    private static func reference(in s: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        let limit = min(s.count, start + 34)
        var end = start + 1
        while end < limit, s[end] != ";" { end += 1 }
        guard end < limit, end > start + 1 else { return nil }
        var body = String.UnicodeScalarView()
        body.append(contentsOf: s[(start + 1)..<end])
        let name = String(body)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                let hex = digits.dropFirst()
                value = hex.isEmpty || hex.count > 8 ? nil : UInt32(hex, radix: 16)
            } else {
                value = digits.isEmpty || digits.count > 10 ? nil : UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", end + 1)
        }
        guard let scalar = named[name] else { return nil }
        return (scalar, end + 1)
    }
}
