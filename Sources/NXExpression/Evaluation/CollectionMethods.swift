/// The whitelisted methods of lists and maps, as Java's `List` and `Map`.
enum CollectionMethods {
    static func call(_ name: String, _ elements: [ExpressionValue], _ arguments: Arguments) throws(ExpressionError) -> ExpressionValue {
        switch name {
        case "size": return .int(Int64(elements.count))
        case "isEmpty": return .bool(elements.isEmpty)
        case "contains": return .bool(elements.contains(arguments[0]))
        case "get": return try BuiltInMethods.element(of: elements, at: arguments[0])
        default: throw ExpressionError("Method '\(name)' is not allowed on a list")
        }
    }

    static func call(_ name: String, _ entries: [(key: String, value: ExpressionValue)], _ arguments: Arguments)
        throws(ExpressionError) -> ExpressionValue
    {
        switch name {
        case "size": return .int(Int64(entries.count))
        case "isEmpty": return .bool(entries.isEmpty)
        case "containsKey":
            let key = arguments[0].text
            return .bool(entries.contains { $0.key == key })
        case "get":
            let key = arguments[0].text
            return entries.first { $0.key == key }?.value ?? .null
        default: throw ExpressionError("Method '\(name)' is not allowed on a map")
        }
    }
}
