/// A business object (`Spec/businessobjects/*.yaml`): a named, flat JSON view of a document's properties, served by
/// the `@bo/{name}` adapter as Nuxeo serves its `BusinessAdapter` document adapters.
public struct BusinessObjectDef: Sendable {
    /// Adapter name, written as the `entity-type` (Nuxeo: the adapter's class simple name).
    public var name: String
    /// What it represents.
    public var description: String
    /// Bean fields after `id` and `type`, in written order.
    public var fields: [BusinessFieldDef]
    /// Where it was defined.
    public var origin: SpecOrigin
}

/// One field of a business object: a JSON name bound to a document property.
public struct BusinessFieldDef: Sendable {
    /// Name in the JSON value.
    public var name: String
    /// Property xpath (`dc:title`).
    public var property: String
    /// The property's schema type, resolved by the validator.
    public var type: SchemaFieldType?
    /// Where it was written.
    public var location: SourceLocation
}
