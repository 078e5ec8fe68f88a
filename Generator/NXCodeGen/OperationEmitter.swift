import NXSpec

/// Emits automation operations into `NXAPI/Operations/`: one params file per spec file, the handler protocol,
/// and `NXOperations` (descriptors, lookup, dispatch).
enum OperationEmitter {
    static let imports = ["NXAPIRuntime", "NXRuntime"]

    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        guard !model.operations.isEmpty else { return [] }
        var files: [GeneratedFile] = []
        let byFile = Dictionary(grouping: model.operations, by: \.origin.file)
        for (file, operations) in byFile.sorted(by: { $0.key < $1.key }) {
            let stem = file.split(separator: "/").last.map { String($0.split(separator: ".")[0]) } ?? file
            files.append(GeneratedFile(
                path: "NXAPI/Operations/OperationParams+\(Naming.upperCamel(stem)).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: [file], imports: imports, decls: operations.map(paramsDecl)))))
        }
        let sources = Array(Set(model.operations.map(\.origin.file)))
        files.append(GeneratedFile(path: "NXAPI/Operations/NXOperationHandlers.swift",
                                   contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: imports, decls: [handlersDecl(model)]))))
        files.append(GeneratedFile(path: "NXAPI/Operations/NXOperations.swift",
                                   contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: imports, decls: registryDecls(model)))))
        return files
    }

    static func paramsName(_ op: OperationDef) -> String { Naming.upperCamel(op.id) + "Params" }
    static func methodName(_ op: OperationDef) -> String { Naming.identifier(op.id) }

    static func summary(_ op: OperationDef) -> String {
        let text = op.description.isEmpty ? op.label : op.description
        return text.split(separator: "\n").joined(separator: " ")
    }

    /// Swift type and reader call of a parameter type.
    static func swiftType(_ type: OperationParamType) -> (type: String, reader: String) {
        switch type {
        case .string: return ("String", "string")
        case .boolean: return ("Bool", "bool")
        case .integer, .long, .int: return ("Int", "int")
        case .double: return ("Double", "double")
        case .date: return ("String", "date")
        case .properties: return ("JSONObject", "properties")
        case .stringlist: return ("[String]", "stringList")
        case .document: return ("DocumentRef", "document")
        case .documents: return ("[DocumentRef]", "documents")
        case .object, .serializable, .blob: return ("JSONValue", "object")
        case .resource: return ("String", "string")
        }
    }

    /// A Swift expression for a (validated) default value.
    static func defaultExpression(_ text: String, _ type: OperationParamType) -> String {
        switch type {
        case .string, .date: return Naming.literal(text)
        case .boolean: return text.lowercased()
        case .integer, .long, .int, .double: return text
        case .properties: return "(try? OperationParamDecoding.properties(text: \(Naming.literal(text)))) ?? JSONObject()"
        case .stringlist: return "[" + text.split(separator: ",").map { Naming.literal(String($0)) }.joined(separator: ", ") + "]"
        case .document: return "OperationParamDecoding.documentRef(text: \(Naming.literal(text))) ?? .path(\"/\")"
        case .documents: return "OperationParamDecoding.documentRefs(text: \(Naming.literal(text)))"
        case .object, .serializable, .blob: return "(try? NXJSON.parse(Array(\(Naming.literal(text)).utf8))) ?? .null"
        case .resource: return Naming.literal(text)
        }
    }

    static func paramsDecl(_ op: OperationDef) -> SwiftDecl {
        var members: [SwiftDecl] = []
        var fields: [(name: String, type: String, decode: String)] = []
        for p in op.params {
            let (base, reader) = swiftType(p.type)
            let name = Naming.identifier(p.name)
            let optional = !p.required && p.defaultValue == nil
            let type = optional ? base + "?" : base
            let aliases = p.aliases.isEmpty ? "" : ", aliases: [" + p.aliases.map(Naming.literal).joined(separator: ", ") + "]"
            let call = "reader.\(reader)(\(Naming.literal(p.name))\(aliases))"
            let throwing = reader != "object"
            var decode = (throwing ? "try " : "") + call
            if let def = p.defaultValue {
                decode += " ?? " + defaultExpression(def, p.type)
            } else if p.required {
                decode = "try reader.required(\(call), \(Naming.literal(p.name)))"
            }
            var docs = [p.description.isEmpty ? "`\(p.name)` (\(p.type.rawValue))." : p.description]
            var notes: [String] = []
            if p.required { notes.append("Required.") }
            if let def = p.defaultValue { notes.append("Defaults to `\(def)`.") }
            if !p.values.isEmpty { notes.append("Values: " + p.values.map { "`\($0)`" }.joined(separator: ", ") + ".") }
            if !p.aliases.isEmpty { notes.append("Also accepted as " + p.aliases.map { "`\($0)`" }.joined(separator: ", ") + ".") }
            if !notes.isEmpty { docs = [([docs[0]] + notes).joined(separator: " ")] }
            members.append(.property(docs: docs, modifiers: "public var", name: name, type: type, value: nil, body: nil))
            fields.append((name.trimmingBackticks, type, decode))
        }
        members.append(.function(
            docs: ["Creates the parameters."],
            signature: "public init(" + fields.map { "\($0.name): \($0.type)\($0.type.hasSuffix("?") ? " = nil" : "")" }.joined(separator: ", ") + ")",
            body: fields.map { .line("self.\($0.name) = \(Naming.keywords.contains($0.name) ? "`\($0.name)`" : $0.name)") }))
        var body: [SwiftStmt] = []
        if !fields.isEmpty { body.append(.line("let reader = OperationParamReader(params, operation: \(Naming.literal(op.id)))")) }
        body += fields.map { .line("self.\($0.name) = \($0.decode)") }
        members.append(.function(
            docs: ["Decodes Nuxeo-style parameters: unknown names ignored, aliases accepted, text converted; bad values throw 400."],
            signature: "public init(params: JSONObject) throws", body: body))
        return .type(kind: .struct, name: paramsName(op), conformances: ["Sendable"],
                     docs: ["Parameters of `\(op.id)`: \(op.label).", "", "Generated from \(op.origin)"], members: members)
    }

    static func handlersDecl(_ model: SpecModel) -> SwiftDecl {
        var members: [SwiftDecl] = [
            .statements(docs: ["What flows in and out of an operation (the server decides: void, document, documents, blob…)."],
                        [.line("associatedtype Value: Sendable")]),
            .statements(docs: ["Per-call context (session, principal, repository…)."], [.line("associatedtype Context: Sendable")]),
        ]
        for op in model.operations {
            let signature = op.signature.map { "\($0.input) → \($0.output)" }.joined(separator: ", ")
            members.append(.function(
                docs: ["\(summary(op)) — generated from \(op.origin)", "", "Signature: \(signature)."],
                signature: "func \(methodName(op))(_ input: Value, _ params: \(paramsName(op)), context: Context) async throws -> Value",
                body: nil))
        }
        return .type(kind: .protocol, name: "NXOperationHandlers", conformances: ["Sendable"],
                     docs: ["Implementations of the automation operations; storage-agnostic (the server picks `Value` and `Context`)."],
                     members: members)
    }

    /// Nuxeo's documentation order: by `order` when both have one, then required first, then by name.
    static func documentationOrder(_ a: OperationParamDef, _ b: OperationParamDef) -> Bool {
        if a.order != 0 && b.order != 0 && a.order != b.order { return a.order < b.order }
        if a.required != b.required { return a.required }
        return a.name < b.name
    }

    /// One parameter's `OperationParamDescriptor(…)` line (operations and chains); empty lists and absent defaults are
    /// left out.
    static func paramDescriptor(_ p: OperationParamDef) -> SwiftStmt {
        var arguments = ["name: \(Naming.literal(p.name))", "type: \(Naming.literal(p.type.rawValue))", "required: \(p.required)",
                         "order: \(p.order)"]
        if !p.values.isEmpty { arguments.append("values: \(list(p.values))") }
        if let value = p.defaultValue { arguments.append("defaultValue: \(Naming.literal(value))") }
        arguments.append("description: \(Naming.literal(p.description))")
        if !p.aliases.isEmpty { arguments.append("aliases: \(list(p.aliases))") }
        if let widget = p.widget { arguments.append("widget: \(Naming.literal(widget))") }
        return .line("OperationParamDescriptor(\(arguments.joined(separator: ", "))),")
    }

    /// `["a", "b"]`.
    static func list(_ items: [String]) -> String { "[" + items.map(Naming.literal).joined(separator: ", ") + "]" }

    static func descriptorExpression(_ op: OperationDef) -> [SwiftStmt] {
        let signature = "[" + op.signature.map { "OperationSignature(input: \(Naming.literal($0.input)), output: \(Naming.literal($0.output)))" }
            .joined(separator: ", ") + "]"
        // Empty lists and absent defaults are left out (the descriptors' initializers default them to empty/nil).
        let params = op.params.sorted(by: documentationOrder).map(paramDescriptor)
        let aliases = op.aliases.isEmpty ? "" : "aliases: \(list(op.aliases)), "
        // The descriptor's fields sit 12 columns in; a first line too wide for that splits after the aliases.
        let head = "id: \(Naming.literal(op.id)), \(aliases)category: \(Naming.literal(op.category)), label: \(Naming.literal(op.label)),"
        let headLines: [SwiftStmt] = head.count + 12 <= LineWrapper.width ? [.line(head)] : [
            .line(String("id: \(Naming.literal(op.id)), \(aliases)".dropLast())),
            .line("category: \(Naming.literal(op.category)), label: \(Naming.literal(op.label)),"),
        ]
        return [.block("OperationDescriptor(", headLines + [
            .line("description: \(Naming.literal(op.description)),"),
        ] + (op.since.map { [SwiftStmt.line("since: \(Naming.literal($0)),")] } ?? []) + [
            .line("signature: \(signature),"),
            params.isEmpty ? .line("params: []") : .block("params: [", params, close: "]"),
        ], close: "),")]
    }

    static func registryDecls(_ model: SpecModel) -> [SwiftDecl] {
        var list: [SwiftStmt] = []
        for op in model.operations { list += descriptorExpression(op) }
        var cases: [SwiftStmt] = []
        for op in model.operations {
            let labels = ([op.id] + op.aliases.filter { $0 != op.id }).map(Naming.literal).joined(separator: ", ")
            cases.append(.line("case \(labels):"))
            cases.append(.line("    return try await handler.\(methodName(op))(input, \(paramsName(op))(params: params), context: context)"))
        }
        cases.append(.line("default:"))
        cases.append(.line("    return nil"))
        let registry = SwiftDecl.type(kind: .enum, name: "NXOperations", conformances: [], docs: [
            "The automation operation registry: descriptors, lookup by id or alias, and dispatch to `NXOperationHandlers`.",
        ], members: [
            .statements(docs: ["Every operation, sorted by id."],
                        [.block("public static let descriptors: [OperationDescriptor] = [", list, close: "]")]),
        ])
        return [registry, registryExtension(cases)]
    }

    static func registryExtension(_ cases: [SwiftStmt]) -> SwiftDecl {
        .type(kind: .extension, name: "NXOperations", conformances: [], docs: [], members: [
            .statements(docs: ["Descriptors by id and alias."], [.line("static let byName: [String: OperationDescriptor] = OperationDescriptor.index(descriptors)")]),
            .function(docs: ["The descriptor of `id` or an alias."], signature: "public static func descriptor(_ id: String) -> OperationDescriptor?",
                      body: [.line("byName[id]")]),
            .function(
                docs: ["Decodes `params` for operation `id` (or an alias) and calls its handler; nil when no such operation."],
                signature: "public static func invoke<H: NXOperationHandlers>(_ id: String, on handler: H, input: H.Value, params: JSONObject, "
                    + "context: H.Context) async throws -> H.Value?",
                body: [.block("switch id {", cases)]),
        ])
    }
}
