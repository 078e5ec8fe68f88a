import NXRuntime

/// Percent-decoding of URL paths and query strings (malformed `%`, invalid UTF-8, `+`), and the encoders the client
/// uses. A finding is a crash, a hang, or a broken law: a query component decodes back to itself, a path segment
/// decodes as its source does, encoders write only URL-safe bytes, decoding never grows the text.
let fuzzPercentEncoding: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let raw = Substring(text)
    let decoded = PercentEncoding.decode(raw)
    let form = PercentEncoding.decode(raw, plusAsSpace: true)
    // Each escape turns 3 bytes into 1, and an invalid byte (1..3 of them) into U+FFFD (3 bytes).
    check(decoded.utf8.count <= raw.utf8.count && form.utf8.count <= raw.utf8.count, "decoding grew \(text.debugDescription)")

    let query = PercentEncoding.encodeQueryComponent(text)
    check(query.utf8.allSatisfy(isURLSafe), "query component \(query.debugDescription) of \(text.debugDescription) is not URL-safe")
    check(PercentEncoding.decode(Substring(query), plusAsSpace: true) == text, "query component of \(text.debugDescription) does not decode back")

    let segment = PercentEncoding.encodePathSegment(text)
    check(segment.utf8.allSatisfy(isURLSafe) && !segment.utf8.contains(UInt8(ascii: "/")),
          "path segment \(segment.debugDescription) of \(text.debugDescription) is not a safe segment")
    check(PercentEncoding.decode(Substring(segment)) == decoded, "path segment of \(text.debugDescription) decodes differently")

    _ = text.trimmingWhitespace
    return 0
}

/// Unreserved, sub-delimiters, `:@/?` and `%`: what may appear in a path or query without escaping.
func isURLSafe(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
    default: return "-._~!$&'()*+,;=:@/?%".utf8.contains(byte)
    }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
