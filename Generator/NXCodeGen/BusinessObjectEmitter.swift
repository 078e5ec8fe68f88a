import NXSpec

/// Emits the business objects of `Spec/businessobjects/`: a Codable value per object in `NXModel/BusinessObjects/`
/// (what SDK callers read and send as `value`), and `NXAPI/NXBusinessObjects.swift`, the server's registry.
enum BusinessObjectEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        guard !model.operations.isEmpty || !model.businessObjects.isEmpty else { return [] }
        var files = model.businessObjects.map { object in
            GeneratedFile(path: "NXModel/BusinessObjects/\(object.name).swift",
                          contents: SwiftRenderer.render(SwiftFile(sources: [object.origin.file], imports: ["NXRuntime"], decls: [codec(object)])))
        }
        let list: [SwiftStmt] = model.businessObjects.map { object in
            .block("BusinessObjectDescriptor(", [
                .line("name: \(Naming.literal(object.name)), description: \(Naming.literal(object.description)),"),
                .block("fields: [", object.fields.map { .line("BusinessObjectField(name: \(Naming.literal($0.name)), property: \(Naming.literal($0.property))),") },
                       close: "]"),
            ], close: "),")
        }
        let registry = SwiftDecl.type(kind: .enum, name: "NXBusinessObjects", conformances: [], docs: [
            "The business objects of the `@bo/{name}` adapter, by name.",
        ], members: [
            .statements(docs: ["Every business object, sorted by name."],
                        [list.isEmpty ? .line("public static let descriptors: [BusinessObjectDescriptor] = []")
                            : .block("public static let descriptors: [BusinessObjectDescriptor] = [", list, close: "]")]),
            .function(docs: ["The business object `name`; nil when there is none."],
                      signature: "public static func descriptor(_ name: String) -> BusinessObjectDescriptor?",
                      body: [.line("descriptors.first { $0.name == name }")]),
        ])
        let files2 = Array(Set(model.businessObjects.map(\.origin.file))).sorted()
        files.append(GeneratedFile(path: "NXAPI/NXBusinessObjects.swift", contents: SwiftRenderer.render(SwiftFile(
            sources: files2.isEmpty ? ["Spec/businessobjects/ (none)"] : files2, imports: ["NXAPIRuntime"], decls: [registry]))))
        return files
    }

    /// Swift type of a bound property.
    static func swiftType(_ type: SchemaFieldType?) -> String {
        func primitive(_ name: String) -> String {
            switch name {
            case "long", "integer": return "Int64"
            case "double": return "Double"
            case "boolean": return "Bool"
            case "string", "date": return "String"
            default: return "JSONValue"
            }
        }
        switch type {
        case .primitive(let name)?: return primitive(name)
        case .list(let name)?: return "[\(primitive(name))]"
        default: return "JSONValue"
        }
    }

    static func codec(_ object: BusinessObjectDef) -> SwiftDecl {
        var members: [SwiftDecl] = [
            .statements(docs: ["The adapter name (`entity-type` on the wire)."],
                        [.line("public static let adapterName: String = \(Naming.literal(object.name))")]),
            .property(docs: ["The document's uid (absent when creating)."], modifiers: "public var", name: "id", type: "String?", value: nil, body: nil),
            .property(docs: ["The document type."], modifiers: "public var", name: "type", type: "String?", value: nil, body: nil),
        ]
        for field in object.fields {
            members.append(.property(docs: ["`\(field.property)`."], modifiers: "public var", name: Naming.identifier(field.name),
                                     type: swiftType(field.type) + "?", value: nil, body: nil))
        }
        let names = ["id", "type"] + object.fields.map { Naming.identifier($0.name).trimmingBackticks }
        let types = ["String?", "String?"] + object.fields.map { swiftType($0.type) + "?" }
        members.append(.function(
            docs: ["Creates the value; every field is optional."],
            signature: "public init(" + zip(names, types).map { "\($0): \($1) = nil" }.joined(separator: ", ") + ")",
            body: names.map { .line("self.\($0) = \($0)") }))
        var keys: [SwiftStmt] = []
        for (swiftName, jsonName) in zip(names, ["id", "type"] + object.fields.map(\.name)) {
            keys.append(.line(swiftName == jsonName ? "case \(swiftName)" : "case \(swiftName) = \(Naming.literal(jsonName))"))
        }
        members.append(.statements(docs: ["JSON field names."], [.block("public enum CodingKeys: String, CodingKey {", keys)]))
        let summary = object.description.isEmpty ? "Business object `\(object.name)`." : object.description
        return .type(kind: .struct, name: object.name, conformances: ["Codable", "Sendable", "Hashable"],
                     docs: [summary, "", "Generated from \(object.origin)"], members: members)
    }
}
