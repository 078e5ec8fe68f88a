/// Facets of one document: its type's and its instance facets (Nuxeo's `DocumentModel.getFacets`, `getSchemas`).
extension SchemaRegistry {
    /// The type of `document` as that document sees it: its type's schemas and facets, then each instance facet and the
    /// schemas it brings that the type lacks (Nuxeo's `DocumentModelImpl.computeSchemas`). Without instance facets, the
    /// type itself. Unknown type → nil.
    public func type(of document: DocumentRecord) -> DocumentType? {
        guard let base = types[document.type] else { return nil }
        guard !document.instanceFacets.isEmpty else { return base }
        return base.adding(facets: document.instanceFacets, from: self)
    }

    /// Whether the children of `document` keep an order (`ecm:pos`): its type has the `Orderable` facet. As in Nuxeo's
    /// repositories (`isOrderable`), an instance facet does not make a folder orderable.
    public func isOrderable(_ document: DocumentRecord) -> Bool {
        types[document.type]?.facets.contains(Self.orderable) == true
    }

    /// The facet of folders whose children keep an order.
    public static let orderable = "Orderable"
}

extension DocumentType {
    /// This type with `facets` added after its own, each bringing the schemas it declares that the type lacks.
    func adding(facets added: [String], from registry: SchemaRegistry) -> DocumentType {
        var result = self
        for facet in added where !result.facets.contains(facet) {
            result.facets.append(facet)
            for name in registry.facets[facet]?.schemas ?? [] where !result.hasSchema(name) {
                if let schema = registry.schemas[name] { result.append(schema) }
            }
        }
        return result
    }
}
