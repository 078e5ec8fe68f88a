import NXCore
import NXModel
import NXRuntime

/// Type introspection JSON (`/config`), built from the schema registry (generated from Spec/repository/).
struct ConfigJSON {
    let registry: SchemaRegistry

    /// Nuxeo's field type strings: `string`, `long`, `string[]`, `blob`, `{"type":"complex","fields":{…}}`, …
    static func fieldType(_ type: FieldType) -> JSONValue {
        switch type {
        case .list(let item): return item.primitiveName.map { .string($0 + "[]") } ?? "list"
        case .complex(let fields): return .object(["type": "complex", "fields": .object(fieldMap(fields))])
        case .complexList(let fields): return .object(["type": "complex[]", "fields": .object(fieldMap(fields))])
        default: return .string(type.primitiveName ?? "")
        }
    }

    static func fieldMap(_ fields: [Field]) -> JSONObject { JSONObject(fields.map { ($0.name, fieldType($0.type)) }) }

    /// The `schema` entity.
    static func schema(_ s: Schema) -> SchemaEntity {
        SchemaEntity(name: s.name, prefix: s.prefix.isEmpty ? nil : s.prefix, atPrefix: s.prefix.isEmpty ? s.name : s.prefix,
                     fields: fieldMap(s.fields))
    }

    func docType(_ name: String) throws -> DocTypeEntity {
        guard let type = registry.type(name) else { throw NXError.notFound("Type not found: \(name)") }
        return DocTypeEntity(name: type.name, parent: type.parent, facets: type.facets, schemas: type.schemas.map(Self.schema))
    }

    func schema(_ name: String) throws -> SchemaEntity {
        guard let schema = registry.schemas[name] else { throw NXError.notFound("Schema not found: \(name)") }
        return Self.schema(schema)
    }

    func facet(_ name: String) throws -> FacetEntity {
        guard let facet = registry.facets[name] else { throw NXError.notFound("Facet not found: \(name)") }
        return FacetEntity(name: facet.name, schemas: facet.schemas.compactMap { registry.schemas[$0] }.map(Self.schema))
    }

    /// `/config/types`: every type (`parent` "None!!!" for the top type, as Nuxeo writes it) and every schema.
    func types() -> JSONValue {
        let doctypes = registry.typeNames.compactMap(registry.type).map { type -> (String, JSONValue) in
            (type.name, .object(["parent": .string(type.parent ?? "None!!!"), "facets": .array(type.facets.map(JSONValue.string)),
                                 "schemas": .array(type.schemas.map { .string($0.name) })]))
        }
        let schemas = registry.schemas.keys.sorted().compactMap { registry.schemas[$0] }.map { schema -> (String, JSONValue) in
            var fields: [(String, JSONValue)] = [("@prefix", .string(schema.prefix.isEmpty ? schema.name : schema.prefix))]
            fields += schema.fields.map { ($0.name, Self.fieldType($0.type)) }
            return (schema.name, .object(JSONObject(fields)))
        }
        return .object(["doctypes": .object(JSONObject(doctypes)), "schemas": .object(JSONObject(schemas))])
    }

    /// `/config/schemas`: an array of `{name, @prefix, fields}`.
    func schemas() -> JSONValue {
        .array(registry.schemas.keys.sorted().compactMap { registry.schemas[$0] }.map { schema in
            .object(["name": .string(schema.name), "@prefix": .string(schema.prefix.isEmpty ? schema.name : schema.prefix),
                     "fields": .object(Self.fieldMap(schema.fields))])
        })
    }

    /// `/config/facets`: an array of `{name, schemas}`.
    func facets() -> JSONValue {
        .array(registry.facets.keys.sorted().compactMap { registry.facets[$0] }.map { facet in
            .object(["name": .string(facet.name), "schemas": .array(facet.schemas.compactMap { registry.schemas[$0] }.map { Self.schema($0).jsonValue })])
        })
    }
}
