/// Writes JSON straight into bytes, in the order calls are made. Commas are handled by the writer.
/// A value-building writer (`JSONWriter.valueBuilder()`) takes the same calls and builds a `JSONValue` instead,
/// so entities nest inside hand-built JSON as values.
public struct JSONWriter: Sendable {
    /// The bytes written so far (empty for a value-building writer).
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    /// Set for a value-building writer: every call goes to the tree instead of the bytes.
    private var tree: JSONTreeBuilder?
    /// Set when writing a request body: fields the server always writes are left out when they hold their zero value
    /// (`""`, `false`, `0`, `[]`, `{}`), which the server reads as absent, as it reads a field left out.
    public var omitsZeroValues = false

    /// A writer with an initial capacity.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// A writer that builds a `JSONValue` (read it from `builtValue`) instead of writing bytes.
    public static func valueBuilder() -> JSONWriter {
        var writer = JSONWriter(capacity: 0)
        writer.tree = JSONTreeBuilder()
        return writer
    }

    /// The value built by a value-building writer once a complete value was written; nil for a byte writer.
    public var builtValue: JSONValue? { tree?.root }

    /// Builds the value `write` writes, without bytes: `JSONWriter.buildValue { entity.writeJSON(to: &$0) }`.
    public static func buildValue(_ write: (inout JSONWriter) -> Void) -> JSONValue {
        var writer = valueBuilder()
        write(&writer)
        return writer.builtValue ?? .null
    }

    @inline(__always) private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `{`
    public mutating func beginObject() {
        if tree != nil { tree?.beginObject(); return }
        separator()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`
    public mutating func endObject() {
        if tree != nil { tree?.end(); return }
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`
    public mutating func beginArray() {
        if tree != nil { tree?.beginArray(); return }
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`
    public mutating func endArray() {
        if tree != nil { tree?.end(); return }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"key":` — the next value call writes the value.
    public mutating func key(_ key: String) {
        if tree != nil { tree?.key(key); return }
        separator()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string value.
    public mutating func string(_ value: String) {
        if tree != nil { tree?.insert(.string(value)); return }
        separator()
        writeString(value)
        needsComma = true
    }

    /// An integer value.
    public mutating func int(_ value: Int64) {
        if tree != nil { tree?.insert(.int(value)); return }
        separator()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// A number value (non-finite numbers are written as null).
    public mutating func double(_ value: Double) {
        if tree != nil { tree?.insert(value.isFinite ? .double(value) : .null); return }
        separator()
        if value.isFinite {
            if value == value.rounded(), abs(value) < 1e15 {
                bytes.append(contentsOf: String(Int64(value)).utf8)
                bytes.append(contentsOf: ".0".utf8)
            } else {
                bytes.append(contentsOf: "\(value)".utf8)
            }
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// A boolean value.
    public mutating func bool(_ value: Bool) {
        if tree != nil { tree?.insert(.bool(value)); return }
        separator()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// `null`
    public mutating func null() {
        if tree != nil { tree?.insert(.null); return }
        separator()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Any JSON value.
    public mutating func value(_ value: JSONValue) {
        if tree != nil { tree?.insert(value); return }
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let object):
            beginObject()
            for (k, v) in object {
                key(k)
                self.value(v)
            }
            endObject()
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                switch c {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, Self.hex[Int(c >> 4)], Self.hex[Int(c & 0xF)]])
                }
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A type that writes itself as JSON through a `JSONWriter`.
public protocol JSONWritable {
    /// Writes this value.
    func writeJSON(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// This value as JSON bytes.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter()
        writeJSON(to: &writer)
        return writer.bytes
    }

    /// This value as the JSON of a request body: the fields the server always writes are left out when they hold their
    /// zero value (an entity read back from the server and sent again keeps every value it had).
    public func requestJSONBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.omitsZeroValues = true
        writeJSON(to: &writer)
        return writer.bytes
    }

    /// This value as a JSON string.
    public func jsonString() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// This value as a `JSONValue`, built from the same `writeJSON(to:)` calls (no bytes written, nothing parsed):
    /// for nesting an entity inside hand-built JSON.
    public var jsonValue: JSONValue { JSONWriter.buildValue { writeJSON(to: &$0) } }
}

extension JSONValue: JSONWritable {
    /// Writes the value.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

/// An entity: a JSON object carrying `entity-type`.
public protocol NXEntity: JSONWritable, Decodable, Sendable {
    /// The `entity-type` value.
    static var entityType: String { get }
}
