import Foundation

/// Strong entity tags of downloads (`ETag: "<digest>"`) and `If-None-Match` matching, as Nuxeo's download service does.
public enum EntityTag {
    /// The ETag header value for a blob digest: the digest in double quotes (RFC 7232 §2.3).
    public static func quoted(_ digest: String) -> String {
        "\"" + digest + "\""
    }

    /// Whether an `If-None-Match` header matches the ETag (then GET/HEAD answer 304, other methods 412).
    ///
    /// Matches when the header is `*`, or when any of its comma/space separated values equals the quoted ETag; a
    /// `W/` weak prefix compares equal too (weak comparison, RFC 7232 §3.2). `etag` may be given quoted (as sent in
    /// the ETag header) or as the bare digest. A nil or empty header never matches.
    public static func matches(ifNoneMatch: String?, etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        let header = ifNoneMatch.trimmingCharacters(in: .whitespaces)
        if header == "*" { return true }
        let bare = stripWeak(etag)
        let expected = bare.hasPrefix("\"") ? bare : quoted(bare)
        return header.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).contains {
            stripWeak(String($0)) == expected
        }
    }

    private static func stripWeak(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
