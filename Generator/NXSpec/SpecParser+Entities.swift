extension SpecParser {
    static func parseEntity(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let f = node.fields("an entity file", allowed: entityKeys, required: ["entity"], d: &d),
              let nameNode = f["entity"], let name = nameNode.string("entity", &d)
        else { return }
        checkName(name, "entity name", at: nameNode.location, &d)
        let fields = f["fields"].map { parseFields($0, owner: "entity '\(name)'", into: &raw, &d) } ?? []
        var objects: [ObjectDef] = []
        if let objectsNode = f["objects"] {
            for (key, value) in objectsNode.pairs ?? [] {
                guard let objectName = key.string("an object name", &d),
                      let of = value.fields("object '\(objectName)'", allowed: ["description", "fields"], required: ["fields"], d: &d)
                else { continue }
                checkName(objectName, "object name", at: key.location, &d)
                objects.append(ObjectDef(
                    name: objectName, description: of["description"]?.string("description", &d) ?? "",
                    fields: of["fields"].map { parseFields($0, owner: "object '\(objectName)'", into: &raw, &d) } ?? [],
                    origin: origin(node.file, objectName, key.location)))
            }
            if objectsNode.pairs == nil { d.error(.wrongNodeKind, "objects must be a mapping, found \(objectsNode.kindName)", at: objectsNode.location) }
        }
        var examples: [ExampleDef] = []
        for item in f["examples"]?.items ?? [] {
            guard let ef = item.fields("an example", allowed: ["name", "json"], required: ["name", "json"], d: &d),
                  let exampleName = ef["name"]?.string("example name", &d), let json = ef["json"]?.string("example json", &d)
            else { continue }
            examples.append(ExampleDef(name: exampleName, json: json, location: item.location))
        }
        let paginable = f["paginable"]?.bool("paginable", &d) ?? false
        var entries: String?
        if let e = f["entries"], let entryName = e.string("entries", &d) {
            entries = entryName
            raw.entityRefs.append((entryName, e.location))
        }
        if paginable && entries == nil {
            d.error(.missingKey, "paginable entity '\(name)' is missing required key 'entries'", at: node.location)
        }
        let swiftName = f["swiftName"]?.string("swiftName", &d) ?? (name.prefix(1).uppercased() + name.dropFirst() + "Entity")
        var runtimeType: String?
        if let r = f["runtimeType"], let text = r.string("runtimeType", &d) {
            checkName(text, "runtimeType", at: r.location, &d)
            runtimeType = text
        }
        raw.entities.append(EntityDef(
            name: name, swiftName: swiftName, description: f["description"]?.string("description", &d) ?? "",
            fields: fields, paginable: paginable, totalSize: f["totalSize"]?.bool("totalSize", &d) ?? paginable,
            entries: entries, objects: objects, examples: examples, origin: origin(node.file, name, nameNode.location),
            runtimeType: runtimeType))
    }

    /// Fields: `name: type` or `name: { type, omit, input, presence, description }`.
    static func parseFields(_ node: SpecNode, owner: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> [FieldDef] {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "fields of \(owner) must be a mapping, found \(node.kindName)", at: node.location)
            return []
        }
        var result: [FieldDef] = []
        for (key, value) in pairs {
            guard let name = key.string("a field name", &d) else { continue }
            var typeText: String?
            var typeLocation = value.location
            var omit = false, input = false, presence = false, description = ""
            var swiftName: String?
            var minLength: Int?
            if let text = value.scalar {
                typeText = text
            } else if let f = value.fields("field '\(name)' of \(owner)", allowed: ["type", "omit", "input", "presence", "description", "swiftName", "minLength"],
                                           required: ["type"], d: &d) {
                typeText = f["type"]?.string("type", &d)
                typeLocation = f["type"]?.location ?? value.location
                omit = f["omit"]?.bool("omit", &d) ?? false
                input = f["input"]?.bool("input", &d) ?? false
                presence = f["presence"]?.bool("presence", &d) ?? false
                description = f["description"]?.string("description", &d) ?? ""
                if let m = f["minLength"], let text = m.string("minLength", &d) {
                    if let n = Int(text), n >= 0 { minLength = n } else { d.error(.invalidValue, "minLength must be a count, found '\(text)'", at: m.location) }
                }
                if let n = f["swiftName"], let text = n.string("swiftName", &d) {
                    checkName(text, "swiftName", at: n.location, &d)
                    swiftName = text
                }
            }
            guard let typeText else { continue }
            let (type, nullable) = parseType(typeText)
            raw.typeRefs.append((type, typeLocation))
            var field = FieldDef(name: name, type: type, nullable: nullable, omit: omit, inputOnly: input,
                                 description: description, swiftName: swiftName, location: key.location)
            field.minLength = minLength
            field.presenceMatters = presence
            if minLength != nil && type != .string { d.error(.invalidValue, "minLength applies to string fields", at: key.location) }
            result.append(field)
        }
        return result
    }
}
