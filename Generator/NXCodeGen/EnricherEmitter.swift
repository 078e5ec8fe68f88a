import NXSpec

/// Emits content enrichers into `NXAPI/Enrichers/`: per entity, a handler protocol (one method per enricher)
/// and an enum with the declared names and a dispatcher. Adding an enricher is one spec entry plus one method.
enum EnricherEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        var order: [String] = []
        var byEntity: [String: [EnricherDef]] = [:]
        for enricher in model.enrichers {
            if byEntity[enricher.entity] == nil { order.append(enricher.entity) }
            byEntity[enricher.entity, default: []].append(enricher)
        }
        return order.sorted().map { entity in
            let enrichers = byEntity[entity] ?? []
            let prefix = Naming.upperCamel(entity)
            return GeneratedFile(
                path: "NXAPI/Enrichers/\(prefix)Enrichers.swift",
                contents: SwiftRenderer.render(SwiftFile(
                    sources: Array(Set(enrichers.map(\.origin.file))), imports: ["NXRuntime"],
                    decls: [protocolDecl(entity, enrichers), enumDecl(entity, enrichers)])))
        }
    }

    static func methodName(_ e: EnricherDef) -> String { Naming.identifier(e.name) }

    static func protocolDecl(_ entity: String, _ enrichers: [EnricherDef]) -> SwiftDecl {
        var members: [SwiftDecl] = [
            .statements(docs: ["What an enricher looks at (the server decides: a document with its session, …)."],
                        [.line("associatedtype Subject: Sendable")]),
        ]
        for e in enrichers {
            let text = e.description.isEmpty ? "`\(e.name)`" : e.description
            members.append(.function(
                docs: ["\(e.name): \(text) — generated from \(e.origin)", "", "Returns the value written in `contextParameters.\(e.name)`, or nil to write nothing."],
                signature: "func \(methodName(e))(_ subject: Subject) async throws -> JSONValue?", body: nil))
        }
        return .type(kind: .protocol, name: "\(Naming.upperCamel(entity))EnricherHandlers", conformances: ["Sendable"],
                     docs: ["Content enrichers of `\(entity)` entities (`enrichers-\(entity)` header); implemented by the server."],
                     members: members)
    }

    static func enumDecl(_ entity: String, _ enrichers: [EnricherDef]) -> SwiftDecl {
        var cases: [SwiftStmt] = []
        for e in enrichers {
            cases.append(.line("case \(Naming.literal(e.name)):"))
            cases.append(.line("    return try await handler.\(methodName(e))(subject)"))
        }
        cases.append(.line("default:"))
        cases.append(.line("    return nil"))
        let prefix = Naming.upperCamel(entity)
        return .type(kind: .enum, name: "\(prefix)Enrichers", conformances: [], docs: ["The `\(entity)` enrichers declared in the spec."], members: [
            .property(docs: ["Declared names, in spec order."], modifiers: "public static let", name: "names", type: "[String]",
                      value: "[" + enrichers.map { Naming.literal($0.name) }.joined(separator: ", ") + "]", body: nil),
            .function(
                docs: ["Runs enricher `name`; nil result when the name is unknown (Nuxeo ignores unknown enrichers) or the enricher wrote nothing."],
                signature: "public static func run<H: \(prefix)EnricherHandlers>(_ name: String, on handler: H, _ subject: H.Subject) async throws -> JSONValue?",
                body: [.block("switch name {", cases)]),
        ])
    }
}
