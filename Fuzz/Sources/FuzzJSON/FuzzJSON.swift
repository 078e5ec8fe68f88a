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
/// containers, nx 512 levels of values), and a UTF-8 byte-order mark, which RFC 8259 lets parsers reject.
func foundationOnly(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
    return bytes.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }.count >= JSONParser.maxDepth - 1
}

/// Documents nx reads that Foundation refuses, on purpose: none at the moment.
func nxOnly(_ bytes: [UInt8]) -> Bool { false }

func describe(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription
    return "\(text) (\(bytes.count) bytes: \(bytes.prefix(64).map { String($0, radix: 16) }.joined(separator: " ")))"
}
