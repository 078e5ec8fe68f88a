/// A business object of the `@bo/{name}` adapter: a flat JSON view of document properties (Nuxeo's `BusinessAdapter`).
public struct BusinessObjectDescriptor: Sendable, Hashable {
    /// Adapter name, written as the `entity-type`.
    public var name: String
    /// What it represents.
    public var description: String
    /// Fields after `id` and `type`: JSON name → property xpath, in order.
    public var fields: [BusinessObjectField]

    public init(name: String, description: String, fields: [BusinessObjectField]) {
        self.name = name
        self.description = description
        self.fields = fields
    }
}

/// One field of a business object.
public struct BusinessObjectField: Sendable, Hashable {
    /// JSON name.
    public var name: String
    /// Document property xpath (`dc:title`).
    public var property: String

    public init(name: String, property: String) {
        self.name = name
        self.property = property
    }
}
