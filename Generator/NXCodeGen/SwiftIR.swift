/// A small structured representation of the Swift the generator emits. Emitters build it;
/// `SwiftRenderer` alone decides formatting.
public struct SwiftFile: Sendable {
    /// Spec files the content comes from (for the header).
    public var sources: [String]
    /// Modules to import.
    public var imports: [String]
    /// Top-level declarations.
    public var decls: [SwiftDecl]

    public init(sources: [String], imports: [String], decls: [SwiftDecl]) {
        self.sources = sources
        self.imports = imports
        self.decls = decls
    }
}

/// A declaration.
public indirect enum SwiftDecl: Sendable {
    /// `struct`, `enum`, `protocol` or `extension` with members.
    case type(kind: TypeKind, name: String, conformances: [String], docs: [String], members: [SwiftDecl])
    /// A stored or computed property; `body` makes it computed.
    case property(docs: [String], modifiers: String, name: String, type: String, value: String?, body: [SwiftStmt]?)
    /// A function or initializer (`signature` is everything before the body, `body` nil for requirements).
    case function(docs: [String], signature: String, body: [SwiftStmt]?)
    /// An enum case.
    case enumCase(docs: [String], text: String)
    /// A typealias.
    case `typealias`(docs: [String], text: String)
    /// Statements at declaration level (a multi-line `static let`, an `associatedtype`), after doc comments.
    case statements(docs: [String], [SwiftStmt])
    /// A blank line between groups.
    case blank
}

/// The kind of a type declaration.
public enum TypeKind: String, Sendable {
    case `struct` = "public struct"
    case `enum` = "public enum"
    case `protocol` = "public protocol"
    case `extension` = "extension"
}

/// A statement: a line, or a block with a header line, nested statements and a closing line.
public indirect enum SwiftStmt: Sendable {
    case line(String)
    case block(String, [SwiftStmt], close: String = "}")
}
