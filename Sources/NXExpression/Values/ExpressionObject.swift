/// A host object (a document, the current user, `Fn`…): it answers only the members, keys and methods
/// it whitelists, and throws ``ExpressionError`` for any other name (see ``ExpressionError/unknownMember(_:on:)``).
/// Nothing is reached by reflection.
public protocol ExpressionObject: Sendable {
    /// `object.name`.
    func member(_ name: String) throws(ExpressionError) -> ExpressionValue
    /// `object["dc:title"]`.
    func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue
    /// `object.method(arguments…)`.
    func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue
    /// How a template or `+` writes the object (default: empty).
    var text: String { get }
    /// The object's kind, with its article, for messages (default: `an object`).
    var kindName: String { get }
}

extension ExpressionObject {
    /// No members unless the host provides them.
    public func member(_ name: String) throws(ExpressionError) -> ExpressionValue {
        throw .unknownMember(name, on: kindName)
    }

    /// No keys unless the host provides them.
    public func index(_ key: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        throw .unknownIndex(key, on: kindName)
    }

    /// No methods unless the host provides them.
    public func call(_ method: String, _ arguments: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        throw .unknownMethod(method, on: kindName)
    }

    /// Empty.
    public var text: String { "" }

    /// `an object`.
    public var kindName: String { "an object" }
}
