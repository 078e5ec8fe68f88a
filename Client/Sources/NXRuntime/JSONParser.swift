/// A byte-level JSON parser producing `JSONValue` (object keys in document order). RFC 8259; depth-limited.
public struct JSONParser {
    /// A syntax error with its byte offset.
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    /// Parses a complete JSON document.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer: buffer)
            parser.skipWhitespace()
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.error("unexpected data after the JSON value") }
            return value
        }
    }

    /// The deepest nesting of arrays and objects accepted; deeper documents are rejected before the stack is at risk
    /// (parsing, and every recursive walk of the value: writing, equality, hashing, deallocation).
    public static let maxDepth = 512

    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0

    func error(_ message: String) -> Error { Error(message: message, offset: index) }

    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw error("JSON nested too deeply, the limit is \(Self.maxDepth) levels") }
        guard index < buffer.count else { throw error("unexpected end of JSON") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return .object(try object(depth: depth))
        case UInt8(ascii: "["): return .array(try array(depth: depth))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= buffer.count else { throw error("invalid literal") }
        for i in 0..<count where buffer[index + i] != word.utf8Start[i] { throw error("invalid literal") }
        index += count
    }

    mutating func object(depth: Int) throws -> JSONObject {
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return object
        }
        while true {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            object[key] = try value(depth: depth + 1)
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of JSON") }
            if buffer[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard buffer[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            index += 1
            return object
        }
    }

    mutating func array(depth: Int) throws -> [JSONValue] {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of JSON") }
            if buffer[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard buffer[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            index += 1
            return items
        }
    }

    mutating func string() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < buffer.count {
            let c = buffer[index]
            if c == UInt8(ascii: "\"") {
                // RFC 8259: JSON text is UTF-8; a string with an invalid sequence is refused, not repaired.
                guard let s = String(validating: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self) else {
                    throw error("invalid UTF-8 in string")
                }
                index += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            index += 1
        }
        var bytes = Array(buffer[start..<index])
        while index < buffer.count {
            let c = buffer[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                guard let s = String(validating: bytes, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
                return s
            }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                index += 1
                continue
            }
            index += 1
            guard index < buffer.count else { break }
            let e = buffer[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= buffer.count else { throw error("invalid unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = buffer[index]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: throw error("invalid unicode escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func number() throws -> JSONValue {
        let start = index
        if index < buffer.count, buffer[index] == UInt8(ascii: "-") { index += 1 }
        var isInteger = true
        var digits = 0
        let firstDigit = index
        while index < buffer.count, buffer[index] >= 48, buffer[index] <= 57 { index += 1; digits += 1 }
        guard digits > 0 else { throw error("invalid value") }
        // RFC 8259: no leading zeros (`0`, `0.5` and `-0` are numbers; `00` and `01` are not).
        guard digits == 1 || buffer[firstDigit] != UInt8(ascii: "0") else { throw error("invalid number: leading zero") }
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            var fraction = 0
            while index < buffer.count, buffer[index] >= 48, buffer[index] <= 57 { index += 1; fraction += 1 }
            guard fraction > 0 else { throw error("invalid number") }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
            var exponent = 0
            while index < buffer.count, buffer[index] >= 48, buffer[index] <= 57 { index += 1; exponent += 1 }
            guard exponent > 0 else { throw error("invalid number") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        if isInteger, let i = Int64(text) { return .int(i) }
        // A number too large for a double (`1e999`) is refused, not read as infinity (found by FuzzJSON).
        guard let d = Double(text), d.isFinite else { throw error("invalid number: out of range") }
        return .double(d)
    }
}
