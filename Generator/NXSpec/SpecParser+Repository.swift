extension SpecParser {
    static let primitiveFieldTypes = ["string", "long", "integer", "double", "boolean", "date", "blob"]

    static func parseSchemas(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "schemas", &d) {
            guard let name = key.string("a schema name", &d),
                  let f = value.fields("schema '\(name)'", allowed: ["prefix", "fields"], required: ["fields"], d: &d)
            else { continue }
            checkName(name, "schema name", at: key.location, &d)
            let fields = f["fields"].map { parseSchemaFields($0, owner: "schema '\(name)'", into: &raw, &d) } ?? []
            raw.schemas.append(SchemaDef(name: name, prefix: f["prefix"]?.string("prefix", &d) ?? name, fields: fields,
                                         origin: origin(node.file, name, key.location)))
        }
    }

    static func parseSchemaFields(_ node: SpecNode, owner: String, into raw: inout RawSpec, _ d: inout Diagnostics) -> [SchemaFieldDef] {
        var result: [SchemaFieldDef] = []
        var seen = Set<String>()
        for (key, value) in mappingPairs(node, "fields of \(owner)", &d) {
            guard let name = key.string("a field name", &d) else { continue }
            if !seen.insert(name).inserted { d.error(.duplicate, "duplicate field '\(name)' in \(owner)", at: key.location) }
            if let text = value.scalar {
                let base = text.hasSuffix("[]") ? String(text.dropLast(2)) : text
                if base == "complex" {
                    d.error(.missingKey, "field '\(name)' of type \(text) needs 'fields'", at: value.location)
                } else if !primitiveFieldTypes.contains(base) {
                    d.unknown(.unknownType, kind: "field type", name: text,
                              candidates: primitiveFieldTypes + primitiveFieldTypes.map { $0 + "[]" } + ["complex", "complex[]"],
                              at: value.location)
                    continue
                }
                result.append(SchemaFieldDef(name: name, type: text.hasSuffix("[]") ? .list(base) : .primitive(base)))
            } else if let f = value.fields("field '\(name)'", allowed: ["type", "fields", "resolver", "secured"], required: ["type"], d: &d),
                      let typeNode = f["type"], let type = typeNode.string("type", &d) {
                let sub = f["fields"].map { parseSchemaFields($0, owner: "field '\(name)'", into: &raw, &d) } ?? []
                let resolver = f["resolver"].flatMap { parseResolver($0, field: name, into: &raw, &d) }
                if let location = f.keyLocations["resolver"], resolver != nil, type != "string", type != "string[]" {
                    d.error(.invalidValue, "field '\(name)' of type \(type) cannot have a directory resolver (string or string[] only)", at: location)
                }
                let count = result.count
                switch type {
                case "complex": result.append(SchemaFieldDef(name: name, type: .complex(sub)))
                case "complex[]": result.append(SchemaFieldDef(name: name, type: .complexList(sub)))
                default:
                    let base = type.hasSuffix("[]") ? String(type.dropLast(2)) : type
                    if primitiveFieldTypes.contains(base) {
                        result.append(SchemaFieldDef(name: name, type: type.hasSuffix("[]") ? .list(base) : .primitive(base)))
                    } else {
                        d.unknown(.unknownType, kind: "field type", name: type, candidates: primitiveFieldTypes + ["complex", "complex[]"],
                                  at: typeNode.location)
                    }
                }
                if let resolver, result.count > count { result[count].resolver = resolver }
                if let secured = f["secured"]?.bool("secured", &d), result.count > count { result[count].secured = secured }
            }
        }
        return result
    }

    static func parseFacets(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "facets", &d) {
            guard let name = key.string("a facet name", &d),
                  let f = value.fields("facet '\(name)'", allowed: ["schemas"], d: &d) else { continue }
            let schemas = f["schemas"]?.strings("schemas", &d) ?? []
            raw.schemaRefs += schemas
            raw.facets.append(FacetDef(name: name, schemas: schemas.map(\.0), origin: origin(node.file, name, key.location)))
        }
    }

    static func parseLifecycles(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "lifecycles", &d) {
            guard let name = key.string("a lifecycle name", &d),
                  let f = value.fields("lifecycle '\(name)'", allowed: ["initial", "states", "transitions"], required: ["initial", "states"], d: &d)
            else { continue }
            let states = f["states"]?.strings("states", &d) ?? []
            let stateNames = states.map(\.0)
            let initial = f["initial"]?.string("initial", &d) ?? ""
            if let loc = f["initial"]?.location, !stateNames.contains(initial) {
                d.unknown(.invalidValue, kind: "state", name: initial, candidates: stateNames, at: loc)
            }
            var transitions: [(name: String, from: [String], to: String)] = []
            let transitionPairs: [(key: SpecNode, value: SpecNode)] = f["transitions"].map { mappingPairs($0, "transitions", &d) } ?? []
            for (tKey, tValue) in transitionPairs {
                guard let tName = tKey.string("a transition name", &d),
                      let tf = tValue.fields("transition '\(tName)'", allowed: ["from", "to"], required: ["from", "to"], d: &d)
                else { continue }
                let from: [(String, SourceLocation)] = tf["from"]?.strings("from", &d) ?? []
                let to = tf["to"]?.string("to", &d) ?? ""
                let toLocation = tf["to"]?.location ?? tKey.location
                for (s, loc) in from + [(to, toLocation)] where !stateNames.contains(s) {
                    d.unknown(.invalidValue, kind: "state", name: s, candidates: stateNames, at: loc)
                }
                transitions.append((tName, from.map { $0.0 }, to))
            }
            raw.lifecycles.append(LifecycleDef(name: name, initial: initial, states: stateNames, transitions: transitions,
                                               origin: origin(node.file, name, key.location)))
        }
    }

    static func parseDocTypes(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        for (key, value) in mappingPairs(node, "types", &d) {
            guard let name = key.string("a type name", &d),
                  let f = value.fields("type '\(name)'", allowed: ["extends", "schemas", "facets", "lifecycle", "subtypes", "description"], d: &d)
            else { continue }
            checkName(name, "type name", at: key.location, &d)
            var extends: String?
            if let e = f["extends"], let parent = e.string("extends", &d) {
                extends = parent
                raw.docTypeRefs.append((parent, e.location))
            }
            let schemas = f["schemas"]?.strings("schemas", &d) ?? []
            let facets = f["facets"]?.strings("facets", &d) ?? []
            let subtypes = f["subtypes"]?.strings("subtypes", &d) ?? []
            raw.schemaRefs += schemas
            raw.facetRefs += facets
            raw.docTypeRefs += subtypes
            var lifecycle: String?
            if let l = f["lifecycle"], let text = l.string("lifecycle", &d) {
                lifecycle = text
                raw.lifecycleRefs.append((text, l.location))
            }
            raw.docTypes.append(DocTypeDef(
                name: name, extends: extends, schemas: schemas.map(\.0), facets: facets.map(\.0), lifecycle: lifecycle,
                subtypes: subtypes.map(\.0), description: f["description"]?.string("description", &d) ?? "",
                origin: origin(node.file, name, key.location)))
        }
    }

    static func parseContent(_ node: SpecNode, into raw: inout RawSpec, _ d: inout Diagnostics) {
        guard let items = node.items else {
            d.error(.wrongNodeKind, "content must be a sequence, found \(node.kindName)", at: node.location)
            return
        }
        for item in items {
            guard let f = item.fields("a content item", allowed: ["path", "type", "title"], required: ["path", "type"], d: &d),
                  let path = f["path"]?.string("path", &d), let typeNode = f["type"], let type = typeNode.string("type", &d)
            else { continue }
            raw.docTypeRefs.append((type, typeNode.location))
            raw.content.append((ContentItem(path: path, type: type, title: f["title"]?.string("title", &d)), item.location))
        }
    }

    static func mappingPairs(_ node: SpecNode, _ what: String, _ d: inout Diagnostics) -> [(key: SpecNode, value: SpecNode)] {
        guard let pairs = node.pairs else {
            d.error(.wrongNodeKind, "\(what) must be a mapping, found \(node.kindName)", at: node.location)
            return []
        }
        return pairs
    }
}
