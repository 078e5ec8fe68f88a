import Foundation
import NXSpec

/// Emits `NXModel`: one file per entity (with its auxiliary objects), one per enum, and the examples table.
enum ModelEmitter {
    static func emit(_ model: SpecModel) -> [GeneratedFile] {
        let types = TypeMapping(model: model)
        var files: [GeneratedFile] = []
        for entity in model.entities {
            if let runtimeType = entity.runtimeType {
                files.append(runtimeEntityFile(entity, runtimeType: runtimeType))
                continue
            }
            if let file = pageEntityFile(entity, types) {
                files.append(file)
                continue
            }
            var decls = [entityDecl(entity, types)]
            for object in entity.objects {
                decls.append(objectDecl(object, types))
            }
            files.append(GeneratedFile(
                path: "NXModel/Entities/\(entity.swiftName).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: [entity.origin.file], imports: ["NXRuntime"], decls: decls))))
        }
        for enumDef in model.enums {
            files.append(GeneratedFile(
                path: "NXModel/Enums/\(Naming.upperCamel(enumDef.name)).swift",
                contents: SwiftRenderer.render(SwiftFile(sources: [enumDef.origin.file], imports: [], decls: [enumDecl(enumDef)]))))
        }
        files.append(examplesFile(model))
        return files
    }

    static func entityDecl(_ entity: EntityDef, _ types: TypeMapping) -> SwiftDecl {
        let fields = types.storedFields(entity)
        let paged = entity.paginable && entity.entries != nil
        var members: [SwiftDecl] = [
            .property(docs: ["The `entity-type` of this entity."], modifiers: "public static let", name: "entityType", type: "String",
                      value: Naming.literal(entity.name), body: nil)
        ]
        if paged {
            members.append(.property(docs: ["The paging fields (`isPaginable`, `resultsCount`, …); nil when the JSON carried none."],
                                     modifiers: "public var", name: "paging", type: "NXPaging?", value: nil, body: nil))
        }
        members += fields.map { property($0, types) }
        members.append(memberwiseInit(fields, types, what: "entity", paging: paged))
        if paged, let entries = entity.entries {
            let entry = types.swiftType(.named(entries))
            members.append(.function(docs: ["A page of entries with its paging fields."],
                                     signature: "public init(page: NXPage<\(entry)>)",
                                     body: [.line("self.init(paging: page.paging, entries: page.entries)")]))
        }
        members.append(codingKeys(fields))
        if paged {
            members.append(pagedDecoder(fields, types))
        } else if fields.contains(where: { zero($0) != nil }) {
            members.append(decoder(fields, types))
        }
        members.append(writeFunction(fields, types, entityType: true, paging: paged ? entity.totalSize : nil))
        return .type(kind: .struct, name: entity.swiftName, conformances: ["NXEntity", "Hashable"] + (paged ? ["NXPaginable"] : []),
                     docs: [entity.description, "", "Generated from \(entity.origin)"], members: members)
    }

    /// `init(from:)` of a paginable entity: the paging fields through `NXPaging`, the others by key.
    static func pagedDecoder(_ fields: [FieldDef], _ types: TypeMapping) -> SwiftDecl {
        var body: [SwiftStmt] = [
            .line("paging = try NXPaging(pageFieldsOf: decoder)"),
            .line("let container = try decoder.container(keyedBy: CodingKeys.self)"),
        ]
        body += decodeStatements(fields, types)
        return .function(docs: ["Decodes the entity: paging fields and its own fields."],
                         signature: "public init(from decoder: any Decoder) throws", body: body)
    }

    /// An auxiliary object: read like entities (`Decodable`), written by `writeJSON` (so it may hold entities).
    static func objectDecl(_ object: ObjectDef, _ types: TypeMapping) -> SwiftDecl {
        var members = object.fields.map { property($0, types) }
        members.append(memberwiseInit(object.fields, types, what: "value"))
        members.append(codingKeys(object.fields))
        if object.fields.contains(where: { zero($0) != nil }) { members.append(decoder(object.fields, types)) }
        members.append(writeFunction(object.fields, types, entityType: false))
        return .type(kind: .struct, name: Naming.upperCamel(object.name), conformances: ["JSONWritable", "Decodable", "Hashable", "Sendable"],
                     docs: [object.description, "", "Generated from \(object.origin)"], members: members)
    }

    /// The zero value of a field the server always writes (neither nullable, nor left out, nor request-only) when its
    /// type has one: such a field is not optional in Swift, and its zero stands for "absent" (a JSON without it, a
    /// request body that leaves it out). Nil for the other fields, which stay optional.
    static func zero(_ field: FieldDef) -> String? {
        guard !field.nullable, !field.omit, !field.inputOnly, !field.presenceMatters else { return nil }
        switch field.type {
        case .string, .xpath: return "\"\""
        case .boolean: return "false"
        case .integer: return "0"
        case .double: return "0"
        case .object: return "JSONObject()"
        case .list: return "[]"
        default: return nil
        }
    }

    /// The Swift type of a stored field: optional unless the server always writes it.
    static func storedType(_ field: FieldDef, _ types: TypeMapping) -> String {
        types.swiftType(field.type) + (zero(field) == nil ? "?" : "")
    }

    static func property(_ field: FieldDef, _ types: TypeMapping) -> SwiftDecl {
        var docs = [field.description.isEmpty ? "`\(field.name)`." : field.description]
        if field.omit { docs.append("Left out of the JSON when nil.") } else if field.nullable { docs.append("Written as null when nil.") }
        if let zero = zero(field) { docs.append("The server always writes it; `\(zero)` when the JSON has none (and left out of request bodies).") }
        if field.inputOnly { docs.append("Sent in requests only: the server never sets it.") }
        return .property(docs: docs, modifiers: "public var", name: field.swiftIdentifier, type: storedType(field, types), value: nil, body: nil)
    }

    /// One statement per field, read from `container` by key; a field the server always writes gets its zero when absent.
    static func decodeStatements(_ fields: [FieldDef], _ types: TypeMapping) -> [SwiftStmt] {
        fields.map { field in
            let name = field.swiftIdentifier
            let decode = "try container.decodeIfPresent(\(types.swiftType(field.type)).self, forKey: .\(name))"
            return .line("self.\(name.trimmingBackticks) = \(decode)" + (zero(field).map { " ?? \($0)" } ?? ""))
        }
    }

    /// `init(from:)` of an entity or object with fields the server always writes: those get their zero when absent.
    static func decoder(_ fields: [FieldDef], _ types: TypeMapping) -> SwiftDecl {
        let body: [SwiftStmt] = [.line("let container = try decoder.container(keyedBy: CodingKeys.self)")] + decodeStatements(fields, types)
        return .function(docs: ["Decodes the fields by key; a field the server always writes gets its zero when absent or null."],
                         signature: "public init(from decoder: any Decoder) throws", body: body)
    }

    static func memberwiseInit(_ fields: [FieldDef], _ types: TypeMapping, what: String, paging: Bool = false) -> SwiftDecl {
        var params = fields.map { field in
            "\(field.swiftIdentifier): \(storedType(field, types)) = \(zero(field) ?? "nil")"
        }
        var body: [SwiftStmt] = fields.map {
            let name = $0.swiftIdentifier
            return .line("self.\(name.trimmingBackticks) = \(name)")
        }
        if paging {
            params.insert("paging: NXPaging? = nil", at: 0)
            body.insert(.line("self.paging = paging"), at: 0)
        }
        return .function(docs: ["Creates the \(what); every argument may be left out (nil, or a field's zero)."],
                         signature: "public init(\(params.joined(separator: ", ")))", body: body)
    }

    static func codingKeys(_ fields: [FieldDef]) -> SwiftDecl {
        let cases: [SwiftDecl] = fields.map {
            let name = $0.swiftIdentifier
            return .enumCase(docs: [], text: name == $0.name ? name : "\(name) = \(Naming.literal($0.name))")
        }
        return .type(kind: .enum, name: "CodingKeys", conformances: ["String", "CodingKey"], docs: ["JSON field names."], members: cases)
    }

    /// `writeJSON`; `paging` (whether the legacy totals are written) is set for paginable entities.
    static func writeFunction(_ fields: [FieldDef], _ types: TypeMapping, entityType: Bool, paging: Bool? = nil) -> SwiftDecl {
        var body: [SwiftStmt] = [.line("writer.beginObject()")]
        if entityType {
            body += [.line("writer.key(\"entity-type\")"), .line("writer.string(Self.entityType)")]
        }
        if let legacyTotals = paging {
            body.append(.line("paging?.writeFields(to: &writer, legacyTotals: \(legacyTotals))"))
        }
        for field in fields {
            let name = field.swiftIdentifier.trimmingBackticks
            let write = types.write("value", field.type)
            if let zero = zero(field) {
                body.append(.block("if !writer.omitsZeroValues || self.\(name) != \(zero) {",
                                   [.line("writer.key(\(Naming.literal(field.name)))"), .line("let value = self.\(name)")] + write))
            } else if field.omit || field.inputOnly {
                body.append(.block("if let value = self.\(name) {", [.line("writer.key(\(Naming.literal(field.name)))")] + write))
            } else {
                body.append(.line("writer.key(\(Naming.literal(field.name)))"))
                body.append(.block("if let value = self.\(name) {", write, close: "} else {"))
                body.append(.line("    writer.null()"))
                body.append(.line("}"))
            }
        }
        body.append(.line("writer.endObject()"))
        return .function(docs: ["Writes the JSON object, fields in spec order."],
                         signature: "public func writeJSON(to writer: inout JSONWriter)", body: body)
    }

    static func enumDecl(_ e: EnumDef) -> SwiftDecl {
        let name = Naming.upperCamel(e.name)
        var members: [SwiftDecl] = e.values.map { .enumCase(docs: ["`\($0)`"], text: Naming.identifier($0)) }
        members.append(.enumCase(docs: ["A value this version does not know."], text: "unknown(String)"))
        let input = e.caseInsensitive ? "rawValue.lowercased()" : "rawValue"
        var cases: [SwiftStmt] = e.values.map {
            .line("case \(Naming.literal(e.caseInsensitive ? $0.lowercased() : $0)): self = .\(Naming.identifier($0))")
        }
        cases.append(.line("default: self = .unknown(rawValue)"))
        members.append(.function(docs: ["Decodes a value\(e.caseInsensitive ? ", ignoring case" : ""); unknown values are kept."],
                                 signature: "public init(rawValue: String)", body: [.block("switch \(input) {", cases)]))
        var raw: [SwiftStmt] = e.values.map { .line("case .\(Naming.identifier($0)): return \(Naming.literal($0))") }
        raw.append(.line("case .unknown(let value): return value"))
        members.append(.property(docs: ["The wire value."], modifiers: "public var", name: "rawValue", type: "String", value: nil,
                                 body: [.block("switch self {", raw)]))
        members.append(.property(docs: ["The known values."], modifiers: "public static var", name: "knownCases", type: "[\(name)]",
                                 value: nil, body: [.line("[" + e.values.map { "." + Naming.identifier($0) }.joined(separator: ", ") + "]")]))
        members.append(.function(docs: ["Decodes from a JSON string."], signature: "public init(from decoder: any Decoder) throws",
                                 body: [.line("self.init(rawValue: try decoder.singleValueContainer().decode(String.self))")]))
        members.append(.function(docs: ["Encodes as a JSON string."], signature: "public func encode(to encoder: any Encoder) throws",
                                 body: [.line("var container = encoder.singleValueContainer()"), .line("try container.encode(rawValue)")]))
        return .type(kind: .enum, name: name, conformances: ["RawRepresentable", "Codable", "Hashable", "Sendable"],
                     docs: [e.description, "", "Generated from \(e.origin)"], members: members)
    }

    static func examplesFile(_ model: SpecModel) -> GeneratedFile {
        var items: [SwiftStmt] = []
        for entity in model.entities {
            for example in entity.examples {
                items.append(.line("EntityExample(entity: \(Naming.literal(entity.name)), name: \(Naming.literal(example.name)), "
                    + "json: \(Naming.literal(example.json.trimmingCharacters(in: .whitespacesAndNewlines))), "
                    + "decode: { try NXJSON.decode(\(entity.swiftName).self, from: $0) }),"))
            }
        }
        let decl: SwiftDecl = .type(
            kind: .enum, name: "EntityExamples", conformances: [], docs: ["Every example of `Spec/entities/`, for round-trip tests."],
            members: [.property(docs: ["All examples, by entity then spec order."], modifiers: "public static var", name: "all",
                                type: "[EntityExample]", value: nil, body: [.block("[", items, close: "]")])])
        let sources = Set(model.entities.filter { !$0.examples.isEmpty }.map(\.origin.file))
        return GeneratedFile(path: "NXModel/EntityExamples.swift",
                             contents: SwiftRenderer.render(SwiftFile(sources: Array(sources), imports: ["NXRuntime"], decls: [decl])))
    }
}

extension String {
    var trimmingBackticks: String { replacingOccurrences(of: "`", with: "") }
}

extension FieldDef {
    /// The Swift property name: the declared `swiftName`, else the JSON name in lower camel case.
    var swiftIdentifier: String { swiftName.map(Naming.identifier) ?? Naming.identifier(name) }
}
