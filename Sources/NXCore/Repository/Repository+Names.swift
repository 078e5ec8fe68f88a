import NXRuntime

extension Repository {
    /// Longest name segment (`nuxeo.path.segment.maxsize`).
    static let maxNameLength = 24
    /// Suffixed candidates tried before a name is reported as unavailable.
    static let maxNameAttempts = 1000

    /// Nuxeo's path segment rules: trimmed, at most 24 characters, `/` and `\` replaced by `-`; a name of only
    /// punctuation or spaces becomes a generated id. A name holding a control character (U+0000–U+001F, U+007F) → 400:
    /// such a name could not be stored or addressed faithfully.
    static func pathSegment(_ name: String) throws -> String {
        if let bad = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw NXError.invalid("Invalid document name: control character U+\(String(format4: bad.value)) is not allowed")
        }
        var segment = name.trimmingWhitespace
        if segment.count > maxNameLength { segment = String(segment.prefix(maxNameLength)).trimmingWhitespace }
        segment = String(segment.map { $0 == "/" || $0 == "\\" ? "-" : $0 })
        if segment.isEmpty || segment.allSatisfy({ $0.isPunctuation || $0.isWhitespace || $0.isSymbol }) {
            return UUIDv7.make()
        }
        return segment
    }

    /// A name made from text the client gave for another purpose (a title, a user name): control characters become
    /// spaces, so `pathSegment` accepts it. Names a client gives as names are checked, not rewritten.
    static func derivedName(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// The first of `base`, `base.<time>`, `base.<time+1>`, … that no child of `parentId` holds (`current`, the
    /// document's own name, counts as free). Bounded: after `maxNameAttempts` taken candidates → 409.
    static func availableName(_ base: String, in parentId: String, time: Int64, current: String? = nil,
                              _ tx: any DocumentReading) throws -> String {
        var candidate = base
        for attempt in 0..<Int64(maxNameAttempts) {
            if candidate == current { return candidate }
            if try !tx.childExists(parentId: parentId, name: candidate) { return candidate }
            candidate = base + "." + String(time &+ attempt)
        }
        throw NXError.conflict("No available name for \(base) in \(parentId)")
    }
}

extension String {
    /// `0x0` → `"0000"`: four upper-case hex digits, as in `U+0000`.
    init(format4 value: UInt32) {
        let hex = String(value, radix: 16, uppercase: true)
        self = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}
