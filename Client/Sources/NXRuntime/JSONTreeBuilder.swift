/// Builds a `JSONValue` from the same calls `JSONWriter` takes (begin/end, key, scalars), so an entity's
/// `writeJSON(to:)` can produce a value to nest inside another without writing bytes and parsing them back.
/// Keys keep their call order; a repeated key keeps its first position and takes the last value, as `JSONParser` does.
struct JSONTreeBuilder: Sendable {
    /// An open object or array.
    private struct Frame: Sendable {
        var isObject: Bool
        var object = JSONObject()
        var array: [JSONValue] = []
        var key: String?
    }

    private var stack: [Frame] = []
    /// The completed top-level value, once one has been written.
    private(set) var root: JSONValue?

    mutating func beginObject() { stack.append(Frame(isObject: true)) }
    mutating func beginArray() { stack.append(Frame(isObject: false)) }

    mutating func end() {
        guard let frame = stack.popLast() else { return }
        insert(frame.isObject ? .object(frame.object) : .array(frame.array))
    }

    mutating func key(_ key: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].key = key
    }

    /// Adds `value` to the open container (or makes it the root).
    mutating func insert(_ value: JSONValue) {
        guard !stack.isEmpty else {
            root = value
            return
        }
        let top = stack.count - 1
        if stack[top].isObject {
            guard let key = stack[top].key else { return }
            stack[top].object[key] = value
            stack[top].key = nil
        } else {
            stack[top].array.append(value)
        }
    }
}
