import Foundation

/// Checks cross-references, uniqueness and consistency, then builds the sorted model.
enum SpecValidator {
    static func validate(_ raw: RawSpec, _ d: inout Diagnostics) -> SpecModel? {
        var raw = raw
        resolveParamSets(&raw, &d)
        guard let (api, _) = raw.api else {
            d.error(.missingKey, "no file defines 'api' (expected in api.yaml)", at: SourceLocation(file: "Spec/api.yaml", line: 1, column: 1))
            return nil
        }
        checkUnique(raw.entities.map { ($0.name, $0.origin.location) }, "entity", &d)
        checkUnique(raw.endpoints.map { ($0.id, $0.origin.location) }, "endpoint id", &d)
        checkUnique(raw.headers.map { ($0.name, $0.origin.location) }, "header", &d)
        checkUnique(raw.schemas.map { ($0.name, $0.origin.location) }, "schema", &d)
        checkUnique(raw.facets.map { ($0.name, $0.origin.location) }, "facet", &d)
        checkUnique(raw.lifecycles.map { ($0.name, $0.origin.location) }, "lifecycle", &d)
        checkUnique(raw.docTypes.map { ($0.name, $0.origin.location) }, "document type", &d)
        checkUnique(raw.scenarios.map { ($0.id, $0.origin.location) }, "scenario id", &d)
        checkUnique(raw.pageProviders.map { ($0.name, $0.origin.location) }, "page provider", &d)
        checkUnique(raw.operationNameLocations, "operation id or alias", code: .duplicateOperation, &d)
        checkUnique(raw.enrichers.map { ("\($0.entity)/\($0.name)", $0.origin.location) }, "enricher (entity/name)", &d)
        checkUnique(raw.directoryNameLocations, "directory name or alias", &d)
        let objects = raw.entities.flatMap(\.objects)
        checkUnique((raw.enums.map { ($0.name, $0.origin.location) }) + objects.map { ($0.name, $0.origin.location) }
                    + raw.entities.map { ($0.name, $0.origin.location) }, "type name", &d)
        for entity in raw.entities {
            checkUnique(entity.fields.map { ($0.name, $0.location) }, "field of entity '\(entity.name)'", &d)
            // JSON names that differ only in punctuation (`prefix`, `@prefix`) would make one Swift property.
            var seen: [String: String] = [:]
            for field in entity.fields {
                let key = (field.swiftName ?? field.name).filter { $0.isLetter || $0.isNumber }.lowercased()
                if let other = seen[key], other != field.name {
                    d.error(.duplicate, "fields '\(other)' and '\(field.name)' of entity '\(entity.name)' make the same Swift name; give one a swiftName",
                            at: field.location)
                }
                seen[key] = field.name
            }
        }

        checkRefs(raw.entityRefs, kind: "entity", code: .unknownEntity, known: raw.entities.map(\.name), &d)
        checkRefs(raw.schemaRefs, kind: "schema", code: .unknownSchema, known: raw.schemas.map(\.name), &d)
        checkRefs(raw.facetRefs, kind: "facet", code: .unknownFacet, known: raw.facets.map(\.name), &d)
        checkRefs(raw.docTypeRefs, kind: "document type", code: .unknownDocType, known: raw.docTypes.map(\.name), &d)
        checkRefs(raw.lifecycleRefs, kind: "lifecycle", code: .unknownLifecycle, known: raw.lifecycles.map(\.name), &d)
        checkRefs(raw.headerRefs, kind: "header", code: .unknownHeader, known: raw.headers.map(\.name), &d)
        let typeNames = raw.enums.map(\.name) + objects.map(\.name) + raw.entities.map(\.name)
        let builtins = ["string", "boolean", "integer", "long", "double", "object", "json", "integerString", "docRef", "xpath"]
        for (type, location) in raw.typeRefs {
            for name in type.referencedNames where !typeNames.contains(name) {
                d.unknown(.unknownType, kind: "type", name: name, candidates: typeNames + builtins, at: location)
            }
        }
        for (typeName, field, location) in raw.bodyRequiredRefs {
            guard let fields = raw.entities.first(where: { $0.name == typeName })?.fields ?? objects.first(where: { $0.name == typeName })?.fields
            else { continue }
            let names = fields.map(\.name)
            if !names.contains(field) { d.unknown(.invalidValue, kind: "'\(typeName)' field", name: field, candidates: names, at: location) }
        }
        checkInheritance(raw.docTypes, &d)
        checkRoutes(raw.endpoints, &d)
        checkExamples(raw.entities, &d)
        checkDirectories(raw, &d)
        checkMessages(raw, &d)
        for (item, location) in raw.content where !item.path.hasPrefix("/") {
            d.error(.invalidValue, "content path '\(item.path)' must be absolute", at: location)
        }

        let chains = checkChains(raw, &d)
        let businessObjects = checkBusinessObjects(raw, &d)
        var model = SpecModel(
            api: api,
            headers: raw.headers.sorted { $0.name < $1.name },
            enums: raw.enums.sorted { $0.name < $1.name },
            entities: raw.entities.sorted { $0.name < $1.name },
            endpoints: raw.endpoints.sorted { $0.id < $1.id },
            paramSets: raw.paramSets.sorted { $0.name < $1.name },
            schemas: raw.schemas.sorted { $0.name < $1.name },
            facets: raw.facets.sorted { $0.name < $1.name },
            lifecycles: raw.lifecycles.sorted { $0.name < $1.name },
            docTypes: raw.docTypes,
            content: raw.content.map(\.0),
            scenarios: raw.scenarios.sorted { $0.id < $1.id },
            pageProviders: raw.pageProviders.sorted { $0.name < $1.name },
            operations: raw.operations.sorted { $0.id < $1.id },
            enrichers: raw.enrichers,
            directories: raw.directories.sorted { $0.name < $1.name },
            messageBundles: raw.messageBundles.sorted { ($0.isDefault ? 0 : 1, $0.locale) < ($1.isDefault ? 0 : 1, $1.locale) })
        model.chains = chains
        model.workflows = checkWorkflows(raw, &d)
        checkUnique(raw.bulkActions.map { ($0.id, $0.origin.location) }, "bulk action", &d)
        for action in raw.bulkActions { checkUnique(action.params.map { ($0.name, $0.location) }, "parameter of bulk action '\(action.id)'", &d) }
        model.bulkActions = raw.bulkActions.sorted { $0.id < $1.id }
        checkConverters(raw, &d)
        model.converters = raw.converters.sorted { $0.name < $1.name }
        checkUnique(raw.renditions.map { ($0.name, $0.origin.location) }, "rendition", &d)
        model.renditions = raw.renditions
        model.businessObjects = businessObjects
        checkSDK(raw, &d)
        model.sdkResources = raw.sdkResources
        model.sdkOperationsResource = raw.sdkOperations?.0
        return model
    }

    static func checkUnique(_ items: [(String, SourceLocation)], _ kind: String, code: DiagnosticCode = .duplicate, _ d: inout Diagnostics) {
        var first: [String: SourceLocation] = [:]
        for (name, location) in items.sorted(by: { $0.1 < $1.1 }) {
            if let previous = first[name] {
                d.error(code, "duplicate \(kind) '\(name)' (first defined at \(previous))", at: location)
            } else {
                first[name] = location
            }
        }
    }

    static func checkRefs(_ refs: [(String, SourceLocation)], kind: String, code: DiagnosticCode, known: [String], _ d: inout Diagnostics) {
        let set = Set(known)
        for (name, location) in refs where !set.contains(name) {
            d.unknown(code, kind: kind, name: name, candidates: known, at: location)
        }
    }

    static func checkInheritance(_ types: [DocTypeDef], _ d: inout Diagnostics) {
        let byName = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for type in types {
            var chain = [type.name]
            var current = type.extends
            while let name = current, let parent = byName[name] {
                chain.append(name)
                if name == type.name || chain.dropLast().contains(name) {
                    if name == type.name {
                        d.error(.inheritanceCycle, "document type '\(type.name)' extends itself: \(chain.joined(separator: " → "))",
                                at: type.origin.location)
                    }
                    break
                }
                current = parent.extends
            }
        }
    }

    static func checkRoutes(_ endpoints: [EndpointDef], _ d: inout Diagnostics) {
        var seen: [String: EndpointDef] = [:]
        for endpoint in endpoints.sorted(by: { $0.origin.location < $1.origin.location }) {
            let shape = endpoint.path.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
            let key = "\(endpoint.method) \(shape)"
            if let other = seen[key] {
                d.error(.duplicateRoute, "\(endpoint.method) \(endpoint.path) is already answered by '\(other.id)' (\(other.origin.location))",
                        at: endpoint.origin.location)
            } else {
                seen[key] = endpoint
            }
        }
    }

    static func checkExamples(_ entities: [EntityDef], _ d: inout Diagnostics) {
        for entity in entities {
            for example in entity.examples {
                guard let data = example.json.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else {
                    d.error(.invalidExample, "example '\(example.name)' of entity '\(entity.name)' is not a JSON object", at: example.location)
                    continue
                }
                if let type = object["entity-type"] as? String, type != entity.name {
                    d.error(.invalidExample, "example '\(example.name)' has entity-type '\(type)', expected '\(entity.name)'", at: example.location)
                }
            }
        }
    }
}
