extension SpecValidator {
    /// Business objects: unique names, unique fields, every field bound to a property some schema defines (its type is
    /// resolved for the emitted codec). Returns them sorted by name.
    static func checkBusinessObjects(_ raw: RawSpec, _ d: inout Diagnostics) -> [BusinessObjectDef] {
        checkUnique(raw.businessObjects.map { ($0.name, $0.origin.location) }, "business object", &d)
        var properties: [String: SchemaFieldType] = [:]
        for schema in raw.schemas {
            for field in schema.fields { properties["\(schema.prefix):\(field.name)"] = field.type }
        }
        var result: [BusinessObjectDef] = []
        for var object in raw.businessObjects {
            checkUnique(object.fields.map { ($0.name, $0.location) }, "field of business object '\(object.name)'", &d)
            // Names that make the same Swift property (`fooBar` / `foo_bar`, `ID` / `id`) would not compile.
            var swiftNames: [String: String] = ["id": "id", "type": "type"]
            for field in object.fields {
                let key = field.name.filter { $0.isLetter || $0.isNumber }.lowercased()
                if let other = swiftNames[key], other != field.name {
                    d.error(.duplicate, "field '\(field.name)' of business object '\(object.name)' makes the same Swift name as '\(other)'",
                            at: field.location)
                } else {
                    swiftNames[key] = field.name
                }
            }
            for index in object.fields.indices {
                let property = object.fields[index].property
                if let type = properties[property] {
                    object.fields[index].type = type
                } else {
                    d.unknown(.unknownSchemaField, kind: "property", name: property, candidates: properties.keys.sorted(),
                              at: object.fields[index].location)
                }
            }
            result.append(object)
        }
        return result.sorted { $0.name < $1.name }
    }
}
