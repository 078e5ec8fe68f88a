import NXSpec

/// Emits one value type per parameter set (`NXModel/ParamSets/`), its request decoding (`NXAPI`) and its
/// request encoding (`NXClient`): the set's shape is written once, each side adds only its behaviour.
enum ParamSetEmitter {
    static func typeName(_ set: ParamSetDef) -> String { Naming.upperCamel(set.name) + "Parameters" }

    /// The set's fields, as an endpoint input would hold them.
    static func fields(_ set: ParamSetDef, _ model: SpecModel, _ types: TypeMapping) -> [InputField] {
        set.params.map { InputField.query($0, types) } + set.headers.compactMap(model.header).map { InputField.header($0, inSet: true) }
    }

    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let types = TypeMapping(model: model)
        var files: [GeneratedFile] = []
        var decoders: [SwiftDecl] = []
        var encoders: [SwiftDecl] = []
        for set in model.paramSets {
            let fields = fields(set, model, types)
            files.append(GeneratedFile(
                path: "NXModel/ParamSets/\(typeName(set)).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: [set.origin.file], imports: ["NXRuntime"], decls: [valueDecl(set, fields, model)]))))
            decoders += decoderDecls(set, fields)
            encoders.append(encoderDecl(set, model, types))
        }
        guard !model.paramSets.isEmpty else { return files }
        let sources = Array(Set(model.paramSets.map(\.origin.file)))
        files.append(GeneratedFile(
            path: "NXAPI/ParamSets.swift",
            contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: ["NXAPIRuntime", "NXModel"], decls: decoders))))
        files.append(GeneratedFile(
            path: "NXClient/ParamSets.swift",
            contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: ["NXHTTP", "NXModel"], decls: encoders))))
        return files
    }

    /// Every spelling a request may use for the set's parameters, lowercased (query names and the query twins of its headers).
    static func wireNames(_ set: ParamSetDef, _ model: SpecModel) -> [String] {
        var names = set.params.map { $0.name.lowercased() }
        for header in set.headers.compactMap(model.header) where header.query {
            names += ([header.name] + header.aliases).map { $0.lowercased() }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    static func valueDecl(_ set: ParamSetDef, _ fields: [InputField], _ model: SpecModel) -> SwiftDecl {
        var members: [SwiftDecl] = fields.map {
            .property(docs: [$0.docs], modifiers: "public var", name: $0.name, type: $0.type, value: nil, body: nil)
        }
        members.append(.property(
            docs: ["Every request parameter name the set reads, lowercased: the rest of a query are other parameters."],
            modifiers: "public static let", name: "wireNames", type: "Set<String>",
            value: "[" + wireNames(set, model).map(Naming.literal).joined(separator: ", ") + "]", body: nil))
        members.append(.function(
            docs: ["Creates the value; every field defaults to absent."],
            signature: "public init(" + fields.map { "\($0.name.trimmingBackticks): \($0.type) = \($0.absent)" }.joined(separator: ", ") + ")",
            body: fields.map { .line("self.\($0.name.trimmingBackticks) = \($0.name.trimmingBackticks)") }))
        return .type(kind: .struct, name: typeName(set), conformances: ["Sendable", "Hashable"],
                     docs: [set.description.isEmpty ? "The `\(set.name)` parameters." : set.description, "",
                            "Generated from \(set.origin)"], members: members)
    }

    /// The server side of a set: its request decoding, and a reader protocol taking every member as a labelled argument.
    /// The server implements the reader once; a member added to the set changes the requirement, so the server stops
    /// compiling until its reader takes the new member (or names it `_`), as handlers do for endpoint inputs.
    static func decoderDecls(_ set: ParamSetDef, _ fields: [InputField]) -> [SwiftDecl] {
        let reader = typeName(set) + "Reader"
        let arguments = fields.map { "\($0.name): \($0.type)" }
        let reading = SwiftDecl.type(kind: .protocol, name: reader, conformances: [], docs: [
            "Reads every `\(set.name)` parameter; the server implements it once.",
            "",
            "Generated from \(set.origin)",
        ], members: [
            .statements(docs: ["What reading the parameters gives."], [.line("associatedtype Reading")]),
            .function(docs: ["Takes every parameter of the set."] + ["", "- Parameters:"] + fields.map { "  - \($0.name.trimmingBackticks): \($0.docs)" },
                      signature: "func read(\(arguments.joined(separator: ", "))) -> Reading", body: nil),
        ])
        let decoding = SwiftDecl.type(kind: .extension, name: typeName(set), conformances: [], docs: [], members: [
            .function(docs: ["Decodes the set from a matched request; bad values throw 400 errors."],
                      signature: "public init(request: APIRequest) throws",
                      body: [.line("self.init(" + fields.map { "\($0.name.trimmingBackticks): \($0.decode)" }.joined(separator: ", ") + ")")]),
            .function(docs: ["Hands every parameter to `reader`."],
                      signature: "public func read<Reader: \(reader)>(with reader: Reader) -> Reader.Reading",
                      body: [.line("reader.read(" + fields.map { "\($0.name.trimmingBackticks): \($0.name)" }.joined(separator: ", ") + ")")]),
        ])
        return [reading, decoding]
    }

    static func encoderDecl(_ set: ParamSetDef, _ model: SpecModel, _ types: TypeMapping) -> SwiftDecl {
        var body: [SwiftStmt] = set.params.map { ClientEmitter.queryStatement($0, types, owner: "self.") }
        body += set.headers.compactMap(model.header).map { ClientEmitter.headerStatement($0, owner: "self.") }
        var members: [SwiftDecl] = [
            .function(docs: ["Adds the set's query parameters and headers to `request`."],
                      signature: "public func apply(to request: inout NXHTTPRequest)", body: body)
        ]
        if set.params.contains(where: { $0.name == "currentPageIndex" }) {
            var page: [SwiftStmt] = [.line("var copy = self"), .line("copy.currentPageIndex = index")]
            if set.params.contains(where: { $0.name == "offset" }) { page.append(.line("copy.offset = nil")) }
            page.append(.line("return copy"))
            members.append(.function(docs: ["The same parameters asking for page `index`."],
                                     signature: "public func page(_ index: Int) -> Self", body: page))
        }
        return .type(kind: .extension, name: typeName(set), conformances: [], docs: [], members: members)
    }
}
