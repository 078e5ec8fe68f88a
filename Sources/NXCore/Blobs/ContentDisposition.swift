/// `Content-Disposition` values for downloads, as Nuxeo's `RFC2231.encodeContentDisposition` writes them for
/// modern user agents (LTS 2023; the MSIE 6/7 variant is not reproduced).
public enum ContentDisposition {
    /// Bytes that force the RFC 2231 form (RFC 2231 specials plus RFC 2045 tspecials).
    private static let specials = Set("*'%()<>@,;:\\\"/[]?=".utf8)

    /// RFC 5987 `attr-char`s besides letters and digits: kept as-is in the `filename*` form.
    private static let attrCharSymbols = Set("!#$&+-.^_`|~".utf8)

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `attachment` or `inline`, then `; filename=<raw>` when every UTF-8 byte of the name is printable ASCII
    /// (33–126) and none of `*'%()<>@,;:\"/[]?=`; otherwise `; filename*=UTF-8''<value>` where every byte that is
    /// not an RFC 5987 attr-char (letters, digits, `!#$&+-.^_`|~`) is written `%XX` (uppercase hex).
    ///
    /// Examples: `attachment; filename=hello.txt`, `attachment; filename*=UTF-8''Fichier%20accentu%C3%A9.txt`.
    /// A blank name is replaced by `file`, as Nuxeo's download service does before encoding.
    public static func value(filename: String, inline: Bool) -> String {
        let name = filename.allSatisfy(\.isWhitespace) ? "file" : filename
        let disposition = inline ? "inline" : "attachment"
        let bytes = Array(name.utf8)
        if bytes.allSatisfy({ $0 >= 33 && $0 <= 126 && !specials.contains($0) }) {
            return "\(disposition); filename=\(name)"
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if isAttrChar(byte) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return "\(disposition); filename*=UTF-8''" + String(decoding: encoded, as: UTF8.self)
    }

    private static func isAttrChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return attrCharSymbols.contains(byte)
        }
    }
}
