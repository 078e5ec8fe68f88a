/// A streaming `multipart/*` parser (RFC 2046): bytes go in as they arrive, events come out — a part's headers, its body
/// in pieces, its end, the end of the message. Nothing but the headers of the current part and less than one delimiter
/// of body bytes is ever kept. Bounded: header blocks over 16 KiB and more than `maxParts` parts are refused.
/// (Written here because multipart-kit 4.7.1 traps on a header-name byte ≥ 0x80: a one-request crash.)
struct MultipartStreamParser {
    enum Event: Equatable {
        case headers([(String, String)])
        case body([UInt8])
        case partEnd
        case end

        static func == (a: Event, b: Event) -> Bool {
            switch (a, b) {
            case (.headers(let x), .headers(let y)): return x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            case (.body(let x), .body(let y)): return x == y
            case (.partEnd, .partEnd), (.end, .end): return true
            default: return false
            }
        }
    }

    struct Failure: Error, Equatable {
        var message: String
    }

    enum State {
        /// Before the first delimiter.
        case preamble
        /// Just after a delimiter: `--` ends the message, else the rest of the line then headers.
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    static let maxHeaderBytes = 16 * 1024
    let delimiter: [UInt8]
    let maxParts: Int
    var state = State.preamble
    /// Bytes not yet consumed; starts with CRLF so a body opening with `--boundary` matches the delimiter.
    var pending: [UInt8] = [13, 10]
    var parts = 0

    init(boundary: String, maxParts: Int = 100) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.maxParts = maxParts
    }

    /// Feeds bytes; returns the events they complete.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(Failure) -> [Event] {
        pending += bytes
        var events: [Event] = []
        var start = 0
        loop: while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter, in: pending, from: start) else {
                    start = max(start, pending.count - delimiter.count + 1)
                    break loop
                }
                start = found + delimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard pending.count - start >= 2 else { break loop }
                if pending[start] == 45, pending[start + 1] == 45 {
                    state = .epilogue
                    events.append(.end)
                    continue
                }
                // Transport padding, then CRLF.
                guard let lineEnd = find([13, 10], in: pending, from: start) else {
                    if pending.count - start > 1024 { throw Failure(message: "malformed delimiter line") }
                    break loop
                }
                start = lineEnd + 2
                parts += 1
                if parts > maxParts { throw Failure(message: "more than \(maxParts) parts") }
                state = .headers
            case .headers:
                if pending.count - start >= 2, pending[start] == 13, pending[start + 1] == 10 {
                    start += 2
                    events.append(.headers([]))
                    state = .body
                    continue
                }
                guard let end = find([13, 10, 13, 10], in: pending, from: start) else {
                    if pending.count - start > Self.maxHeaderBytes { throw Failure(message: "part headers exceed \(Self.maxHeaderBytes) bytes") }
                    break loop
                }
                events.append(.headers(Self.headerLines(pending[start..<end])))
                start = end + 4
                state = .body
            case .body:
                if let found = find(delimiter, in: pending, from: start) {
                    if found > start { events.append(.body(Array(pending[start..<found]))) }
                    events.append(.partEnd)
                    start = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep what could be the beginning of a delimiter.
                    let safe = max(start, pending.count - delimiter.count + 1)
                    if safe > start { events.append(.body(Array(pending[start..<safe]))) }
                    start = safe
                    break loop
                }
            case .epilogue:
                start = pending.count
                break loop
            }
        }
        pending.removeFirst(min(start, pending.count))
        return events
    }

    /// Whether the message ended with its closing delimiter.
    var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count - start >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }

    /// `Name: value` lines (names lower-cased; bytes read as UTF-8, else ISO-8859-1); folded lines joined.
    static func headerLines(_ bytes: ArraySlice<UInt8>) -> [(String, String)] {
        var result: [(String, String)] = []
        for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
            var raw = Array(line)
            if raw.last == 13 { raw.removeLast() }
            let text = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
            if let first = text.first, first == " " || first == "\t", let previous = result.popLast() {
                result.append((previous.0, previous.1 + " " + text.trimmingWhitespace))
                continue
            }
            guard let colon = text.firstIndex(of: ":") else { continue }
            result.append((String(text[..<colon]).trimmingWhitespace.lowercased(), String(text[text.index(after: colon)...]).trimmingWhitespace))
        }
        return result
    }
}
