extension SpecParser {
    /// `businessObjects:` — a sequence of `{ name, description, fields: { jsonName: "prefix:property" } }`.
    static func parseBusinessObjects(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "businessObjects must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("a business object", allowed: ["name", "description", "fields"], required: ["name", "fields"], d: &d),
                  let nameNode = f["name"], let name = nameNode.string("name", &d)
            else { continue }
            if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || name.first?.isNumber == true {
                d.error(.invalidValue, "invalid business object name '\(name)' (letters, digits and '_', as a Java class name)",
                        at: nameNode.location)
            }
            var fields: [BusinessFieldDef] = []
            if let fieldsNode = f["fields"] {
                if let pairs = fieldsNode.pairs {
                    for (key, value) in pairs {
                        guard let field = key.string("a field name", &d), let property = value.string("a property xpath", &d) else { continue }
                        if ["id", "type"].contains(field) {
                            d.error(.invalidValue, "field '\(field)' of business object '\(name)' is written by the server", at: key.location)
                        }
                        fields.append(BusinessFieldDef(name: field, property: property, type: nil, location: value.location))
                    }
                } else {
                    d.error(.wrongNodeKind, "fields of business object '\(name)' must be a mapping, found \(fieldsNode.kindName)",
                            at: fieldsNode.location)
                }
            }
            raw.businessObjects.append(BusinessObjectDef(
                name: name, description: f["description"]?.string("description", &d) ?? "", fields: fields,
                origin: origin(node.file, name, nameNode.location)))
        }
    }
}
