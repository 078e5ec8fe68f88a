import NXSpec

/// Message bundles as an `NXCore.MessageBundles` value in their own file (`NXSchemas+Messages.swift`): one block per
/// locale, one line per key, keys sorted.
extension SchemaEmitter {
    /// The file declaring `NXSchemas.messages`, or nil when the spec has no message bundles.
    static func messagesFile(_ model: SpecModel) -> GeneratedFile? {
        guard let base = model.messageBundles.first(where: \.isDefault) else { return nil }
        let bundles: [SwiftStmt] = model.messageBundles.sorted { $0.locale < $1.locale }.map { bundle in
            .block("\(Naming.literal(bundle.locale)): [", bundle.entries.sorted { $0.key < $1.key }.map { entry in
                .line("\(Naming.literal(entry.key)): \(Naming.literal(entry.text)),")
            }, close: "],")
        }
        let decl = SwiftDecl.type(kind: .extension, name: "NXSchemas", conformances: [], docs: [], members: [
            .statements(docs: ["The message bundles of `Spec/messages/` (label key → text by locale); `\(base.locale)` is the default."], [
                .block("public static let messages = MessageBundles(", [
                    .line("defaultLocale: \(Naming.literal(base.locale)),"),
                    .block("bundles: [", bundles, close: "]"),
                ], close: ")"),
            ]),
        ])
        return GeneratedFile(path: "NXSchemas/NXSchemas+Messages.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: model.messageBundles.map(\.origin.file), imports: ["NXCore"], decls: [decl])))
    }
}
