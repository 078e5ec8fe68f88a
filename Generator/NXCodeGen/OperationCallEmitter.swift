import NXSpec

/// Emits the SDK's typed automation calls: one `NXOperation` factory per operation of the spec, its parameters typed
/// from their declared types (required ones without default are not optional), and the `run` method of the resource
/// the spec names (`sdk.operations`).
enum OperationCallEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        guard model.sdkOperationsResource != nil, !model.operations.isEmpty else { return [] }
        var seen = Set<String>()
        var members: [SwiftDecl] = []
        for operation in model.operations {
            let name = factoryName(operation.id)
            guard seen.insert(name).inserted else { continue }
            members.append(factory(operation, name))
        }
        let decl = SwiftDecl.type(kind: .extension, name: "NXOperation", conformances: [], docs: [], members: members)
        let sources = Array(Set(model.operations.map(\.origin.file)))
        return [GeneratedFile(path: "NXClient/NXOperation+Operations.swift",
                              contents: SwiftRenderer.render(SwiftFile(sources: sources, imports: ["NXClientRuntime", "NXRuntime"], decls: [decl])))]
    }

    /// `Document.Create` → `documentCreate`, `PDF.ExtractPages` → `pdfExtractPages`.
    static func factoryName(_ id: String) -> String { Naming.lowerCamel(id) }

    /// The Swift type of an operation parameter.
    static func swiftType(_ type: OperationParamType) -> String {
        switch type {
        case .string, .date, .resource: return "String"
        case .boolean: return "Bool"
        case .integer, .long, .int: return "Int"
        case .double: return "Double"
        case .properties: return "[String: String]"
        case .stringlist: return "[String]"
        case .document: return "DocumentRef"
        case .documents: return "[DocumentRef]"
        case .object, .serializable, .blob: return "JSONValue"
        }
    }

    static func factory(_ operation: OperationDef, _ name: String) -> SwiftDecl {
        var params: [String] = []
        var body: [SwiftStmt] = [.line("var operation = NXOperation(\(Naming.literal(operation.id)))")]
        var docs = [operation.label.isEmpty ? "`\(operation.id)`." : "\(operation.label) (`\(operation.id)`)."]
        let description = operation.description.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
        if !description.isEmpty { docs += ["", description] }
        let signature = operation.signature.map { "\($0.input) → \($0.output)" }.joined(separator: ", ")
        if !signature.isEmpty { docs += ["", "Input → output: \(signature)."] }
        var parameterDocs: [String] = []
        for param in operation.params {
            let identifier = Naming.identifier(param.name)
            let type = swiftType(param.type)
            let required = param.required && param.defaultValue == nil
            params.append("\(identifier): \(type)" + (required ? "" : "? = nil"))
            body.append(.line("operation.set(\(Naming.literal(param.name)), \(identifier))"))
            var text = param.description.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
            if text.isEmpty { text = "The `\(param.name)` parameter (\(param.type.rawValue))." }
            if !param.values.isEmpty { text += " One of: \(param.values.map { "`\($0)`" }.joined(separator: ", "))." }
            if let value = param.defaultValue { text += " The server's default: `\(value)`." }
            parameterDocs.append("  - \(identifier.replacingOccurrences(of: "`", with: "")): \(text)")
        }
        if !parameterDocs.isEmpty { docs += ["", "- Parameters:"] + parameterDocs }
        body.append(.line("return operation"))
        if operation.params.isEmpty { body = [.line("NXOperation(\(Naming.literal(operation.id)))")] }
        return .function(docs: docs, signature: "public static func \(Naming.identifier(name))(\(params.joined(separator: ", "))) -> NXOperation",
                         body: body)
    }

    /// `run(_:input:context:repository:)` of the operations resource, when the spec has operations and the `document`
    /// and `documents` entities its results decode into.
    static func runMethod(_ model: SpecModel) -> SwiftDecl? {
        guard !model.operations.isEmpty, let document = model.entity("document"), let documents = model.entity("documents") else { return nil }
        return .function(
            docs: [
                "Runs a typed automation operation (`NXOperation.documentCreate(type: \"File\", name: \"a\")`) on `input`.", "",
                "`POST /automation/{id}` with `params`, `input` and `context` as JSON; the result is what the server sent: a document,",
                "documents, another JSON value, a blob, or nothing.", "",
                "- Parameters:",
                "  - operation: The operation and its parameters.",
                "  - input: What it runs on (a document, documents, or nothing).",
                "  - context: Variables of the operation context.",
                "  - repository: The repository to address (`/repo/{name}`); the server's default when nil.",
                "- Throws: `NXClientError` (an unknown operation is `.notFound`, bad parameters `.badRequest`).",
            ],
            signature: "public func run(_ operation: NXOperation, input: NXOperationInput = .none, context: JSONObject = JSONObject(), "
                + "repository: String? = nil) async throws(NXClientError) -> NXOperationResult<\(document.swiftName), \(documents.swiftName)>",
            body: [.line("try await core.run(operation, input: input, context: context, repository: repository)")])
    }
}
