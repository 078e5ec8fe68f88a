import Foundation
import NXRuntime

/// The request-body JSON parser. Syntax errors (`JSONParser.Error`) are expected; a finding is a crash, a hang, a value
/// that does not survive writing and re-reading, or a document accepted by one of nx and Foundation's strict RFC 8259
/// reader but not by the other.
let fuzzJSON: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let ours: JSONValue?
    do { ours = try JSONParser.parse(bytes) } catch is JSONParser.Error { ours = nil } catch { fatalError("parser threw \(error)") }
    let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    switch (ours, foundation) {
    case (let value?, _?):
        roundTrip(value)
    case (nil, _?):
        if !foundationOnly(bytes) { fatalError("Foundation reads what nx rejects: \(describe(bytes))") }
    case (_?, nil):
        if !nxOnly(bytes) { fatalError("nx reads what Foundation rejects: \(describe(bytes))") }
    case (nil, nil):
        break
    }
    return 0
}

/// Written back, the value reads as itself, and writing is stable.
func roundTrip(_ value: JSONValue) {
    var writer = JSONWriter()
    writer.value(value)
    let again: JSONValue
    do { again = try JSONParser.parse(writer.bytes) } catch { fatalError("cannot re-read \(describe(writer.bytes)): \(error)") }
    guard again == value else { fatalError("round trip changed \(value) into \(again)") }
    var second = JSONWriter()
    second.value(again)
    guard second.bytes == writer.bytes else { fatalError("writing is not stable: \(describe(writer.bytes)) then \(describe(second.bytes))") }
}

/// Documents Foundation reads that nx may refuse on purpose: nesting beyond nx's depth limit (Foundation allows 512
/// containers, nx 512 levels of values), a UTF-8 byte-order mark, which RFC 8259 lets parsers reject, and UTF-16/32
/// text (Foundation guesses the encoding from NUL bytes or a BOM in the first four bytes; RFC 8259 JSON is UTF-8).
func foundationOnly(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return true }
    if bytes.prefix(4).contains(0) || hasTrailingComma(bytes) { return true }
    return bytes.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }.count >= JSONParser.maxDepth - 1
}

/// Whether a `,` outside strings is followed (after white space) by `]` or `}`: a trailing comma, which this platform's
/// Foundation accepts and RFC 8259 does not.
func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
    var inString = false
    var escaped = false
    for (index, byte) in bytes.enumerated() {
        if inString {
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            continue
        }
        if byte == UInt8(ascii: "\"") { inString = true; continue }
        guard byte == UInt8(ascii: ",") else { continue }
        let next = bytes[(index + 1)...].first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if next == UInt8(ascii: "]") || next == UInt8(ascii: "}") { return true }
    }
    return false
}

/// Documents nx reads that Foundation refuses, on purpose: none at the moment.
func nxOnly(_ bytes: [UInt8]) -> Bool { false }

func describe(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription
    return "\(text) (\(bytes.count) bytes: \(bytes.prefix(64).map { String($0, radix: 16) }.joined(separator: " ")))"
}
