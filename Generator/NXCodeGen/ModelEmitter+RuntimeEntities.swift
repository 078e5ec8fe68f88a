import NXSpec

extension ModelEmitter {
    /// An entity implemented by hand in NXRuntime (`runtimeType:` in its spec file): the model names the runtime type
    /// so generated code and handlers keep using the spec's Swift name, and the runtimes need no generated module.
    static func runtimeEntityFile(_ entity: EntityDef, runtimeType: String) -> GeneratedFile {
        let decl: SwiftDecl = .typealias(
            docs: [entity.description, "", "Implemented by `\(runtimeType)` in NXRuntime.", "", "Generated from \(entity.origin)"],
            text: "\(entity.swiftName) = \(runtimeType)")
        return GeneratedFile(
            path: "NXModel/Entities/\(entity.swiftName).swift",
            contents: SwiftRenderer.render(SwiftFile(sources: [entity.origin.file], imports: ["NXRuntime"], decls: [decl])))
    }

    /// A paginable list with no fields of its own is the runtime's `NXPageEntity` over a generated kind (its
    /// `entity-type`, entries and legacy totals): the list shape is written once, in NXRuntime. Nil for other entities.
    static func pageEntityFile(_ entity: EntityDef, _ types: TypeMapping) -> GeneratedFile? {
        guard entity.paginable, let entries = entity.entries, entity.fields.isEmpty, entity.objects.isEmpty else { return nil }
        let kind = Naming.upperCamel(entity.name) + "Kind"
        let kindDecl: SwiftDecl = .type(kind: .enum, name: kind, conformances: ["NXPageKind"], docs: [
            "The `\(entity.name)` list: its entity type, entries and totals.", "", "Generated from \(entity.origin)",
        ], members: [
            .typealias(docs: ["The entries' type."], text: "Entry = \(types.swiftType(.named(entries)))"),
            .property(docs: ["The `entity-type`."], modifiers: "public static let", name: "entityType", type: "String",
                      value: Naming.literal(entity.name), body: nil),
            .property(docs: ["Whether the legacy totals are written."], modifiers: "public static let", name: "legacyTotals",
                      type: "Bool", value: entity.totalSize ? "true" : "false", body: nil),
        ])
        let alias: SwiftDecl = .typealias(docs: [entity.description, "", "Generated from \(entity.origin)"],
                                          text: "\(entity.swiftName) = NXPageEntity<\(kind)>")
        return GeneratedFile(
            path: "NXModel/Entities/\(entity.swiftName).swift",
            contents: SwiftRenderer.render(SwiftFile(sources: [entity.origin.file], imports: ["NXRuntime"], decls: [alias, kindDecl])))
    }
}
